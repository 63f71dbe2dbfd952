// The materialised merged-profile id of profile ids (src/persistence/writes.ts setRoots).
UNWIND $reroots AS r
MATCH (p:ProfileId {space: $space, id: r.profileId})
SET p.profile = r.root
