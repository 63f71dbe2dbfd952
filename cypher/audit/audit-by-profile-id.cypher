// The entries naming one profile id, found by the entries' own record (the profile id may be deleted).
MATCH (a:AuditEntry {space: $space}) WHERE $profileId IN a.profileIds AND ($after IS NULL OR a.id < $after)
RETURN a {.id, .at, .action, .actor, .reason, .profileIds, .identifiers, .deviceIds, .messageId, .causedBy, .undoes, .count, .lastAt} AS entry ORDER BY a.id DESC LIMIT $limit
