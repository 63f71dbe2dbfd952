// Account reset (test environments only): every node of the space, its audit log included.
MATCH (n {space: $space})
WHERE NOT n:IdgraphMigration
DETACH DELETE n
RETURN count(*) AS removed
