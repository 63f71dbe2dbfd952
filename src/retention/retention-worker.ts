// What goes by itself when its window passes (docs/identity-rules.md, "What the store keeps"): every server process
// runs this worker; a lease lets one of them at a time do the rounds. A round forgets the receipts
// the dedup window has passed (rule 8), in bounded batches until none is left, so it keeps up with
// any write rate; then it goes on with the upgrade of a store written before bounded state, if
// there is one. Timeline marks go on the write path, when a device's horizon passes them (rule 10),
// and the change feed's outbox is pruned by its relay (src/feed/relay.ts).
import { createHash, randomUUID } from "node:crypto";
import neo4j from "neo4j-driver";
import { Lease } from "../background/lease.js";
import { PeriodicWorker } from "../background/periodic-worker.js";
import type { Logger } from "../logger.js";
import type { Executor } from "../neo4j/executor.js";
import { num } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { StoreUpgrade } from "./upgrade.js";

const EXPIRE_RECEIPTS = statement("retention/expire-receipts");

export interface RetentionOptions {
  /** The pause between rounds: what has passed its window is gone within about this long. */
  intervalMs: number;
  /** How long a lease lasts without renewal: the longest a crashed holder delays the work. */
  leaseMs: number;
  /** At most this many receipts a transaction. */
  batchSize: number;
  /** How long a round may spend on the upgrade before it lets the next round go on. */
  upgradeBudgetMs: number;
}

export const DEFAULT_RETENTION_OPTIONS: RetentionOptions = {
  intervalMs: 30_000,
  leaseMs: 120_000,
  batchSize: 5000,
  upgradeBudgetMs: 5_000,
};

/** What a round did; the metrics count it. */
export interface RetentionObserver {
  expired?(receipts: number): void;
}

/**
 * The retention work of the spaces a process serves (those its API keys name): deployments that
 * share one Neo4j each keep their own spaces, by their own rules file's windows. The processes of
 * one deployment serve the same spaces and share one lease.
 */
export class RetentionWorker {
  readonly id = `retention-${randomUUID()}`;
  private readonly worker: PeriodicWorker;
  private readonly upgrade: StoreUpgrade;
  private readonly lease: Lease;
  private stopped = false;

  constructor(
    private readonly executor: Executor,
    private readonly rules: IdentityRules,
    private readonly options: RetentionOptions,
    private readonly spaces: readonly string[],
    logger: Logger,
    private readonly observer: RetentionObserver = {},
  ) {
    const name = `retention-${createHash("sha256")
      .update([...spaces].sort().join("\u0000"))
      .digest("hex")
      .slice(0, 16)}`;
    this.lease = new Lease(executor, { name, holder: this.id, ttlMs: options.leaseMs, operation: "retention" });
    this.upgrade = new StoreUpgrade(executor, rules);
    this.worker = new PeriodicWorker({ name: "retention", intervalMs: options.intervalMs, logger }, () => this.round());
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

  /** Takes or renews the lease; when held, forgets every expired receipt, then upgrades for a while. */
  async round(): Promise<{ receipts: number }> {
    if (!(await this.lease.take())) return { receipts: 0 };
    let receipts = 0;
    for (const space of this.spaces) receipts += await this.expireReceipts(space);
    const until = Date.now() + this.options.upgradeBudgetMs;
    for (const space of this.spaces) while (!this.stopped && Date.now() < until && (await this.upgrade.step(space))) {}
    return { receipts };
  }

  /** Forgets a space's receipts the dedup window has passed, a batch at a time until none is left. */
  private async expireReceipts(space: string): Promise<number> {
    const cutoff = new Date(Date.now() - this.rules.dedupWindowMs).toISOString();
    let total = 0;
    for (;;) {
      const expired = await this.executor.write({ operation: "retention", space }, async (tx) => {
        const result = await tx.run(EXPIRE_RECEIPTS, { space, cutoff, limit: neo4j.int(this.options.batchSize) });
        return num(result.records[0]?.get("expired"), "expired");
      });
      total += expired;
      if (expired > 0) this.observer.expired?.(expired);
      if (expired < this.options.batchSize || this.stopped) return total;
    }
  }
}
