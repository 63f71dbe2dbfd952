// idgraph check: every identifier of a space and the profile ids it identifies.
MATCH (i:Identifier {space: $space})
RETURN i.type AS type, i.value AS value, COLLECT { MATCH (i)-[:IDENTIFIES]->(p:ProfileId) RETURN p.id } AS profileIds
