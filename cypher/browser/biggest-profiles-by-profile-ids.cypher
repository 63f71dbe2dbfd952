// The biggest profiles of a space by number of profile ids (how many device stretches and merges
// they gathered), with their device count and identifiers. Outliers are worth a look: a test
// account, a shared login, a bad merge. Table view; open one with profile-by-identifier.cypher.
// Parameter: the space.
//   :param space => 'default'
MATCH (p:ProfileId {space: $space})
WITH p.profile AS profile, count(p) AS profileIds
ORDER BY profileIds DESC, profile
LIMIT 25
RETURN profile, profileIds,
       COUNT { MATCH (:ProfileId {space: $space, profile: profile})<-[:HAS_PROFILE_ID]-(d:Device) RETURN DISTINCT d } AS devices,
       COLLECT { MATCH (:ProfileId {space: $space, profile: profile})<-[:IDENTIFIES]-(i:Identifier)
                 RETURN DISTINCT i.type + ':' + i.value AS identifier ORDER BY identifier } AS identifiers
ORDER BY profileIds DESC, profile
