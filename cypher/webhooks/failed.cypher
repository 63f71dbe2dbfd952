// Webhooks (src/webhooks/webhook.store.ts): failed.
MATCH (e:WebhookEndpoint {space: $space, id: $id}) WHERE e.leaseHolder = $me
SET e.leaseExpiresAt = datetime.realtime() + duration({milliseconds: $ttl}), e.attempts = $attempts, e.lastError = $error,
    e.nextAttemptAt = datetime.realtime() + duration({milliseconds: $delay})
RETURN count(e) AS held
