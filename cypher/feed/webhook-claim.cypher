// Change feed (src/feed/webhooks.ts): claim.
MATCH (e:WebhookEndpoint)
WHERE e.leaseHolder IS NULL OR e.leaseHolder = $me OR e.leaseExpiresAt < datetime.realtime()
WITH e LIMIT 1000
SET e.__lock = true REMOVE e.__lock
WITH e WHERE e.leaseHolder IS NULL OR e.leaseHolder = $me OR e.leaseExpiresAt < datetime.realtime()
SET e.leaseHolder = $me, e.leaseExpiresAt = datetime.realtime() + duration({milliseconds: $ttl})
RETURN e {.space, .id, .url, .secret, .position, .attempts, .maxAttempts} AS endpoint,
       e.nextAttemptAt IS NULL OR e.nextAttemptAt <= datetime.realtime() AS due
