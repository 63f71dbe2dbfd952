// GDPR delete (deleteProfile): entries about the deleted profile ids keep what happened, when, by
// whom and to which profile ids, but lose identifier values, device ids and message ids; then the
// profile's receipts (by the profile id each is attributed to: one index seek each), its traits
// (rule 11), the timeline marks of its devices, its identifiers, profile ids and the devices left
// with no profile id go.
CALL () {
  UNWIND $profileIds AS id
  MATCH (:ProfileId {space: $space, id: id})<-[:ABOUT]-(a:AuditEntry)
  WITH DISTINCT a
  SET a.identifiers = [], a.deviceIds = []
  REMOVE a.messageId, a.refusalKey
}
CALL () {
  UNWIND $profileIds AS id
  MATCH (m:Message {space: $space, profileId: id})
  DETACH DELETE m
}
CALL () {
  UNWIND $profileIds AS id
  MATCH (t:Trait {space: $space, profileId: id})
  WHERE t.name IS NOT NULL // every key property named: the key index serves it
  DETACH DELETE t
}
CALL () {
  UNWIND $deviceIds AS id
  MATCH (m:Mark {space: $space, deviceId: id})
  WHERE m.posAt IS NOT NULL AND m.posSeq IS NOT NULL // every key property named: the key index serves it
  DETACH DELETE m
}
CALL () {
  UNWIND $identifiers AS identifier
  MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  DETACH DELETE i
}
CALL () {
  UNWIND $profileIds AS id
  MATCH (p:ProfileId {space: $space, id: id})
  DETACH DELETE p
}
CALL () {
  UNWIND $deviceIds AS id
  MATCH (d:Device {space: $space, id: id})
  DETACH DELETE d
}
