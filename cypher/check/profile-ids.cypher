// idgraph check: every profile id of a space, its materialised profile and its manual merges.
MATCH (p:ProfileId {space: $space})
RETURN p.id AS id, p.profile AS profile,
       COLLECT { MATCH (p)-[m:MERGED_WITH]->(q:ProfileId) RETURN {to: q.id, forced: coalesce(m.forced, false)} } AS merges
