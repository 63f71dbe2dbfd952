// Entries by id.
UNWIND $ids AS id
MATCH (a:AuditEntry {space: $space, id: id})
RETURN a {.id, .at, .action, .actor, .reason, .profileIds, .identifiers, .deviceIds, .messageId, .causedBy, .undoes, .count, .lastAt} AS entry
