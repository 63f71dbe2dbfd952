// Webhooks (src/webhooks/webhook.store.ts): list dead letters.
MATCH (d:WebhookDeadLetter {space: $space, endpointId: $id})
RETURN d {.cursor, .attempts, .lastError, .at, replaying: coalesce(d.replay, false)} AS letter
ORDER BY d.cursor LIMIT $limit
