// Builds the GraphQL server on an executor: used by `npm start`, the tests and the benchmarks.
import type express from "express";
import { GraphQLError } from "graphql";
import type { ApiKeys } from "./auth/api-keys.js";
import { IdgraphError } from "./errors.js";
import { createIngestRouter } from "./ingest/router.js";
import { createRequestContext } from "./graphql/context.js";
import type { QueryLimits } from "./graphql/limits.js";
import { buildIdgraphSchema } from "./graphql/schema.js";
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from "./feed/feed.service.js";
import type { IdentityRules } from "./rules/rules-config.js";
import type { Logger } from "./logger.js";
import type { Executor } from "./neo4j/executor.js";
import { startHttpServer, type RunningServer } from "./server/http.js";
import { Metrics } from "./metrics/metrics.js";
import type { RetentionOptions } from "./retention/retention-worker.js";
import { createServices } from "./services.js";

export interface AppOptions {
  executor: Executor;
  rules: IdentityRules;
  logger: Logger;
  apiKeys: ApiKeys;
  port: number;
  host: string;
  maxBody?: string;
  production?: boolean;
  /** GraphQL request shape limits (depth, cost, aliases); the defaults of src/graphql/limits.ts when absent. */
  queryLimits?: QueryLimits;
  /** IDGRAPH_TEST_ENV: enables the account reset (resetSpace), which wipes a whole space. */
  testEnvironment?: boolean;
  /** The change feed's relay, webhook and subscription settings; DEFAULT_FEED_OPTIONS when absent. */
  feed?: FeedOptions;
  /** IDGRAPH_CORS_ORIGINS: browser origins allowed to call the API; none when absent. */
  corsOrigins?: readonly string[];
  /** IDGRAPH_METRICS_AUTH: /metrics answers only an admin API key (open on the port otherwise). */
  metricsRequireKey?: boolean;
  /** SDK ingestion requests worked on at once before the rest get 429 (src/ingest/router.ts). */
  ingestMaxInFlight?: number;
  /** The retention work's timings (src/retention/); when absent this process runs none (another one must). */
  retention?: RetentionOptions;
}

export async function startApp(options: AppOptions): Promise<RunningServer> {
  // A registry per app: tests start many servers in one process.
  const metrics = new Metrics();
  const unwatch = metrics.watchExecutor(options.executor);
  const services = createServices(options.executor, options.rules, {
    testEnvironment: options.testEnvironment ?? false,
    observer: metrics,
    feedObserver: metrics,
    retentionObserver: metrics,
    spaces: options.apiKeys.spaces,
    logger: options.logger,
    feed: feedFor(options.feed ?? DEFAULT_FEED_OPTIONS, options.apiKeys),
    ...(options.retention ? { retention: options.retention } : {}),
  });
  const schema = await buildIdgraphSchema();
  const context = async (request: express.Request) => {
    try {
      return createRequestContext(options.apiKeys.authenticate(request.headers.authorization), services);
    } catch (error) {
      if (error instanceof IdgraphError) {
        throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
      }
      throw error;
    }
  };
  const server = await startHttpServer(
    {
      schema,
      executor: options.executor,
      logger: options.logger,
      context,
      maxBody: options.maxBody ?? "5mb",
      production: options.production ?? false,
      ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
      subscriptionContext: async (authorization) => {
        try {
          return createRequestContext(options.apiKeys.authenticate(authorization), services);
        } catch (error) {
          throw error instanceof IdgraphError ? new GraphQLError(error.message, { extensions: { code: error.code } }) : error;
        }
      },
      ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
      metrics,
      ...(options.metricsRequireKey ? { metricsAuthorized: (authorization) => isAdmin(options.apiKeys, authorization) } : {}),
      routes: createIngestRouter({
        services,
        apiKeys: options.apiKeys,
        logger: options.logger,
        observer: metrics,
        ...(options.ingestMaxInFlight !== undefined ? { maxInFlight: options.ingestMaxInFlight } : {}),
      }),
    },
    options.port,
    options.host,
  );
  // The change feed's background work (relay, webhooks) and the retention work run while the server does.
  services.feed.start();
  if (options.retention) services.retention.start();
  let stopping: Promise<void> | undefined;
  return {
    ...server,
    // Once: a second stop() waits for the first.
    stop() {
      stopping ??= (async () => {
        unwatch();
        await Promise.all([services.feed.stop(), services.retention.stop()]);
        await server.stop();
      })();
      return stopping;
    },
  };
}

function isAdmin(apiKeys: ApiKeys, authorization: string | undefined): boolean {
  try {
    return apiKeys.authenticate(authorization).role === "admin";
  } catch {
    return false;
  }
}

/**
 * A process delivers the webhooks of the spaces its API keys name, so deployments (and test
 * servers) that share one Neo4j each deliver their own spaces' changes, with their own settings.
 */
const feedFor = (feed: FeedOptions, apiKeys: ApiKeys): FeedOptions => ({ ...feed, webhooks: { ...feed.webhooks, spaces: apiKeys.spaces } });
