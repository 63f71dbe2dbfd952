// Webhooks (src/webhooks/webhook.store.ts): claim.
// A process claims only endpoints of the spaces it serves ($spaces: those its API keys name; null: all).
MATCH (e:WebhookEndpoint)
WHERE ($spaces IS NULL OR e.space IN $spaces)
  AND (e.leaseHolder IS NULL OR e.leaseHolder = $me OR e.leaseExpiresAt < datetime.realtime())
WITH e LIMIT 1000
SET e.__lock = true REMOVE e.__lock
WITH e WHERE e.leaseHolder IS NULL OR e.leaseHolder = $me OR e.leaseExpiresAt < datetime.realtime()
SET e.leaseHolder = $me, e.leaseExpiresAt = datetime.realtime() + duration({milliseconds: $ttl})
RETURN e {.space, .id, .url, .secret, .position, .attempts, .maxAttempts} AS endpoint,
       e.nextAttemptAt IS NULL OR e.nextAttemptAt <= datetime.realtime() AS due
