// The biggest profiles of a space by number of devices: the ones nearest the device cap (50 by
// default), past which new devices get ghost profiles. With their profile-id count and
// identifiers. Table view; open one with profile-by-identifier.cypher.
// Parameter: the space.
//   :param space => 'default'
MATCH (d:Device {space: $space})-[:HAS_PROFILE_ID]->(p:ProfileId)
WITH p.profile AS profile, count(DISTINCT d) AS devices
ORDER BY devices DESC, profile
LIMIT 25
RETURN profile, devices,
       COUNT { MATCH (p:ProfileId {space: $space, profile: profile}) } AS profileIds,
       COLLECT { MATCH (:ProfileId {space: $space, profile: profile})<-[:IDENTIFIES]-(i:Identifier)
                 RETURN DISTINCT i.type + ':' + i.value AS identifier ORDER BY identifier } AS identifiers
ORDER BY devices DESC, profile
