// The lock protocol (src/persistence/locks.ts lockInOrder): devices, then identifiers, then
// messageIds, then profile roots, each list sorted by the caller. Writing a property takes the
// node's write lock until the transaction ends; every writer takes them in this one order, so two
// writers never wait on each other in a cycle. Nodes that do not exist are skipped.
CALL (*) {
  UNWIND $deviceIds AS deviceId
  MATCH (d:Device {space: $space, id: deviceId})
  SET d.__lock = true REMOVE d.__lock
  RETURN count(d) AS devices
}
CALL (*) {
  UNWIND $identifiers AS identifier
  MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  SET i.__lock = true REMOVE i.__lock
  RETURN count(i) AS identifiers
}
CALL (*) {
  UNWIND $messageIds AS messageId
  MATCH (m:Message {space: $space, id: messageId})
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
