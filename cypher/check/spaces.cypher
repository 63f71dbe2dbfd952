// idgraph check: every space that holds nodes (the migrations' bookkeeping has none).
MATCH (n) WHERE n.space IS NOT NULL AND NOT n:IdgraphMigration RETURN DISTINCT n.space AS space ORDER BY space
