// Entries that repeat (IDENTITY_ERROR, GHOST_PROFILE, TRAITS_CHANGED: src/persistence/audit.ts
// writeAuditEntries): an entry of the same action, profile ids, identifier and device (and, for a
// trait change, the same traits) as one already written is that entry once more — its count goes up
// and its lastAt moves — so a device whose every event is refused, or a trait that changes with
// every event, writes one entry, not one per event. Writers of one such entry hold its device's
// (or identifier's, or profile id's) lock, so the key finds at most one entry. Returns each draft's
// id with the id of the entry it is now.
UNWIND $entries AS e
MERGE (a:AuditEntry {space: $space, refusalKey: e.refusalKey})
ON CREATE SET a.id = e.id, a.at = e.at, a.action = e.action, a.actor = $actor, a.reason = e.reason, a.profileIds = e.profileIds,
              a.identifiers = e.identifiers, a.deviceIds = e.deviceIds, a.messageId = e.messageId, a.count = 1, a.lastAt = e.at
ON MATCH SET a.count = coalesce(a.count, 1) + 1, a.lastAt = CASE WHEN e.at > coalesce(a.lastAt, a.at) THEN e.at ELSE a.lastAt END
WITH a, e
CALL (a, e) {
  WITH a, e WHERE a.id = e.id
  UNWIND e.profileIds AS profileId
  WITH DISTINCT a, profileId
  MATCH (p:ProfileId {space: $space, id: profileId})
  CREATE (a)-[:ABOUT]->(p)
}
RETURN e.id AS draft, a.id AS stored
