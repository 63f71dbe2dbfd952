// A device's timeline (rule 10): the stretches of its activity, each ATTRIBUTED_TO the profile id
// it belongs to, beside the device's profile ids. A stretch runs from `from` (inclusive; "" for the
// first, which reaches back to the start) to `until` (exclusive; none on the latest); equal times
// are ordered by arrival (`fromSeq`). A stretch starts where the device's profile id changes;
// `marks` lists the identified observations in between that kept it (kept until the device's
// horizon, its newest activity minus the late window, passes them: they bound a late login's move).
// Best in the graph view; the table view lists the stretches.
// Parameters: the space and the device id.
//   :param space => 'default'
//   :param deviceId => 'E'
MATCH (d:Device {space: $space, id: $deviceId})-[h:HAS_PROFILE_ID]->(p:ProfileId)
OPTIONAL MATCH (s:Stretch {space: $space, deviceId: $deviceId})-[a:ATTRIBUTED_TO]->(p)
WITH d, h, p, s, a ORDER BY s.from, s.fromSeq
RETURN d, h, p, s, a,
       COLLECT { MATCH (m:Mark {space: $space, deviceId: $deviceId}) WHERE m.posAt IS NOT NULL AND m.posSeq IS NOT NULL
                 RETURN m.posAt + '#' + toString(m.posSeq) AS mark ORDER BY m.posAt, m.posSeq } AS marks
