// Webhooks (src/webhooks/webhook.store.ts): change at.
MATCH (c:Change {space: $space, cursor: $cursor})
RETURN c.id AS id, c.cursor AS cursor, c.kind AS kind, c.at AS at, c.payload AS payload
