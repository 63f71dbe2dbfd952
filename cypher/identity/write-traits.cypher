// Rule 11: the traits a batch wrote, as the rules left them (their profile ids locked: lock-traits);
// a trait with nothing left (its writes moved with a stretch to another profile id) goes. A profile
// id that holds traits says so ($holders: those the batch wrote a trait on), so a batch reads
// traits only where there are some.
CALL () {
  UNWIND $traits AS t
  WITH t WHERE t.state IS NULL
  MATCH (x:Trait {space: $space, profileId: t.profileId, name: t.name})
  DETACH DELETE x
}
CALL () {
  UNWIND $traits AS t
  WITH t WHERE t.state IS NOT NULL
  MERGE (x:Trait {space: $space, profileId: t.profileId, name: t.name})
  SET x.state = t.state
}
UNWIND $holders AS id
MATCH (p:ProfileId {space: $space, id: id}) WHERE p.hasTraits IS NULL
SET p.hasTraits = true
