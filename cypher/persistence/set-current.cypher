// A device's current profile id (src/persistence/writes.ts setCurrent): the one CURRENT edge.
UNWIND $currents AS c
MATCH (d:Device {space: $space, id: c.deviceId})
MATCH (p:ProfileId {space: $space, id: c.profileId})
OPTIONAL MATCH (d)-[old:CURRENT]->()
DELETE old
WITH DISTINCT d, p
CREATE (d)-[:CURRENT]->(p)
