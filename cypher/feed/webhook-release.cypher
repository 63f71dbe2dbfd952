// Change feed (src/feed/webhooks.ts): release.
MATCH (e:WebhookEndpoint) WHERE e.leaseHolder = $me
SET e.leaseHolder = null, e.leaseExpiresAt = null
