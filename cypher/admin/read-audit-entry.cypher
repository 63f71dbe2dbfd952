// Unmerge: the entry that names the link to undo.
MATCH (a:AuditEntry {space: $space, id: $id})
RETURN a.action AS action, a.causedBy AS causedBy, coalesce(a.profileIds, []) AS profileIds
