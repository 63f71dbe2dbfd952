// Rule 10: a new device's timeline, one stretch holding all of it for its first profile id.
UNWIND $opens AS o
MATCH (p:ProfileId {space: $space, id: o.profileId})
CREATE (s:Stretch {space: $space, deviceId: o.deviceId, from: "", fromSeq: 0, profileId: o.profileId})
CREATE (s)-[:ATTRIBUTED_TO]->(p)
