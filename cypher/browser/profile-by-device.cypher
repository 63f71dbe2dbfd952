// Every profile a device has a profile id in, whole: on a shared device (Bob, then Adam) each
// person's profile appears side by side, joined only through the device, which is no link. Shows
// the profile ids, identifiers, manual merges and devices, with CURRENT marking the device's last
// known user. Best in the graph view.
// Parameters: the space and the device id.
//   :param space => 'default'
//   :param deviceId => 'E'
MATCH (:Device {space: $space, id: $deviceId})-[:HAS_PROFILE_ID]->(seed:ProfileId)
WITH DISTINCT seed.profile AS profile
MATCH (p:ProfileId {space: $space, profile: profile})
OPTIONAL MATCH (p)-[r:IDENTIFIES|MERGED_WITH|HAS_PROFILE_ID|CURRENT]-(n)
RETURN p, r, n
