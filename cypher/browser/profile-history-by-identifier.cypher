// A profile's audit history, newest first, found by one of its identifiers: every entry about any
// of its profile ids (created, identifier linked, merged, identity errors...), with who did it,
// why, and the messageId of the observation that caused it. Table view; to follow an entry's
// links in the graph view, RETURN a, p instead.
// Parameters: the space, and the identifier's type and value, as stored.
//   :param space => 'default'
//   :param type => 'user_id'
//   :param value => 'Smith'
MATCH (:Identifier {space: $space, type: $type, value: $value})-[:IDENTIFIES]->(seed:ProfileId)
WITH DISTINCT seed.profile AS profile
MATCH (p:ProfileId {space: $space, profile: profile})<-[:ABOUT]-(a:AuditEntry)
WITH DISTINCT a
RETURN a.at AS at, a.action AS action, a.profileIds AS profileIds, a.identifiers AS identifiers,
       a.deviceIds AS deviceIds, a.reason AS reason, a.actor AS actor, a.messageId AS messageId, a.id AS auditId
ORDER BY a.id DESC
LIMIT 100
