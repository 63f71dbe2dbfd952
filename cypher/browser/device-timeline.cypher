// A device's timeline (rule 10): the stretches of its activity, each ATTRIBUTED_TO the profile id
// it belongs to, beside the device's profile ids. A stretch runs from `from` (inclusive; "" for the
// first, which reaches back to the start) to `until` (exclusive; none on the latest); equal times
// are ordered by arrival (`fromSeq`). Best in the graph view; the table view lists the stretches.
// Parameters: the space and the device id.
//   :param space => 'default'
//   :param deviceId => 'E'
MATCH (d:Device {space: $space, id: $deviceId})-[h:HAS_PROFILE_ID]->(p:ProfileId)
OPTIONAL MATCH (s:Stretch {space: $space, deviceId: $deviceId})-[a:ATTRIBUTED_TO]->(p)
RETURN d, h, p, s, a
ORDER BY s.from, s.fromSeq
