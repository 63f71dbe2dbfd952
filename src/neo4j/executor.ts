// The one place that talks to Neo4j: sessions, managed transactions (the driver retries transient
// errors and deadlocks within maxTransactionRetryTime), the database name, and error mapping.
import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from "neo4j-driver";
import { ErrorCode, IdgraphError } from "../errors.js";

export interface Neo4jConnection {
  uri: string;
  username?: string | undefined;
  password?: string | undefined;
  database: string;
}

/** The driver's connection pool size (createDriver). */
export const MAX_CONNECTION_POOL_SIZE = 100;

/** Hears what the metrics count: a managed transaction run again by the driver's retries. */
export interface ExecutorObserver {
  retried?(mode: "read" | "write"): void;
}

export function createDriver(connection: Neo4jConnection): Driver {
  const auth =
    connection.password !== undefined && connection.password !== ""
      ? neo4j.auth.basic(connection.username ?? "neo4j", connection.password)
      : undefined;
  return neo4j.driver(connection.uri, auth, {
    maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    // Retries back off 1, 2, 4, 8 s: with 10 s, a request Neo4j cannot serve is refused with
    // SERVICE_UNAVAILABLE after about 15 s (a 15 s budget allowed one more wait, to about 31 s).
    maxTransactionRetryTime: 10_000,
    disableLosslessIntegers: true,
    userAgent: "idgraph/0.1",
  });
}

const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired"]);

/** Maps driver errors to public codes: an unreachable Neo4j is SERVICE_UNAVAILABLE, nothing half-written. */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof IdgraphError) return error;
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(error.code) || error.retriable) {
      return new IdgraphError(
        ErrorCode.SERVICE_UNAVAILABLE,
        "Neo4j is unavailable; retry later (with the same messageId: a request is written whole or not at all, and a repeat is answered, not applied twice)",
        undefined,
        {
          cause: error,
        },
      );
    }
  }
  return error;
}

export class Executor {
  private readonly observers = new Set<ExecutorObserver>();
  /** Sessions open now (each holds at most one pooled connection): the metrics' pool use. */
  sessionsInUse = 0;
  readonly maxConnectionPoolSize = MAX_CONNECTION_POOL_SIZE;

  observe(observer: ExecutorObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Counts the attempts of a managed transaction's work: every one after the first is a retry. */
  private attempts<T>(mode: "read" | "write", work: (tx: ManagedTransaction) => Promise<T>): (tx: ManagedTransaction) => Promise<T> {
    let attempt = 0;
    return (tx) => {
      if (attempt++ > 0) for (const observer of this.observers) observer.retried?.(mode);
      return work(tx);
    };
  }

  constructor(
    readonly driver: Driver,
    readonly database: string,
  ) {}

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    this.sessionsInUse += 1;
    try {
      return await session.executeRead(this.attempts("read", work));
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      this.sessionsInUse -= 1;
      await session.close();
    }
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    this.sessionsInUse += 1;
    try {
      return await session.executeWrite(this.attempts("write", work));
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      this.sessionsInUse -= 1;
      await session.close();
    }
  }

  /** Schema commands cannot share a transaction with writes: each runs on its own. */
  async runAutoCommit(cypher: string, parameters: Record<string, unknown> = {}): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.run(cypher, parameters);
    } finally {
      await session.close();
    }
  }

  /** One attempt, no retries: a readiness probe must answer at once while Neo4j is away. */
  async ping(): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run("RETURN 1");
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
