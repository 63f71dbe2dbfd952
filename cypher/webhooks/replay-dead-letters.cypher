// Webhooks (src/webhooks/webhook.store.ts): replay dead letters.
MATCH (:WebhookEndpoint {space: $space, id: $id})
MATCH (d:WebhookDeadLetter {space: $space, endpointId: $id})
SET d.replay = true
RETURN count(d) AS replayed
