// A merge an admin forced past a limit (mergeProfiles with force) marks the merged profile ids, so
// the fast path for observations that change nothing (src/rules/batch.ts) knows this profile may
// exceed its limits and leaves its observations to the whole rules.
UNWIND $profileIds AS profileId
MATCH (p:ProfileId {space: $space, id: profileId})
SET p.limitsWaived = true
