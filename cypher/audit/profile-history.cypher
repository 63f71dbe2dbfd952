// A profile's history: the entries about any of its profile ids, newest first, after a cursor.
MATCH (:ProfileId {space: $space, profile: $root})<-[:ABOUT]-(a:AuditEntry)
WITH DISTINCT a WHERE $after IS NULL OR a.id < $after
RETURN a {.id, .at, .action, .actor, .reason, .profileIds, .identifiers, .deviceIds, .messageId, .causedBy, .undoes, .count, .lastAt} AS entry ORDER BY a.id DESC LIMIT $limit
