// Prometheus metrics (prom-client), one registry per app instance (tests start many servers in one
// process); the process defaults (CPU, memory, event loop, GC) are process-wide and kept once.
// No series is labelled with an identifier value: labels are sources, codes, operation names and
// webhook endpoint ids (never their URLs, which can carry a token or a value).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ObservationSource } from "../identity/resolution.store.js";
import type { KeyLimitName, KeyLimitObserver } from "../auth/key-limits.js";
import { ErrorCode } from "../errors.js";
import type { RetentionObserver } from "../retention/retention-worker.js";
import type { FeedObserver } from "../feed/feed-observer.js";
import type { WebhookObserver } from "../webhooks/delivery-worker.js";
import type { Executor } from "../neo4j/executor.js";
import type { Observation, Resolution } from "../rules/model.js";
import { HotKeys } from "./hot-keys.js";
import { tallyResolutions } from "./tally.js";

let processRegistry: Registry | undefined;
function processDefaults(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export type SplitOperation = "demerge" | "unmerge" | "resetIdentities";

/** What IdentityService and AdminService report; the metrics count it. */
export interface IdentityObserver {
  resolved(source: ObservationSource, resolutions: readonly Resolution[]): void;
  observed?(space: string, observations: readonly Observation[]): void;
  split(operation: SplitOperation, profileIds: readonly string[]): void;
}

/** How many of the hottest device ids and identifiers /metrics reports. */
const HOT_KEYS_REPORTED = 5;

/** The public code of an SDK endpoint's refusal (src/ingest/answer.ts): the errors series has one vocabulary. */
export function codeOfStatus(status: number, reason?: string): ErrorCode {
  if (reason === "rate_limited") return ErrorCode.RATE_LIMITED;
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  // 429 (too many in flight) and 503 (Neo4j away): both "come back later", both retried by the SDKs.
  if (status === 429 || status === 503) return ErrorCode.SERVICE_UNAVAILABLE;
  if (status >= 500) return ErrorCode.INTERNAL_SERVER_ERROR;
  return ErrorCode.BAD_USER_INPUT;
}

const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];

export class Metrics implements IdentityObserver, FeedObserver, WebhookObserver, RetentionObserver, KeyLimitObserver {
  readonly registry = new Registry();
  private readonly observations: Counter<"source">;
  private readonly duplicates: Counter<"source">;
  private readonly newProfiles: Counter<"source">;
  private readonly merges: Counter<"source">;
  private readonly conflicts: Counter<"source">;
  private readonly ghostProfiles: Counter<"source">;
  private readonly blockedValues: Counter<"source">;
  private readonly reattributions: Counter<"source">;
  private readonly splits: Counter<"operation">;
  private readonly errors: Counter<"code">;
  readonly requestDuration: Histogram<"operation">;
  private readonly transactionRetries: Counter<"mode">;
  private readonly sequencingLag: Histogram;
  private readonly deliveryLag: Histogram<"endpoint">;
  private readonly deliveryAttempts: Counter<"endpoint">;
  private readonly deliveryFailures: Counter<"endpoint">;
  private readonly deadLetters: Counter<"endpoint">;
  private readonly expiredReceipts: Counter;
  private readonly writeFailures: Counter<"operation" | "code">;
  private readonly writeAttempts: Histogram<"operation">;
  private readonly hotKeys = new HotKeys();
  private readonly keyRequests: Counter<"key">;
  private readonly keyThrottled: Counter<"key" | "limit">;
  private readonly keyRefusedObservations: Counter<"key" | "reason">;
  private readonly keySubscriptions: Gauge<"key">;

  constructor() {
    const registers = [this.registry];
    const bySource = (name: string, help: string): Counter<"source"> => new Counter({ name, help, labelNames: ["source"], registers });
    this.observations = bySource("idgraph_observations_total", "Observations answered, repeats included, by where they came in");
    this.duplicates = bySource(
      "idgraph_duplicate_observations_total",
      "Observations whose messageId was already applied (DUPLICATE_MESSAGE): nothing changed",
    );
    this.newProfiles = bySource("idgraph_new_profiles_total", "Observations that created a new profile");
    this.merges = bySource("idgraph_merges_total", "Profiles merged away into another by observations");
    this.conflicts = bySource("idgraph_identifier_conflicts_total", "Identifiers refused by their type's limit (IDENTIFIER_CONFLICT)");
    this.ghostProfiles = bySource(
      "idgraph_ghost_profiles_total",
      "Devices kept as ghost profiles by the device cap (DEVICE_LIMIT_REACHED)",
    );
    this.blockedValues = bySource("idgraph_blocked_values_total", "Identifier values ignored as blocked (BLOCKED_IDENTIFIER)");
    this.reattributions = bySource(
      "idgraph_reattributions_total",
      "Stretches of a device's activity moved to another profile by a late identified observation (rule 10)",
    );
    this.splits = new Counter({
      name: "idgraph_splits_total",
      help: "Admin operations that split a profile into several (demerge, unmerge, resetIdentities)",
      labelNames: ["operation"],
      registers,
    });
    this.errors = new Counter({
      name: "idgraph_errors_total",
      help: "Errors answered by GraphQL and the SDK endpoints (their HTTP refusals as the public code), by public code",
      labelNames: ["code"],
      registers,
    });
    this.requestDuration = new Histogram({
      name: "idgraph_graphql_request_duration_seconds",
      help: "GraphQL request latency by operation (its type and root fields, e.g. 'mutation resolveBatch')",
      labelNames: ["operation"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.transactionRetries = new Counter({
      name: "idgraph_neo4j_transaction_retries_total",
      help: "Managed transactions run again by the driver (transient errors, deadlocks)",
      labelNames: ["mode"],
      registers,
    });
    this.sequencingLag = new Histogram({
      name: "idgraph_feed_sequencing_lag_seconds",
      help: "Seconds from a change's write (its stamp, Neo4j's clock) until the relay gave it its cursor",
      buckets: LAG_BUCKETS,
      registers,
    });
    const byEndpoint = { labelNames: ["endpoint"] as const, registers };
    this.deliveryLag = new Histogram({
      name: "idgraph_webhook_delivery_lag_seconds",
      help: "Seconds from a change's write until its endpoint answered 2xx (deliveries in feed order; replays not), by endpoint id",
      buckets: LAG_BUCKETS,
      ...byEndpoint,
    });
    this.deliveryAttempts = new Counter({
      name: "idgraph_webhook_attempts_total",
      help: "Webhook delivery attempts, by endpoint id",
      ...byEndpoint,
    });
    this.deliveryFailures = new Counter({
      name: "idgraph_webhook_failures_total",
      help: "Webhook delivery attempts that failed (not 2xx, timed out, unreachable), by endpoint id",
      ...byEndpoint,
    });
    this.deadLetters = new Counter({
      name: "idgraph_webhook_dead_letters_total",
      help: "Changes set aside as dead letters after their endpoint's maxAttempts, by endpoint id",
      ...byEndpoint,
    });
    this.writeFailures = new Counter({
      name: "idgraph_neo4j_write_failures_total",
      help: "Runs of a write transaction's work that failed with a Neo4j error, by operation and Neo4j status code (Neo.TransientError.Transaction.DeadlockDetected: a deadlock)",
      labelNames: ["operation", "code"],
      registers,
    });
    this.writeAttempts = new Histogram({
      name: "idgraph_neo4j_write_attempts",
      help: "Runs of its work each write transaction took, by operation (resolveBatch: per batch); 1 when nothing had to be retried",
      labelNames: ["operation"],
      buckets: [1, 2, 3, 5, 10],
      registers,
    });
    const hotKeys = this.hotKeys;
    new Gauge({
      name: "idgraph_hot_key_observations",
      help: `Observations in the last minute or so of the ${HOT_KEYS_REPORTED} busiest device ids and identifiers (kind), by rank (1: the busiest); their values are never named`,
      labelNames: ["kind", "rank"],
      registers,
      collect() {
        this.reset();
        for (const kind of ["device", "identifier"] as const)
          for (const [index, count] of hotKeys.hottest(kind, HOT_KEYS_REPORTED).entries())
            this.set({ kind, rank: String(index + 1) }, count);
      },
    });
    this.expiredReceipts = new Counter({
      name: "idgraph_receipts_expired_total",
      help: "Receipts of messageIds forgotten by the retention work once the dedup window passed (rule 8)",
      registers,
    });
    // By key name: names come from the server's configuration, never from a request.
    this.keyRequests = new Counter({
      name: "idgraph_key_requests_total",
      help: "Requests admitted by the per-key limits (GraphQL and the SDK endpoints), by API key name",
      labelNames: ["key"],
      registers,
    });
    this.keyThrottled = new Counter({
      name: "idgraph_key_throttled_total",
      help: "Requests and subscriptions refused by a per-key limit (429 RATE_LIMITED), by API key name and limit (requests, observations, in_flight, subscriptions)",
      labelNames: ["key", "limit"],
      registers,
    });
    this.keyRefusedObservations = new Counter({
      name: "idgraph_key_refused_observations_total",
      help: "Observations refused because their key may not send one of their identifier types (nothing written), by API key name",
      labelNames: ["key", "reason"],
      registers,
    });
    this.keySubscriptions = new Gauge({
      name: "idgraph_key_subscriptions_open",
      help: "GraphQL subscriptions open now, by API key name",
      labelNames: ["key"],
      registers,
    });
  }

  admitted(key: string): void {
    this.keyRequests.inc({ key });
  }

  throttled(key: string, limit: KeyLimitName): void {
    this.keyThrottled.inc({ key, limit });
  }

  refusedObservations(key: string, reason: "identifier_type", count: number): void {
    this.keyRefusedObservations.inc({ key, reason }, count);
  }

  subscriptionsOpen(key: string, open: number): void {
    this.keySubscriptions.set({ key }, open);
  }

  resolved(source: ObservationSource, resolutions: readonly Resolution[]): void {
    const tally = tallyResolutions(resolutions);
    this.observations.inc({ source }, tally.observations);
    this.duplicates.inc({ source }, tally.duplicates);
    this.newProfiles.inc({ source }, tally.newProfiles);
    this.merges.inc({ source }, tally.merges);
    this.conflicts.inc({ source }, tally.conflicts);
    this.ghostProfiles.inc({ source }, tally.ghostProfiles);
    this.blockedValues.inc({ source }, tally.blockedValues);
    this.reattributions.inc({ source }, tally.reattributions);
  }

  observed(space: string, observations: readonly Observation[]): void {
    for (const { deviceId, identifiers } of observations) {
      if (deviceId !== undefined) this.hotKeys.add("device", space, deviceId);
      for (const identifier of identifiers) this.hotKeys.add("identifier", space, `${identifier.type}:${identifier.value}`);
    }
  }

  split(operation: SplitOperation, profileIds: readonly string[]): void {
    if (profileIds.length > 1) this.splits.inc({ operation });
  }

  error(code: string): void {
    this.errors.inc({ code });
  }

  /** An SDK endpoint's answer with an HTTP error status (and the refusal's reason, when the endpoint said it). */
  refused(status: number, reason?: string): void {
    this.errors.inc({ code: codeOfStatus(status, reason) });
  }

  sequenced(lagSeconds: readonly number[]): void {
    for (const lag of lagSeconds) this.sequencingLag.observe(lag);
  }

  attempted(endpointId: string, delivered: boolean, lagSeconds?: number): void {
    const labels = { endpoint: endpointId };
    this.deliveryAttempts.inc(labels);
    if (!delivered) this.deliveryFailures.inc(labels);
    if (lagSeconds !== undefined) this.deliveryLag.observe(labels, lagSeconds);
  }

  deadLettered(endpointId: string): void {
    this.deadLetters.inc({ endpoint: endpointId });
  }

  expired(receipts: number): void {
    this.expiredReceipts.inc(receipts);
  }

  /** Counts the executor's retries and reports its sessions in use (each holds at most one pooled connection); returns the unwatch. */
  watchExecutor(executor: Executor): () => void {
    const unobserve = executor.observe({
      retried: (mode) => this.transactionRetries.inc({ mode }),
      failed: (operation, code) => this.writeFailures.inc({ operation, code }),
      attempts: (operation, runs) => this.writeAttempts.observe({ operation }, runs),
    });
    new Gauge({
      name: "idgraph_neo4j_sessions_in_use",
      help: "Neo4j sessions open now; each holds at most one connection of the driver's pool",
      registers: [this.registry],
      collect() {
        this.set(executor.sessionsInUse);
      },
    });
    new Gauge({
      name: "idgraph_neo4j_pool_max_connections",
      help: "The size of the driver's connection pool",
      registers: [this.registry],
      collect() {
        this.set(executor.maxConnectionPoolSize);
      },
    });
    return unobserve;
  }

  contentType(): string {
    return this.registry.contentType;
  }

  /** The app's series, then the process defaults. */
  async text(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processDefaults().metrics()}`;
  }
}
