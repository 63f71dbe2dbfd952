// Rule 11: the traits a batch wrote, as the rules left them (their profile ids locked: lock-traits);
// a trait with nothing left (its writes moved with a stretch to another profile id) goes. A profile
// id that holds traits says so, so a batch reads them only where there are some.
UNWIND $traits AS t
CALL (t) {
  WITH t WHERE t.state IS NULL
  MATCH (x:Trait {space: $space, profileId: t.profileId, name: t.name})
  DETACH DELETE x
}
CALL (t) {
  WITH t WHERE t.state IS NOT NULL
  MERGE (x:Trait {space: $space, profileId: t.profileId, name: t.name})
  SET x.state = t.state
  WITH x
  MATCH (p:ProfileId {space: $space, id: x.profileId})
  SET p.hasTraits = true
}
