// Rule 11: the traits of the profile ids a batch writes traits on, read once their locks are held,
// so two batches writing one profile id's traits (its device's observations, and observations
// without a device that name its identifiers) never lose each other's writes.
UNWIND $profileIds AS id
MATCH (p:ProfileId {space: $space, id: id})
SET p.__lock = true REMOVE p.__lock
RETURN p.id AS profileId,
       COLLECT { MATCH (t:Trait {space: $space, profileId: p.id}) WHERE t.name IS NOT NULL RETURN [t.name, t.state] } AS traits
