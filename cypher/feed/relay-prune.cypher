// Change feed (src/feed/relay.ts): sequenced changes older than the retention go, a bounded batch at
// a time (the relay repeats it until a batch comes back short, so pruning keeps up with any write
// rate); each space remembers the newest cursor pruned, so a consumer behind it is told so.
MATCH (c:Change) WHERE c.sequencedAt < datetime.realtime() - duration({milliseconds: $retention})
WITH c LIMIT $limit
WITH c.space AS space, max(c.cursor) AS through, collect(c) AS gone
MERGE (s:FeedSequence {space: space})
SET s.prunedThrough = CASE WHEN s.prunedThrough IS NULL OR through > s.prunedThrough THEN through ELSE s.prunedThrough END
FOREACH (c IN gone | DETACH DELETE c)
RETURN sum(size(gone)) AS pruned
