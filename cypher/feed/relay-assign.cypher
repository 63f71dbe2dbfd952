// Change feed (src/feed/relay.ts): assign.
UNWIND $spaces AS row
MERGE (s:FeedSequence {space: row.space})
ON CREATE SET s.last = 0
WITH s, row, s.last AS last
SET s.last = last + size(row.elements)
WITH row, last
UNWIND range(0, size(row.elements) - 1) AS i
MATCH (c:Change) WHERE elementId(c) = row.elements[i]
SET c.cursor = right('0000000000000000' + toString(last + i + 1), 16), c.sequencedAt = datetime.realtime()
REMOVE c:PendingChange
