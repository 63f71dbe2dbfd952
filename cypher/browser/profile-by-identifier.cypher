// A profile's whole graph, found by one of its identifiers: every profile id of the profile, the
// identifiers (IDENTIFIES) and manual merges (MERGED_WITH) that join them, and its devices
// (HAS_PROFILE_ID, and CURRENT for the device's last known user). Best in the graph view.
// Parameters: the space, and the identifier's type and value, as stored (normalised: emails in
// lower case, phones without spaces or dashes).
//   :param space => 'default'
//   :param type => 'user_id'
//   :param value => 'Smith'
MATCH (:Identifier {space: $space, type: $type, value: $value})-[:IDENTIFIES]->(seed:ProfileId)
WITH DISTINCT seed.profile AS profile
MATCH (p:ProfileId {space: $space, profile: profile})
OPTIONAL MATCH (p)-[r:IDENTIFIES|MERGED_WITH|HAS_PROFILE_ID|CURRENT]-(n)
RETURN p, r, n
