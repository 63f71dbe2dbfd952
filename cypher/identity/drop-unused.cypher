// The lock MERGEd a Message for every messageId and a Device for every device of the batch: those
// the batch left unused go again (a messageId with no answer; a device named only by a repeated
// messageId, rule 8). Identifiers go through drop-unlinked-identifiers.cypher.
CALL () {
  UNWIND $messageIds AS messageId
  MATCH (m:Message {space: $space, id: messageId})
  WHERE m.answer IS NULL AND m.profileId IS NULL
  DELETE m
}
CALL () {
  UNWIND $deviceIds AS deviceId
  MATCH (d:Device {space: $space, id: deviceId})
  WHERE NOT (d)-[:HAS_PROFILE_ID]->()
  DETACH DELETE d
}
