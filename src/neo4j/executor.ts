// The one place that talks to Neo4j and owns its policy: sessions (one helper), managed
// transactions with metadata and a timeout, retries, and the one table from Neo4j errors to
// public codes (src/errors.ts).
import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction, Neo4jError, type Session } from "neo4j-driver";
import { ErrorCode, IdgraphError } from "../errors.js";

export interface Neo4jConnection {
  uri: string;
  username?: string | undefined;
  password?: string | undefined;
  /** The database every session of this executor uses. */
  database: string;
  /** Tighter timings than the defaults, for tests that make Neo4j go away (ms). */
  timings?: { maxTransactionRetryTime?: number; connectionTimeout?: number; connectionAcquisitionTimeout?: number };
}

/** What a transaction is, for Neo4j's query log and `SHOW TRANSACTIONS` (its metadata). */
export interface TransactionLabel {
  /** The operation: resolveBatch, unmerge, profileByDevice, ... */
  operation: string;
  /** The identity space it works in, when it has one. */
  space?: string | undefined;
}

export type Label = string | TransactionLabel;

/** The driver's connection pool size (createDriver). */
export const MAX_CONNECTION_POOL_SIZE = 100;

/** Hears what the metrics count: a managed transaction run again by the driver's or the executor's retries, and why. */
export interface ExecutorObserver {
  retried?(mode: "read" | "write"): void;
  /** A run of a write's work failed with a Neo4j error (code: Neo4j's status code, e.g. a deadlock). */
  failed?(operation: string, code: string): void;
  /** A write ended (committed or given up) after this many runs of its work: 1 when nothing had to be retried. */
  attempts?(operation: string, runs: number): void;
}

/** Longest a transaction may run before Neo4j ends it: a runaway query must not hold locks for ever, while a batch of 1000 on a loaded machine still fits. */
export const TRANSACTION_TIMEOUT_MS = 120_000;

/** How often the executor runs a unit of work again after a retryable failure the driver does not retry itself. */
const OWN_RETRIES = 5;

/** The driver's default: how long retryable failures are retried before they are answered. */
const DEFAULT_MAX_RETRY_TIME_MS = 10_000;

/** What a one-statement read runs its statement on: a transaction's `run`, auto-committed. */
type StatementRunner = Pick<ManagedTransaction, "run">;

export interface ReadOptions {
  /** The work runs exactly one statement: auto-commit it (one round trip instead of BEGIN, RUN, COMMIT). */
  oneStatement?: boolean;
}

/** For reads of one statement: `executor.read(label, work, ONE_STATEMENT)`. */
export const ONE_STATEMENT: ReadOptions = { oneStatement: true };

/**
 * Thrown by a store when a node it locked was deleted by another transaction before the lock was
 * granted (an admin delete or demerge won the race): the work starts over and sees the graph after it.
 */
export class LockedNodeVanished extends Error {
  override readonly name = "LockedNodeVanished";
}

export function createDriver(connection: Neo4jConnection): Driver {
  const auth =
    connection.password !== undefined && connection.password !== ""
      ? neo4j.auth.basic(connection.username ?? "neo4j", connection.password)
      : undefined;
  return neo4j.driver(connection.uri, auth, {
    maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
    connectionAcquisitionTimeout: connection.timings?.connectionAcquisitionTimeout ?? 10_000,
    connectionTimeout: connection.timings?.connectionTimeout ?? 5_000,
    // Retries back off 1, 2, 4, 8 s: with 10 s, a request Neo4j cannot serve is refused with
    // SERVICE_UNAVAILABLE after about 15 s (a 15 s budget allowed one more wait, to about 31 s).
    maxTransactionRetryTime: connection.timings?.maxTransactionRetryTime ?? DEFAULT_MAX_RETRY_TIME_MS,
    disableLosslessIntegers: true,
    userAgent: "idgraph/0.1",
  });
}

const RETRY_WITH_MESSAGE_ID =
  "retry (with the same messageId: a request is written whole or not at all, and a repeat is answered, not applied twice)";

/**
 * Neo4j errors and what the API says for them, in the order they are tried. Codes are Neo4j's
 * status codes (https://neo4j.com/docs/status-codes/); the driver has already retried the
 * transient ones for maxTransactionRetryTime when an error gets here.
 */
const ERROR_TABLE: Array<{ matches: (error: Neo4jError) => boolean; code: ErrorCode; message: string }> = [
  {
    matches: (error) => error.code === "ServiceUnavailable" || error.code === "SessionExpired",
    code: ErrorCode.SERVICE_UNAVAILABLE,
    message: `Neo4j is unavailable; ${RETRY_WITH_MESSAGE_ID}`,
  },
  {
    matches: (error) =>
      error.code === "Neo.TransientError.Transaction.DeadlockDetected" ||
      error.code === "Neo.TransientError.Transaction.LockClientStopped" ||
      error.code === "Neo.TransientError.Transaction.Outdated",
    code: ErrorCode.WRITE_CONFLICT,
    message: `concurrent writes to the same profiles kept conflicting with this one; ${RETRY_WITH_MESSAGE_ID}`,
  },
  {
    // The stores MERGE what they key and create only fresh ids, so this is a write that did not go
    // through them: refused, not retried.
    matches: (error) => error.code === "Neo.ClientError.Schema.ConstraintValidationFailed",
    code: ErrorCode.CONFLICT,
    message: "the write would break one of idgraph's uniqueness constraints (cypher/migrations/); nothing was written",
  },
  {
    matches: (error) => error.code === "Neo.ClientError.Transaction.TransactionTimedOut" || error.code.includes("TransactionTimedOut"),
    code: ErrorCode.SERVICE_UNAVAILABLE,
    message: `Neo4j did not finish the transaction within ${TRANSACTION_TIMEOUT_MS / 1000} s; nothing was written; ${RETRY_WITH_MESSAGE_ID}`,
  },
  {
    // Any other transient error (a leader switch, a memory limit hit under load): Neo4j says retry.
    matches: (error) => error.retriable || error.code.startsWith("Neo.TransientError."),
    code: ErrorCode.SERVICE_UNAVAILABLE,
    message: `Neo4j is unavailable; ${RETRY_WITH_MESSAGE_ID}`,
  },
];

/** Maps an error from Neo4j to a public one; our own errors and programming errors pass through. */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof IdgraphError) return error;
  if (error instanceof LockedNodeVanished) {
    return new IdgraphError(ErrorCode.WRITE_CONFLICT, `${error.message}; ${RETRY_WITH_MESSAGE_ID}`, undefined, { cause: error });
  }
  if (error instanceof Neo4jError) {
    const entry = ERROR_TABLE.find((candidate) => candidate.matches(error));
    if (entry) return new IdgraphError(entry.code, entry.message, undefined, { cause: error });
  }
  return error;
}

/** Retryable failures that the driver itself does not retry (it retries only Neo4j's transient errors). */
const retryableHere = (error: unknown): boolean => error instanceof LockedNodeVanished;

const labelOf = (label: Label): TransactionLabel => (typeof label === "string" ? { operation: label } : label);

export class Executor {
  readonly database: string;
  private readonly driver: Driver;
  private readonly observers = new Set<ExecutorObserver>();
  /**
   * Shared by every session of this executor: each session starts after the transactions this
   * process has committed, so a read sees the writes this process made before it (on a cluster too).
   */
  private readonly bookmarks: BookmarkManager = neo4j.bookmarkManager();
  private readonly maxRetryTimeMs: number;
  /** Sessions open now (each holds at most one pooled connection): the metrics' pool use. */
  sessionsInUse = 0;
  readonly maxConnectionPoolSize = MAX_CONNECTION_POOL_SIZE;

  constructor(connection: Neo4jConnection) {
    this.database = connection.database;
    this.driver = createDriver(connection);
    this.maxRetryTimeMs = connection.timings?.maxTransactionRetryTime ?? DEFAULT_MAX_RETRY_TIME_MS;
  }

  observe(observer: ExecutorObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /**
   * A read in a managed transaction (BEGIN, RUN, COMMIT), or with `{ oneStatement: true }` its one
   * statement auto-committed (see readOneStatement).
   */
  read<T>(label: Label, work: (tx: ManagedTransaction) => Promise<T>, options?: ReadOptions): Promise<T> {
    if (options?.oneStatement) return this.readOneStatement(label, work);
    return this.transaction("READ", label, work);
  }

  /**
   * A read of ONE statement, auto-committed: one round trip (RUN and PULL) instead of a managed
   * transaction's BEGIN, RUN and COMMIT. The work must run exactly one statement (a second one
   * throws: statements that must agree with each other share a transaction, `read`). Retryable
   * failures (Neo4j away, a transient error) run the work again with backoff for as long as the
   * driver retries a transaction (maxTransactionRetryTime), then map as `read`'s do.
   */
  private async readOneStatement<T>(label: Label, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const config = this.config(label);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.withSession("READ", (session) => {
          let ran = false;
          const runner: StatementRunner = {
            run: ((query: string, parameters?: Record<string, unknown>) => {
              if (ran) throw new Error("a oneStatement read runs one statement; read several in one transaction without it");
              ran = true;
              return session.run(query, parameters, config);
            }) as StatementRunner["run"],
          };
          // A managed transaction's only public member is run: the work cannot tell the difference.
          return work(runner as ManagedTransaction);
        });
      } catch (error) {
        const retryable = error instanceof Neo4jError && error.retriable;
        const delay = 1000 * 2 ** attempt * (0.8 + 0.4 * Math.random());
        if (retryable && Date.now() - started + delay <= this.maxRetryTimeMs) {
          for (const observer of this.observers) observer.retried?.("read");
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        throw mapNeo4jError(error);
      }
    }
  }

  write<T>(label: Label, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.transaction("WRITE", label, work);
  }

  /**
   * Schema commands cannot share a transaction with writes: each runs on its own, auto-committed.
   * A transient failure (a statement that saw a schema change land, another process's migration)
   * runs it again with backoff, as the driver would a managed transaction.
   */
  async runAutoCommit(label: Label, cypher: string, parameters: Record<string, unknown> = {}): Promise<void> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.withSession("WRITE", (session) => session.run(cypher, parameters, this.config(label)));
        return;
      } catch (error) {
        const delay = 200 * 2 ** attempt * (0.8 + 0.4 * Math.random());
        if (error instanceof Neo4jError && error.retriable && Date.now() - started + delay <= this.maxRetryTimeMs) {
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        throw mapNeo4jError(error);
      }
    }
  }

  /** One attempt, no retries: a readiness probe must answer at once while Neo4j is away. */
  async ping(): Promise<void> {
    try {
      await this.withSession("READ", (session) => session.run("RETURN 1", {}, this.config("ping")));
    } catch (error) {
      throw mapNeo4jError(error);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async transaction<T>(mode: "READ" | "WRITE", label: Label, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const config = this.config(label);
    const { operation } = labelOf(label);
    // Every run of the work after the first is a retry, the driver's or ours: the metrics count them, and why.
    let runs = 0;
    const counted = async (tx: ManagedTransaction): Promise<T> => {
      if (runs++ > 0) for (const observer of this.observers) observer.retried?.(mode === "READ" ? "read" : "write");
      try {
        return await work(tx);
      } catch (error) {
        const code = error instanceof Neo4jError ? error.code : error instanceof LockedNodeVanished ? "LockedNodeVanished" : undefined;
        if (mode === "WRITE" && code !== undefined) for (const observer of this.observers) observer.failed?.(operation, code);
        throw error;
      }
    };
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.withSession(mode, (session) =>
            mode === "READ" ? session.executeRead(counted, config) : session.executeWrite(counted, config),
          );
        } catch (error) {
          if (attempt < OWN_RETRIES && retryableHere(error)) {
            await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * (0.5 + Math.random())));
            continue;
          }
          throw mapNeo4jError(error);
        }
      }
    } finally {
      if (mode === "WRITE") for (const observer of this.observers) observer.attempts?.(operation, runs);
    }
  }

  /** The one session helper: the database named, the access mode set, the session closed. */
  private async withSession<T>(mode: "READ" | "WRITE", work: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    this.sessionsInUse += 1;
    try {
      return await work(session);
    } finally {
      this.sessionsInUse -= 1;
      await session.close();
    }
  }

  private config(label: Label): { timeout: number; metadata: Record<string, string> } {
    const { operation, space } = labelOf(label);
    return { timeout: TRANSACTION_TIMEOUT_MS, metadata: { app: "idgraph", operation, ...(space !== undefined ? { space } : {}) } };
  }
}
