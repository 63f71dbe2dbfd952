// A lease node in Neo4j that lets one process at a time do a piece of background work (the change
// feed's relay, the retention work): taken or renewed every round, taken over once it expires, so a
// crashed holder is replaced within its time to live.
import neo4j, { type ManagedTransaction } from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import { num } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";

const TAKE_LEASE = statement("background/take-lease");

const RELEASE_LEASE = statement("background/release-lease");

// The fence: the lease node stays locked until the caller's transaction commits, so a holder whose
// lease ran out (and was taken over) can no longer write as the holder.
const HOLD_LEASE = statement("background/hold-lease");

export interface LeaseOptions {
  /** The lease's name: one holder at a time per name. */
  name: string;
  /** This process's id. */
  holder: string;
  /** How long the lease lasts without renewal: the longest a crashed holder delays the work. */
  ttlMs: number;
  /** The transactions' operation name (metrics and transaction metadata). */
  operation: string;
}

export class Lease {
  constructor(
    private readonly executor: Executor,
    private readonly options: LeaseOptions,
  ) {}

  /** Takes the lease, or renews it when this process holds it; true when it is this process's. */
  async take(): Promise<boolean> {
    const { name, holder, ttlMs, operation } = this.options;
    return this.executor.write(operation, async (tx) => {
      const result = await tx.run(TAKE_LEASE, { lease: name, me: holder, ttl: neo4j.int(ttlMs) });
      return num(result.records[0]?.get("held"), "held") > 0;
    });
  }

  /** Inside a transaction: whether the lease is still this process's, the lease node locked until the transaction ends. */
  async hold(tx: ManagedTransaction): Promise<boolean> {
    const result = await tx.run(HOLD_LEASE, { lease: this.options.name, me: this.options.holder });
    // Null when the lease has no holder: not held.
    return result.records[0]?.get("held") === true;
  }

  /** Gives the lease up (another process may take it at once); failures are ignored, the lease expires anyway. */
  async release(): Promise<void> {
    const { name, holder, operation } = this.options;
    await this.executor.write(operation, (tx) => tx.run(RELEASE_LEASE, { lease: name, me: holder })).catch(() => undefined);
  }
}
