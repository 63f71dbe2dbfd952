// Change feed (src/feed/relay.ts): prune.
MATCH (c:Change) WHERE c.sequencedAt < datetime.realtime() - duration({milliseconds: $retention})
WITH c LIMIT 5000
WITH c.space AS space, max(c.cursor) AS through, collect(c) AS gone
MERGE (s:FeedSequence {space: space})
SET s.prunedThrough = CASE WHEN s.prunedThrough IS NULL OR through > s.prunedThrough THEN through ELSE s.prunedThrough END
FOREACH (c IN gone | DETACH DELETE c)
RETURN sum(size(gone)) AS pruned
