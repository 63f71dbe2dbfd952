// The relay: gives committed outbox changes their cursors, after commit, in short transactions of
// their own. Every server process runs one; a lease node in Neo4j lets only one of them sequence at
// a time (renewed every round, taken over when it expires, so a crashed holder is replaced), and
// each space's counter lives on a node only the lease holder writes. Writers never touch either:
// no lock is shared by writers in different profiles.
//
// Order. Two changes of one profile come from transactions that serialise on that profile's locks,
// and each stamps its changes with Neo4j's clock after taking its locks (outbox.store.ts), so the later
// transaction's stamp is after the earlier one's commit. A round takes only changes stamped before
// its scan started: if it takes the later change, the earlier one had committed before the scan,
// so the scan sees it too, and sorting by stamp puts it first. Changes of unrelated profiles may be
// sequenced in either order, but once a cursor is given, every later one is greater, and a round's
// cursors become visible together at its commit: a reader never sees a gap that fills in later.
import { randomUUID } from "node:crypto";
import neo4j from "neo4j-driver";
import { Lease } from "../background/lease.js";
import { PeriodicWorker } from "../background/periodic-worker.js";
import type { Logger } from "../logger.js";
import type { Executor } from "../neo4j/executor.js";
import { fields, num, optNum, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { FeedObserver } from "./feed-observer.js";
import type { FeedNotifier } from "./notifier.js";

export interface RelayOptions {
  /** How often a process tries to take or renew the lease and sequence what committed. */
  intervalMs: number;
  /** How long a lease lasts without renewal: the longest a crashed holder delays the feed. */
  leaseMs: number;
  /** At most this many changes a sequencing transaction. */
  batchSize: number;
  /** Sequenced changes older than this are removed from the outbox (0: kept forever). */
  retentionMs: number;
}

export const DEFAULT_RELAY_OPTIONS: RelayOptions = { intervalMs: 200, leaseMs: 10_000, batchSize: 1000, retentionMs: 30 * 86_400_000 };

const RELAY_LEASE = "relay";

/** How often the lease holder prunes the outbox, and how many changes one pruning transaction removes. */
const PRUNE_INTERVAL_MS = 60_000;
const PRUNE_BATCH = 5000;

const PENDING = statement("feed/relay-pending");

const ASSIGN = statement("feed/relay-assign");

const PRUNE = statement("feed/relay-prune");

/** A committed change waiting for its cursor, as relay-pending.cypher returns it. */
const decodePending = (row: Record<string, unknown>) => ({
  element: str(row["element"], "element"),
  space: str(row["space"], "space"),
  lagMs: num(row["lagMs"], "lagMs"),
});

export class Relay {
  readonly id = `relay-${randomUUID()}`;
  private readonly worker: PeriodicWorker;
  private readonly lease: Lease;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly executor: Executor,
    private readonly notifier: FeedNotifier,
    private readonly options: RelayOptions,
    logger: Logger,
    private readonly observer: FeedObserver = {},
  ) {
    this.lease = new Lease(executor, { name: RELAY_LEASE, holder: this.id, ttlMs: options.leaseMs, operation: "feed.relay" });
    this.worker = new PeriodicWorker({ name: "change feed relay", intervalMs: options.intervalMs, logger }, () => this.round());
  }

  start(): void {
    this.stopped = false;
    this.worker.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker.stop();
    await this.lease.release();
  }

  /** Takes or renews the lease; when held, sequences everything committed so far. */
  async round(): Promise<number> {
    if (!(await this.lease.take())) return 0;
    let total = 0;
    for (;;) {
      const count = await this.sequence();
      total += count;
      if (count < this.options.batchSize || this.stopped) break;
    }
    if (this.options.retentionMs > 0 && Date.now() - this.lastPrune > PRUNE_INTERVAL_MS) {
      this.lastPrune = Date.now();
      await this.prune();
    }
    return total;
  }

  /** Removes the sequenced changes past retention, a batch at a time until none is left. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const pruned = await this.executor.write("feed.relay", async (tx) => {
        const result = await tx.run(PRUNE, { retention: neo4j.int(this.options.retentionMs), limit: neo4j.int(PRUNE_BATCH) });
        return optNum(result.records[0]?.get("pruned"), "pruned") ?? 0;
      });
      total += pruned;
      if (pruned < PRUNE_BATCH || this.stopped) return total;
    }
  }

  /** One sequencing transaction: cursors for up to batchSize committed changes, in stamp order. */
  private async sequence(): Promise<number> {
    let lags: number[] = [];
    const spaces = await this.executor.write("feed.relay", async (tx) => {
      lags = [];
      if (!(await this.lease.hold(tx))) return [];
      const pending = await tx.run(PENDING, { limit: neo4j.int(this.options.batchSize) });
      const bySpace = new Map<string, string[]>();
      for (const { element, space, lagMs } of pending.records.map((record) => decodePending(fields(record)))) {
        lags.push(Math.max(0, lagMs) / 1000);
        const elements = bySpace.get(space);
        if (elements) elements.push(element);
        else bySpace.set(space, [element]);
      }
      if (bySpace.size === 0) return [];
      const rows = [...bySpace].map(([space, elements]) => ({ space, elements }));
      await tx.run(ASSIGN, { spaces: rows });
      return rows;
    });
    if (spaces.length > 0) {
      this.observer.sequenced?.(lags);
      this.notifier.notify(spaces.map((row) => row.space));
    }
    return spaces.reduce((sum, row) => sum + row.elements.length, 0);
  }
}
