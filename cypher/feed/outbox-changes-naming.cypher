// Change feed (src/feed/outbox.ts): changes naming.
MATCH (c:Change {space: $space})
// id IS NOT NULL: a seek on the (space, id) key instead of a scan of every space's changes.
WHERE c.id IS NOT NULL AND (any(x IN c.identifierKeys WHERE x IN $encoded) OR any(d IN c.deviceIds WHERE d IN $deviceIds))
RETURN elementId(c) AS element, c.payload AS payload
