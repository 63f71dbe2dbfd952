// The fast path for observations that change nothing (src/rules/batch.ts) decides on a batch's
// neighbourhood, without loading whole profiles; it needs to know which profiles an admin merged
// past a limit. From now on mergeProfiles(force: true) marks their profile ids; this marks those
// of the forced merges made before.
MATCH (a:ProfileId)-[:MERGED_WITH {forced: true}]->(b:ProfileId)
MATCH (p:ProfileId {space: a.space})
WHERE p.profile IN [a.profile, b.profile]
SET p.limitsWaived = true;
