// Change feed (src/feed/outbox.store.ts): read changes.
MATCH (c:Change {space: $space}) WHERE c.cursor > $after
RETURN c.id AS id, c.cursor AS cursor, c.kind AS kind, c.at AS at, c.payload AS payload
ORDER BY c.cursor LIMIT $limit
