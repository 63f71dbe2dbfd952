// Webhooks (src/webhooks/webhook.store.ts): delivered.
MATCH (e:WebhookEndpoint {space: $space, id: $id}) WHERE e.leaseHolder = $me
SET e.leaseExpiresAt = datetime.realtime() + duration({milliseconds: $ttl}), e.position = $cursor, e.attempts = 0, e.nextAttemptAt = null, e.lastError = null
RETURN count(e) AS held
