// Rule 10's attribution(deviceId, at): the profile id of the stretch holding that moment (one index
// seek), or the device's current profile id for a device from before timelines; with its profile now.
MATCH (d:Device {space: $space, id: $deviceId})-[:CURRENT]->(c:ProfileId)
OPTIONAL CALL (d) {
  MATCH (s:Stretch {space: $space, deviceId: d.id})-[:ATTRIBUTED_TO]->(p:ProfileId)
  WHERE s.from <= $at AND s.fromSeq IS NOT NULL // every key property named: the key index serves it
  // ordered by the whole key (space and deviceId are fixed): the index gives that order, one entry read
  RETURN p ORDER BY s.space DESC, s.deviceId DESC, s.from DESC, s.fromSeq DESC LIMIT 1
}
WITH coalesce(p, c) AS p
RETURN p.id AS assignedProfileId, p.profile AS profileId
