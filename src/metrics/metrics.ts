// Prometheus metrics (prom-client), one registry per app instance (tests start many servers in one
// process); the process defaults (CPU, memory, event loop, GC) are process-wide and kept once.
// No series is labelled with an identifier value: labels are sources, codes and operation names.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ObservationSource } from "../identity/resolution-store.js";
import type { Executor } from "../neo4j/executor.js";
import type { Resolution } from "../rules/model.js";
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
  split(operation: SplitOperation, profileIds: readonly string[]): void;
}

export class Metrics implements IdentityObserver {
  readonly registry = new Registry();
  private readonly observations: Counter<"source">;
  private readonly duplicates: Counter<"source">;
  private readonly newProfiles: Counter<"source">;
  private readonly merges: Counter<"source">;
  private readonly conflicts: Counter<"source">;
  private readonly ghostProfiles: Counter<"source">;
  private readonly blockedValues: Counter<"source">;
  private readonly splits: Counter<"operation">;
  private readonly errors: Counter<"code">;
  readonly requestDuration: Histogram<"operation">;
  private readonly transactionRetries: Counter<"mode">;

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
    this.splits = new Counter({
      name: "idgraph_splits_total",
      help: "Admin operations that split a profile into several (demerge, unmerge, resetIdentities)",
      labelNames: ["operation"],
      registers,
    });
    this.errors = new Counter({
      name: "idgraph_errors_total",
      help: "GraphQL errors answered, by public code",
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
  }

  split(operation: SplitOperation, profileIds: readonly string[]): void {
    if (profileIds.length > 1) this.splits.inc({ operation });
  }

  error(code: string): void {
    this.errors.inc({ code });
  }

  /** Counts the executor's retries and reports its sessions in use (each holds at most one pooled connection); returns the unwatch. */
  watchExecutor(executor: Executor): () => void {
    const unobserve = executor.observe({ retried: (mode) => this.transactionRetries.inc({ mode }) });
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
