// Unmerge: the one link an entry recorded goes.
UNWIND $profileIds AS id
MATCH (:ProfileId {space: $space, id: id})-[r:IDENTIFIES|MERGED_WITH {auditId: $auditId}]-()
WITH DISTINCT r
DELETE r
