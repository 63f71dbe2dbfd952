// The lock protocol for writers that may create what they lock (observations): the same order as
// lock.cypher, but devices, identifiers and messageIds are MERGEd, so a new one exists (and is
// locked) from here on; the store drops those it left unused. Each node is read back after its
// lock is granted: one another transaction deleted meanwhile comes back without its id.
CALL (*) {
  UNWIND $deviceIds AS deviceId
  MERGE (d:Device {space: $space, id: deviceId})
  SET d.__lock = true REMOVE d.__lock
  RETURN count(d) AS devices
}
CALL (*) {
  UNWIND $identifiers AS identifier
  MERGE (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  SET i.__lock = true REMOVE i.__lock
  RETURN count(i) AS identifiers
}
CALL (*) {
  UNWIND $messageIds AS messageId
  MERGE (m:Message {space: $space, id: messageId})
  SET m.__lock = true REMOVE m.__lock
  RETURN collect({messageId: messageId, id: m.id}) AS messages
}
CALL (*) {
  UNWIND $roots AS root
  MATCH (p:ProfileId {space: $space, id: root})
  SET p.__lock = true REMOVE p.__lock
  RETURN count(p) AS roots
}
RETURN messages
