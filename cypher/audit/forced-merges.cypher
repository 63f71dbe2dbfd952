// Which manual merges an admin forced past a limit: the MERGED_WITH edges that a PROFILES_MERGED
// entry made carry that entry's id and, when forced, forced: true.
UNWIND $auditIds AS auditId
OPTIONAL MATCH (:ProfileId {space: $space})-[r:MERGED_WITH {auditId: auditId}]->(:ProfileId {space: $space})
RETURN auditId, count(r) AS edges, coalesce(max(r.forced), false) AS forced
