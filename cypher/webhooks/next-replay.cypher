// Webhooks (src/webhooks/webhook.store.ts): next replay.
MATCH (d:WebhookDeadLetter {space: $space, endpointId: $id, replay: true})
RETURN d.cursor AS cursor ORDER BY d.cursor LIMIT 1
