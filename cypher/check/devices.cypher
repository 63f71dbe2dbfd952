// idgraph check: every device of a space, its profile ids and its current one(s).
MATCH (d:Device {space: $space})
RETURN d.id AS id,
       COLLECT { MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId) RETURN p.id } AS profileIds,
       COLLECT { MATCH (d)-[:CURRENT]->(p:ProfileId) RETURN p.id } AS currents
