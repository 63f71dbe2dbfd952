// Profiles that changed get a new revision on their root (src/rules/refusals.ts): a refusal a device
// remembers was decided on the revisions it names, and holds only while they stand.
UNWIND $roots AS root
MATCH (p:ProfileId {space: $space, id: root})
SET p.rev = $rev
