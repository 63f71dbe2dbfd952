// Starts idgraph: Neo4j (NEO4J_URI, or a local one when the caller can start it), migrations, then
// the GraphQL server. `main.ts` (production) and `dev/start.ts` (`npm start`) call it.
import { startApp } from "./app.js";
import { ApiKeys } from "../auth/api-keys.js";
import { ConfigError, readEnvironment } from "../config.js";
import { loadRules } from "../rules-file.js";
import { feedOptionsFrom } from "./feed-options.js";
import { DEFAULT_QUERY_LIMITS } from "../graphql/limits.js";
import { createLogger } from "../logger.js";
import { connectNeo4j, type LocalNeo4jStarter, type Neo4jHandle } from "../neo4j/connect.js";
import { migrate } from "../neo4j/migrations.js";
import { DEFAULT_RETENTION_OPTIONS } from "../retention/retention-worker.js";

export interface RunOptions {
  /** Starts a local Neo4j when NEO4J_URI is not set; only the development entry point has one. */
  startLocalNeo4j?: LocalNeo4jStarter;
}

async function run(options: RunOptions): Promise<void> {
  const env = readEnvironment();
  const logger = createLogger(env.LOG_LEVEL);
  const apiKeys = ApiKeys.parse(env.IDGRAPH_API_KEYS);
  const rules = loadRules(env.IDGRAPH_RULES_FILE);
  apiKeys.checkIdentifierTypes(new Set(rules.types.keys()));
  const feed = feedOptionsFrom(env);
  if (apiKeys.open) {
    logger.warn(
      "OPEN MODE: IDGRAPH_API_KEYS is not set, so every request is admin in space 'default'. Set API keys before exposing this server.",
    );
  }

  let neo4j: Neo4jHandle | undefined;
  const shutdown = async (signal: string): Promise<void> => {
    logger.info({ signal }, "shutting down");
    await server?.stop().catch((error: unknown) => logger.error({ err: error }, "server stop failed"));
    await neo4j?.close().catch((error: unknown) => logger.error({ err: error }, "Neo4j stop failed"));
    logger.info("stopped");
    process.exit(0);
  };
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void shutdown(signal);
    });
  }

  let server: Awaited<ReturnType<typeof startApp>> | undefined;
  neo4j = await connectNeo4j(env, logger, options.startLocalNeo4j);
  await migrate(neo4j.executor, (line) => logger.info(line));
  server = await startApp({
    executor: neo4j.executor,
    rules,
    logger,
    apiKeys,
    port: env.PORT,
    host: env.HOST,
    maxBody: env.IDGRAPH_MAX_BODY,
    production: env.IDGRAPH_PRODUCTION,
    queryLimits: {
      ...DEFAULT_QUERY_LIMITS,
      maxDepth: env.IDGRAPH_MAX_QUERY_DEPTH,
      maxCost: env.IDGRAPH_MAX_QUERY_COST,
      maxAliases: env.IDGRAPH_MAX_QUERY_ALIASES,
    },
    testEnvironment: env.IDGRAPH_TEST_ENV,
    feed,
    retention: { ...DEFAULT_RETENTION_OPTIONS, intervalMs: env.IDGRAPH_RETENTION_INTERVAL_MS },
    corsOrigins: env.IDGRAPH_CORS_ORIGINS,
    ...(env.IDGRAPH_METRICS_AUTH !== undefined ? { metricsRequireKey: env.IDGRAPH_METRICS_AUTH } : {}),
  });
  const lines = [
    "",
    `  idgraph is running`,
    `  GraphQL:       ${server.url}`,
    `  Health:        ${server.url.replace(/\/graphql$/, "/healthz")}  ${server.url.replace(/\/graphql$/, "/readyz")}`,
    `  Explorer:      ${server.url.replace(/\/graphql$/, "/explorer")}`,
    // The query console is off in production (it follows the introspection switch).
    ...(env.IDGRAPH_PRODUCTION ? [] : [`  Console:       ${server.url} (in a browser)`]),
    `  Neo4j:         ${neo4j.uri}${neo4j.local ? " (local)" : ""}`,
    `  Neo4j Browser: ${neo4j.browserUrl ?? "(your Neo4j server's Browser; docs/BROWSER.md sets it up)"}${neo4j.local ? `  (connects to ${neo4j.uri} without authentication, then applies idgraph's style and opens its guide)` : ""}`,
    `  Access:        ${apiKeys.open ? "OPEN MODE: no API keys, every request is admin in space 'default'" : "API keys required (Authorization: Bearer <key>)"}`,
    `  Mode:          ${env.IDGRAPH_PRODUCTION ? "production (no introspection, internal errors masked)" : "development (introspection on, error details shown; set IDGRAPH_PRODUCTION=1 in production)"}`,
    `  Ctrl-C stops ${neo4j.local ? "both" : "the server"}.`,
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

export function runIdgraph(options: RunOptions = {}): void {
  run(options).catch((error: unknown) => {
    if (error instanceof ConfigError || (error instanceof Error && error.name === "LocalNeo4jError")) {
      process.stderr.write(`idgraph: ${error.message}\n`);
    } else {
      process.stderr.write(`idgraph: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
}
