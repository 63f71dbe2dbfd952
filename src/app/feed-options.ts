// The change feed's settings, its relay's and subscriptions' (src/feed/) and its webhooks'
// (src/webhooks/), and how the environment sets them (docs/configuration.md).
import type { Environment } from "../config.js";
import { ConfigError } from "../config.js";
import { DEFAULT_FEED_SERVICE_OPTIONS, type FeedServiceOptions } from "../feed/feed.service.js";
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from "../webhooks/delivery-worker.js";

export interface FeedOptions extends FeedServiceOptions {
  webhooks: WebhookOptions;
  /** False: this process delivers no webhooks (IDGRAPH_WEBHOOK_DELIVERY=off: delivery runs elsewhere). */
  deliver: boolean;
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = {
  ...DEFAULT_FEED_SERVICE_OPTIONS,
  webhooks: DEFAULT_WEBHOOK_OPTIONS,
  deliver: true,
};

export function feedOptionsFrom(env: Environment): FeedOptions {
  if (env.IDGRAPH_WEBHOOK_LEASE_MS <= env.IDGRAPH_WEBHOOK_TIMEOUT_MS) {
    throw new ConfigError("IDGRAPH_WEBHOOK_LEASE_MS must be longer than IDGRAPH_WEBHOOK_TIMEOUT_MS (a delivery must end within its lease)");
  }
  return {
    ...DEFAULT_FEED_OPTIONS,
    deliver: env.IDGRAPH_WEBHOOK_DELIVERY === "on",
    relay: {
      ...DEFAULT_FEED_OPTIONS.relay,
      intervalMs: env.IDGRAPH_FEED_RELAY_INTERVAL_MS,
      leaseMs: env.IDGRAPH_FEED_LEASE_MS,
      retentionMs: Math.round(env.IDGRAPH_FEED_RETENTION_DAYS * 86_400_000),
    },
    webhooks: {
      ...DEFAULT_FEED_OPTIONS.webhooks,
      maxAttempts: env.IDGRAPH_WEBHOOK_MAX_ATTEMPTS,
      backoffMs: env.IDGRAPH_WEBHOOK_BACKOFF_MS,
      backoffMaxMs: env.IDGRAPH_WEBHOOK_BACKOFF_MAX_MS,
      timeoutMs: env.IDGRAPH_WEBHOOK_TIMEOUT_MS,
      leaseMs: env.IDGRAPH_WEBHOOK_LEASE_MS,
    },
  };
}
