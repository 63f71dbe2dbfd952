// The profile an identifier belongs to.
MATCH (:Identifier {space: $space, type: $type, value: $value})-[:IDENTIFIES]->(p:ProfileId)
RETURN p.profile AS root LIMIT 1
