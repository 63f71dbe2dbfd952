// Change feed (src/feed/outbox.ts): changes naming.
MATCH (c:Change {space: $space})
WHERE any(x IN c.identifierKeys WHERE x IN $encoded) OR any(d IN c.deviceIds WHERE d IN $deviceIds)
RETURN elementId(c) AS element, c.payload AS payload
