// The relay: gives committed outbox changes their cursors, after commit, in short transactions of
// their own. Every server process runs one; a lease node in Neo4j lets only one of them sequence at
// a time (renewed every round, taken over when it expires, so a crashed holder is replaced), and
// each space's counter lives on a node only the lease holder writes. Writers never touch either:
// no lock is shared by writers in different profiles.
//
// Order. Two changes of one profile come from transactions that serialise on that profile's locks,
// and each stamps its changes with Neo4j's clock after taking its locks (outbox.ts), so the later
// transaction's stamp is after the earlier one's commit. A round takes only changes stamped before
// its scan started: if it takes the later change, the earlier one had committed before the scan,
// so the scan sees it too, and sorting by stamp puts it first. Changes of unrelated profiles may be
// sequenced in either order, but once a cursor is given, every later one is greater, and a round's
// cursors become visible together at its commit: a reader never sees a gap that fills in later.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import neo4j from "neo4j-driver";
import { errorSummary, type Logger } from "../logger.js";
import type { Executor } from "../neo4j/executor.js";
import { statement } from "../persistence/statements.js";
import type { FeedObserver } from "./feed-observer.js";

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

const TAKE_LEASE = statement("background/take-lease");

const RELEASE_LEASE = statement("background/release-lease");

// The fence: the lease node stays locked until this transaction commits, so a holder whose lease
// ran out (and was taken over) can no longer give cursors.
const HOLD_LEASE = statement("background/hold-lease");

const PENDING = statement("feed/relay-pending");

const ASSIGN = statement("feed/relay-assign");

const PRUNE = statement("feed/relay-prune");

/** Tells this process's consumers that changes were sequenced (in which spaces). */
export class FeedNotifier {
  private readonly events = new EventEmitter();
  constructor() {
    this.events.setMaxListeners(0);
  }

  notify(spaces: readonly string[]): void {
    for (const space of spaces) this.events.emit(space);
    this.events.emit("*");
  }

  /** Resolves when the space (or "*": any) gets new changes here, or after timeoutMs (another process may be the relay). */
  wait(space: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.events.off(space, done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.events.on(space, done);
      signal?.addEventListener("abort", done);
    });
  }
}

export class Relay {
  readonly id = `relay-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastPrune = 0;
  private failing = false;

  constructor(
    private readonly executor: Executor,
    private readonly notifier: FeedNotifier,
    private readonly options: RelayOptions,
    private readonly logger: Logger,
    private readonly observer: FeedObserver = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round()
        .then(() => {
          if (this.failing) this.logger.info("change feed relay works again");
          this.failing = false;
        })
        .catch((error: unknown) => {
          // Once per outage, not every round: Neo4j being away is already reported elsewhere.
          if (!this.failing) this.logFailure(error, "change feed relay round failed; retrying every round");
          this.failing = true;
        })
        .finally(() => this.schedule(this.options.intervalMs));
    }, delay);
    this.timer.unref();
  }

  /** Takes or renews the lease; when held, sequences everything committed so far. */
  async round(): Promise<number> {
    const held = await this.executor.write("feed.relay", async (tx) => {
      const result = await tx.run(TAKE_LEASE, { lease: RELAY_LEASE, me: this.id, ttl: neo4j.int(this.options.leaseMs) });
      return (result.records[0]?.get("held") as number) > 0;
    });
    if (!held) return 0;
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
        return (result.records[0]?.get("pruned") as number | null) ?? 0;
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
      const fence = await tx.run(HOLD_LEASE, { lease: RELAY_LEASE, me: this.id });
      if (fence.records[0]?.get("held") !== true) return [];
      const pending = await tx.run(PENDING, { limit: neo4j.int(this.options.batchSize) });
      const bySpace = new Map<string, string[]>();
      for (const record of pending.records) {
        lags.push(Math.max(0, record.get("lagMs") as number) / 1000);
        const space = record.get("space") as string;
        const elements = bySpace.get(space);
        if (elements) elements.push(record.get("element") as string);
        else bySpace.set(space, [record.get("element") as string]);
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

  /** Errors can quote the values they were about (a constraint violation): their text only at debug level. */
  private logFailure(error: unknown, message: string, fields: Record<string, unknown> = {}): void {
    this.logger.warn({ ...fields, ...errorSummary(error) }, message);
    this.logger.debug({ ...fields, err: error }, message);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.executor.write("feed.relay", (tx) => tx.run(RELEASE_LEASE, { lease: RELAY_LEASE, me: this.id })).catch(() => undefined);
  }
}
