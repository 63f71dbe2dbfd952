// explainLink: the profiles (roots) a device's profile ids belong to, and its current profile.
MATCH (d:Device {space: $space, id: $deviceId})
RETURN COLLECT { MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId) RETURN DISTINCT p.profile AS root ORDER BY root } AS roots,
       COLLECT { MATCH (d)-[:CURRENT]->(c:ProfileId) RETURN c.profile }[0] AS home
