// Chooses the Neo4j to use: NEO4J_URI when set (bolt://, neo4j://, neo4j+s:// for clusters and
// Aura), otherwise a local Neo4j started on this machine (see local-neo4j.ts).
import type { Environment } from "../config.js";
import type { Logger } from "../logger.js";
import { createDriver, Executor } from "./executor.js";
import { startLocalNeo4j, type RunningNeo4j } from "./local-neo4j.js";

export interface Neo4jHandle {
  executor: Executor;
  uri: string;
  /** Neo4j Browser URL when we know it (the local server's). */
  browserUrl: string | undefined;
  local: RunningNeo4j | undefined;
  close(): Promise<void>;
}

export async function connectNeo4j(env: Environment, logger: Logger): Promise<Neo4jHandle> {
  let local: RunningNeo4j | undefined;
  let uri = env.NEO4J_URI;
  if (uri === undefined) {
    logger.info("NEO4J_URI is not set: starting a local Neo4j (set NEO4J_URI to use your own)");
    const started = Date.now();
    local = await startLocalNeo4j({
      name: "dev",
      boltPort: env.NEO4J_LOCAL_BOLT_PORT,
      httpPort: env.NEO4J_LOCAL_HTTP_PORT,
      heap: env.NEO4J_LOCAL_HEAP,
      pageCache: env.NEO4J_LOCAL_PAGECACHE,
      log: (line) => logger.info(line),
    });
    logger.info({ ms: Date.now() - started, pid: local.pid }, "local Neo4j is up");
    uri = local.boltUri;
  }
  const executor = new Executor(
    createDriver({ uri, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE }),
    env.NEO4J_DATABASE,
  );
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
