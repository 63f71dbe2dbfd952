// The latest merges of a space, newest first: each PROFILES_MERGED audit entry with the profile
// ids it joined, the identifier that caused it (or the admin's reason), who did it, the messageId
// of the observation, and the profile those profile ids belong to now (a later demerge or unmerge
// may have split them). Table view. Change LIMIT for more.
// Parameter: the space.
//   :param space => 'default'
MATCH (a:AuditEntry {space: $space, action: 'PROFILES_MERGED'})
RETURN a.at AS at, a.profileIds AS profileIds, a.identifiers AS identifiers, a.reason AS reason,
       a.actor AS actor, a.messageId AS messageId,
       COLLECT { MATCH (a)-[:ABOUT]->(p:ProfileId) RETURN DISTINCT p.profile AS profile ORDER BY profile } AS profilesNow,
       a.id AS auditId
ORDER BY a.id DESC
LIMIT 25
