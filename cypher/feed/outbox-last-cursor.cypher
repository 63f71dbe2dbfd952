// Change feed (src/feed/outbox.ts): last cursor.
OPTIONAL MATCH (s:FeedSequence {space: $space})
RETURN s.last AS last, s.prunedThrough AS prunedThrough
