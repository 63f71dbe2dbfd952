// Webhooks (src/webhooks/webhook.store.ts): list endpoints.
MATCH (e:WebhookEndpoint {space: $space}) RETURN e {.id, .url, .position, .attempts, .lastError, .maxAttempts, .createdAt,
  deadLetters: COUNT { MATCH (d:WebhookDeadLetter {space: $space, endpointId: e.id}) }} AS endpoint ORDER BY e.id
