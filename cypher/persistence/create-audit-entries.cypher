// Audit entries (src/persistence/audit.ts writeAuditEntries): one node per entry, ABOUT each
// profile id it names that exists. Identifiers are stored as "type:value" strings.
UNWIND $entries AS e
CREATE (a:AuditEntry {space: $space, id: e.id, at: e.at, action: e.action, actor: $actor, reason: e.reason,
                      profileIds: e.profileIds, identifiers: e.identifiers, deviceIds: e.deviceIds,
                      messageId: e.messageId, causedBy: e.causedBy, undoes: e.undoes})
WITH a, e
CALL (a, e) {
  UNWIND e.profileIds AS profileId
  WITH DISTINCT profileId
  MATCH (p:ProfileId {space: $space, id: profileId})
  CREATE (a)-[:ABOUT]->(p)
}
CALL (a, e) {
  MATCH (u:AuditEntry {space: $space, id: e.undoes})
  CREATE (a)-[:UNDOES]->(u)
}
