// Change feed (src/feed/outbox.store.ts): last cursor.
OPTIONAL MATCH (s:FeedSequence {space: $space})
RETURN s.last AS last, s.prunedThrough AS prunedThrough
