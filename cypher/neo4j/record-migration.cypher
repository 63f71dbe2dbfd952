// A migration is applied: recorded once, by version (two processes starting at once record it once).
MERGE (m:IdgraphMigration {version: $version}) ON CREATE SET m.name = $name, m.appliedAt = datetime()
