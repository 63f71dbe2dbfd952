// Refusals (IDENTITY_ERROR, GHOST_PROFILE: src/persistence/audit.ts writeAuditEntries): a refusal
// of the same profile ids, identifier and device as one already written is that entry once more —
// its count goes up and its lastAt moves — so a device whose every event is refused writes one
// entry, not one per event. Writers of one refusal hold its device's (or identifier's) lock, so
// the key finds at most one entry.
UNWIND $entries AS e
MERGE (a:AuditEntry {space: $space, refusalKey: e.refusalKey})
ON CREATE SET a.id = e.id, a.at = e.at, a.action = e.action, a.actor = $actor, a.reason = e.reason, a.profileIds = e.profileIds,
              a.identifiers = e.identifiers, a.deviceIds = e.deviceIds, a.messageId = e.messageId, a.count = 1, a.lastAt = e.at
ON MATCH SET a.count = coalesce(a.count, 1) + 1, a.lastAt = CASE WHEN e.at > coalesce(a.lastAt, a.at) THEN e.at ELSE a.lastAt END
WITH a, e WHERE a.id = e.id
CALL (a, e) {
  UNWIND e.profileIds AS profileId
  WITH DISTINCT profileId
  MATCH (p:ProfileId {space: $space, id: profileId})
  CREATE (a)-[:ABOUT]->(p)
}
