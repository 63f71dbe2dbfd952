// Unmerge: the profile ids at the ends of the link (IDENTIFIES or MERGED_WITH) an entry recorded.
UNWIND $profileIds AS id
MATCH (p:ProfileId {space: $space, id: id})-[r:IDENTIFIES|MERGED_WITH {auditId: $auditId}]-()
RETURN DISTINCT p.id AS id
