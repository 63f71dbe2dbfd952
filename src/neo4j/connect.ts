// Chooses the Neo4j to use: NEO4J_URI when set (bolt://, neo4j://, neo4j+s:// for clusters and
// Aura), otherwise a local Neo4j started by the development launcher (dev/neo4j/), which `npm start`
// passes in. The production build has no launcher, so there NEO4J_URI is required.
import { ConfigError, type Environment } from "../config.js";
import type { Logger } from "../logger.js";
import { Executor } from "./executor.js";

/** A local Neo4j that the development launcher started (and restarts when it exits on its own). */
export interface RunningNeo4j {
  boltUri: string;
  browserUrl: string;
  /** The JVM's process id (a new one after a restart). */
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a local Neo4j from the environment's NEO4J_LOCAL_* settings (dev/neo4j/local-neo4j.ts).
 * log: progress lines; warn: lines that need attention, also after start-up (it exited, a restart failed).
 */
export type LocalNeo4jStarter = (env: Environment, log: (line: string) => void, warn: (line: string) => void) => Promise<RunningNeo4j>;

export interface Neo4jHandle {
  executor: Executor;
  uri: string;
  /** Neo4j Browser URL when we know it (the local server's). */
  browserUrl: string | undefined;
  local: RunningNeo4j | undefined;
  close(): Promise<void>;
}

export async function connectNeo4j(env: Environment, logger: Logger, startLocal?: LocalNeo4jStarter): Promise<Neo4jHandle> {
  let local: RunningNeo4j | undefined;
  let uri = env.NEO4J_URI;
  if (uri === undefined) {
    if (!startLocal) {
      throw new ConfigError(
        "NEO4J_URI is not set. This build does not start a local Neo4j: set NEO4J_URI (bolt:// or neo4j://), or run `npm start` from a clone for development.",
      );
    }
    logger.info("NEO4J_URI is not set: starting a local Neo4j (set NEO4J_URI to use your own)");
    const started = Date.now();
    local = await startLocal(
      env,
      (line) => logger.info(line),
      (line) => logger.warn(line),
    );
    logger.info({ ms: Date.now() - started, neo4jPid: local.pid }, "local Neo4j is up");
    uri = local.boltUri;
  }
  const executor = new Executor({ uri, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE });
  return {
    executor,
    uri,
    browserUrl: local?.browserUrl,
    local,
    async close() {
      await executor.close();
      await local?.stop();
    },
  };
}
