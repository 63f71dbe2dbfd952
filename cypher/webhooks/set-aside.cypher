// Webhooks (src/webhooks/webhook.store.ts): set aside.
MATCH (e:WebhookEndpoint {space: $space, id: $id}) WHERE e.leaseHolder = $me
SET e.leaseExpiresAt = datetime.realtime() + duration({milliseconds: $ttl}), e.attempts = 0, e.nextAttemptAt = null, e.lastError = $error,
    e.position = CASE WHEN $replay THEN e.position ELSE $cursor END
WITH e
MERGE (d:WebhookDeadLetter {space: $space, endpointId: $id, cursor: $cursor})
SET d.attempts = $attempts, d.lastError = $error, d.at = $at, d.replay = false
RETURN count(e) AS held
