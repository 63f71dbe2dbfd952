// Manual merges (mergeProfiles): a MERGED_WITH edge from the winning root to each other root; a
// merge past a limit, made with force, is marked so the invariant checker accepts its excess.
UNWIND $merges AS m
MATCH (a:ProfileId {space: $space, id: m.from})
MATCH (b:ProfileId {space: $space, id: m.to})
CREATE (a)-[r:MERGED_WITH {at: $at, auditId: $auditId}]->(b)
SET r.forced = CASE WHEN $forced THEN true ELSE null END
