// Webhooks (src/webhooks/webhook.store.ts): create endpoint.
CREATE (e:WebhookEndpoint {space: $space, id: $id, url: $url, secret: $secret, position: $position, attempts: 0, maxAttempts: $maxAttempts,
                           createdAt: $createdAt})
