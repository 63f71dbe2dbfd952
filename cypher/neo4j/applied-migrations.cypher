// The migrations applied so far (cypher/migrations/), by version.
MATCH (m:IdgraphMigration) RETURN m.version AS version
