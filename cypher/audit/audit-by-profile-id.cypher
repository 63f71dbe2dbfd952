// The entries naming one profile id, found by the entries' own record (the profile id may be
// deleted): through the audit_mentions full-text index ($term: the profile id as one exact term).
CALL db.index.fulltext.queryNodes('audit_mentions', $term) YIELD node AS a
WITH a WHERE a.space = $space AND $profileId IN a.profileIds AND ($after IS NULL OR a.id < $after)
RETURN a {.id, .at, .action, .actor, .reason, .profileIds, .identifiers, .deviceIds, .messageId, .causedBy, .undoes, .count, .lastAt} AS entry ORDER BY a.id DESC LIMIT $limit
