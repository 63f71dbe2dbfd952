// Demerge: the profile ids the named identifiers identify.
UNWIND $identifiers AS identifier
MATCH (:Identifier {space: $space, type: identifier.type, value: identifier.value})-[:IDENTIFIES]->(p:ProfileId)
RETURN DISTINCT p.id AS id
