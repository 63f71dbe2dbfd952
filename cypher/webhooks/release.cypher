// Webhooks (src/webhooks/webhook.store.ts): release.
MATCH (e:WebhookEndpoint) WHERE e.leaseHolder = $me
SET e.leaseHolder = null, e.leaseExpiresAt = null
