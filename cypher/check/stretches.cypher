// idgraph check, rule 10: every stretch of every device timeline, in timeline order, with the profile id it points at.
MATCH (s:Stretch {space: $space})
OPTIONAL MATCH (s)-[:ATTRIBUTED_TO]->(p:ProfileId)
RETURN s.deviceId AS deviceId, s.from AS from, coalesce(s.fromSeq, 0) AS fromSeq, s.until AS until, s.untilSeq AS untilSeq,
       s.profileId AS profileId, collect(p.id) AS attributedTo
ORDER BY deviceId, from, fromSeq
