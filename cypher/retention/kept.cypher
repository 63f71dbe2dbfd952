// `idgraph check`: what a space keeps for good (the people: devices, profile ids, identifiers, each
// device's changes of profile id, the audit of changes) and what it keeps for a window (receipts for
// the dedup window, marks until their device's horizon, the feed's outbox for its retention), each
// counted on its key's index.
CALL () { MATCH (n:Device {space: $space}) WHERE n.id IS NOT NULL RETURN count(n) AS devices }
CALL () { MATCH (n:ProfileId {space: $space}) WHERE n.id IS NOT NULL RETURN count(n) AS profileIds }
CALL () { MATCH (n:Identifier {space: $space}) WHERE n.type IS NOT NULL AND n.value IS NOT NULL RETURN count(n) AS identifiers }
CALL () {
  MATCH (n:Stretch {space: $space}) WHERE n.deviceId IS NOT NULL AND n.from IS NOT NULL AND n.fromSeq IS NOT NULL
  RETURN count(n) AS stretches
}
CALL () { MATCH (n:AuditEntry {space: $space}) WHERE n.id IS NOT NULL RETURN count(n) AS auditEntries }
CALL () { MATCH (n:Message {space: $space}) WHERE n.id IS NOT NULL RETURN count(n) AS receipts }
CALL () { MATCH (n:Message {space: $space}) WHERE n.arrivedAt < $cutoff RETURN count(n) AS expiredReceipts }
CALL () {
  MATCH (n:Mark {space: $space}) WHERE n.deviceId IS NOT NULL AND n.posAt IS NOT NULL AND n.posSeq IS NOT NULL
  RETURN count(n) AS marks
}
CALL () { MATCH (n:Change {space: $space}) WHERE n.id IS NOT NULL RETURN count(n) AS changes, min(n.at) AS oldestChange }
RETURN devices, profileIds, identifiers, stretches, auditEntries, receipts, expiredReceipts, marks, changes, oldestChange
