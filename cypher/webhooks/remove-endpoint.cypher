// Webhooks (src/webhooks/webhook.store.ts): remove endpoint.
MATCH (e:WebhookEndpoint {space: $space, id: $id})
OPTIONAL MATCH (d:WebhookDeadLetter {space: $space, endpointId: $id})
DETACH DELETE d, e
RETURN count(*) AS removed
