// idgraph check: relationships that join a node of this space to a node of another space (or of none), by kind.
MATCH (a {space: $space})-[r]-(b)
WHERE b.space IS NULL OR b.space <> $space
RETURN type(r) AS type, labels(a)[0] AS fromLabel, labels(b)[0] AS toLabel, count(*) AS n
