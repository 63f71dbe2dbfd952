// The whole space's audit log, newest first, after a cursor.
MATCH (a:AuditEntry {space: $space}) WHERE a.id IS NOT NULL AND ($after IS NULL OR a.id < $after)
RETURN a {.id, .at, .action, .actor, .reason, .profileIds, .identifiers, .deviceIds, .messageId, .causedBy, .undoes, .count, .lastAt} AS entry ORDER BY a.id DESC LIMIT $limit
