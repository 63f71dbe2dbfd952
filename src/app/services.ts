// Wires the services, stores and readers once per process. Each user gets only the ones it uses:
// a resolver in its constructor (schema.ts), the SDK endpoints in their router (app.ts), the CLI by name.
import { AdminService } from "../admin/admin.service.js";
import { AuditReader } from "../audit/audit.reader.js";
import { ExplainService } from "../explain/explain.service.js";
import type { FeedObserver } from "../feed/feed-observer.js";
import { FeedService } from "../feed/feed.service.js";
import { IdentityService } from "../identity/identity.service.js";
import { ImportCheckpointStore } from "../imports/import-checkpoint.store.js";
import { KnownUserReader } from "../ingest/known-users.reader.js";
import { ResolutionStore } from "../identity/resolution.store.js";
import type { IdentityObserver } from "../metrics/metrics.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { createLogger, type Logger } from "../logger.js";
import type { Executor } from "../neo4j/executor.js";
import { ProfileReader } from "../profiles/profile.reader.js";
import {
  DEFAULT_RETENTION_OPTIONS,
  type RetentionObserver,
  type RetentionOptions,
  RetentionWorker,
} from "../retention/retention-worker.js";
import { TimelineReader } from "../timeline/timeline.reader.js";
import { DeliveryWorker, type WebhookObserver } from "../webhooks/delivery-worker.js";
import { WebhookStore } from "../webhooks/webhook.store.js";
import { WebhooksService } from "../webhooks/webhooks.service.js";
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from "./feed-options.js";

export interface Services {
  executor: Executor;
  rules: IdentityRules;
  identity: IdentityService;
  profiles: ProfileReader;
  audit: AuditReader;
  explain: ExplainService;
  admin: AdminService;
  timelines: TimelineReader;
  /** The change feed (src/feed/): its relay starts with the server. */
  feed: FeedService;
  /** Webhook endpoints (src/webhooks/): their delivery worker starts with the server. */
  webhooks: WebhooksService;
  /** What goes when its window passes (src/retention/): starts with the server. */
  retention: RetentionWorker;
  /** idgraph import's checkpoints. */
  imports: ImportCheckpointStore;
  /** Which ids are user ids already (the SDK endpoints and idgraph import ask). */
  knownUsers: KnownUserReader;
}

export function createServices(
  executor: Executor,
  rules: IdentityRules,
  options: {
    testEnvironment?: boolean;
    observer?: IdentityObserver;
    feed?: FeedOptions;
    logger?: Logger;
    /** The relay's and the webhook worker's reports (the metrics). */
    feedObserver?: FeedObserver & WebhookObserver;
    retention?: RetentionOptions;
    retentionObserver?: RetentionObserver;
    /** The spaces this process serves (its API keys'): the retention work keeps those. */
    spaces?: readonly string[];
  } = {},
): Services {
  const audit = new AuditReader(executor);
  const logger = options.logger ?? createLogger("silent");
  const feedOptions = options.feed ?? DEFAULT_FEED_OPTIONS;
  const feed = new FeedService(executor, feedOptions, logger, options.feedObserver);
  const webhookStore = new WebhookStore(executor);
  const delivery = new DeliveryWorker(webhookStore, feed.outbox, feed.notifier, feedOptions.webhooks, logger, options.feedObserver);
  return {
    executor,
    rules,
    identity: new IdentityService(new ResolutionStore(executor, rules), rules, options.observer),
    profiles: new ProfileReader(executor),
    audit,
    explain: new ExplainService(executor, audit, rules),
    admin: new AdminService(executor, rules, { testEnvironment: options.testEnvironment ?? false, observer: options.observer }),
    timelines: new TimelineReader(executor),
    feed,
    webhooks: new WebhooksService(webhookStore, feed, delivery, feedOptions.deliver),
    imports: new ImportCheckpointStore(executor),
    knownUsers: new KnownUserReader(executor, rules),
    retention: new RetentionWorker(
      executor,
      rules,
      options.retention ?? DEFAULT_RETENTION_OPTIONS,
      options.spaces ?? ["default"],
      logger,
      options.retentionObserver,
    ),
  };
}
