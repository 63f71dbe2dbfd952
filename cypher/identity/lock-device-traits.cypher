// Rule 11: the traits of the current profile ids of the devices whose observations carry traits,
// locked and read in the batch's first round trip, after the devices' locks (lock-traits.cypher
// reads them the same way): an identify call sets traits on its device's current profile id, so
// the rules decide such a batch once instead of asking for the traits and deciding again.
UNWIND $deviceIds AS deviceId
MATCH (:Device {space: $space, id: deviceId})-[:CURRENT]->(p:ProfileId)
WITH DISTINCT p ORDER BY p.id
SET p.__lock = true REMOVE p.__lock
RETURN p.id AS profileId,
       COLLECT { MATCH (t:Trait {space: $space, profileId: p.id}) WHERE t.name IS NOT NULL RETURN [t.name, t.state] } AS traits
