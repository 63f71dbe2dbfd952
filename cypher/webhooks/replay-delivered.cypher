// Webhooks (src/webhooks/webhook.store.ts): replay delivered.
MATCH (e:WebhookEndpoint {space: $space, id: $id}) WHERE e.leaseHolder = $me
SET e.leaseExpiresAt = datetime.realtime() + duration({milliseconds: $ttl}), e.attempts = 0, e.nextAttemptAt = null, e.lastError = null
WITH e
OPTIONAL MATCH (d:WebhookDeadLetter {space: $space, endpointId: $id, cursor: $cursor})
DETACH DELETE d
RETURN count(e) AS held
