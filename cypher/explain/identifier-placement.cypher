// explainLink: the profiles (roots) an identifier identifies; the first is the one to name.
MATCH (i:Identifier {space: $space, type: $type, value: $value})
WITH COLLECT { MATCH (i)-[:IDENTIFIES]->(p:ProfileId) RETURN DISTINCT p.profile AS root ORDER BY root } AS roots
RETURN roots, roots[0] AS home
