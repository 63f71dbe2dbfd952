// New profile ids of a plan, each with the device it was made for (rules 2, 5, 6, 7).
UNWIND $creates AS c
CREATE (p:ProfileId {space: $space, id: c.profileId, profile: c.profileId, createdAt: c.at})
WITH p, c WHERE c.deviceId IS NOT NULL
MATCH (d:Device {space: $space, id: c.deviceId})
CREATE (d)-[:HAS_PROFILE_ID {at: c.at}]->(p)
