// Builds the GraphQL server on an executor: used by `npm start`, the tests and the benchmarks.
import type express from "express";
import { GraphQLError } from "graphql";
import type { ApiKeys, Principal } from "../auth/api-keys.js";
import { KeyLimits } from "../auth/key-limits.js";
import { ErrorCode, IdgraphError } from "../errors.js";
import { createIngestRouter } from "../ingest/router.js";
import type { QueryLimits } from "../graphql/limits.js";
import { createRequestContext } from "./context.js";
import { buildIdgraphSchema } from "./schema.js";
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from "./feed-options.js";
import type { IdentityRules } from "../rules/rules-config.js";
import type { Logger } from "../logger.js";
import type { Executor } from "../neo4j/executor.js";
import { startHttpServer, type RunningServer } from "../server/http.js";
import { Metrics } from "../metrics/metrics.js";
import type { RetentionOptions } from "../retention/retention-worker.js";
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
  /**
   * IDGRAPH_METRICS_AUTH: /metrics answers only an admin API key (open on the port otherwise). When
   * absent: required as soon as a write key is configured (its server takes traffic from the internet).
   */
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
  const keyLimits = new KeyLimits(metrics);
  const schema = await buildIdgraphSchema({ services, keyLimits });
  // The principal the gate admitted, so the context does not authenticate the request again.
  const admittedPrincipal = new WeakMap<express.Request, Principal>();
  const graphqlGate: express.RequestHandler = async (request, response, next) => {
    let principal: Principal;
    try {
      principal = options.apiKeys.authenticate(request.headers.authorization);
    } catch {
      // Apollo answers it (401 UNAUTHENTICATED) from the context below.
      next();
      return;
    }
    try {
      const admission = await keyLimits.admitRequest(principal);
      if (!admission.ok) {
        metrics.error(ErrorCode.RATE_LIMITED);
        response
          .status(429)
          .setHeader("Retry-After", String(admission.retryAfter))
          .json({
            errors: [
              {
                message: admission.message,
                extensions: { code: ErrorCode.RATE_LIMITED, limit: admission.limit, retryAfter: admission.retryAfter },
              },
            ],
          });
        return;
      }
      response.on("close", admission.release);
      admittedPrincipal.set(request, principal);
      next();
    } catch (error) {
      next(error);
    }
  };
  const context = async (request: express.Request) => {
    try {
      const principal = admittedPrincipal.get(request) ?? options.apiKeys.authenticate(request.headers.authorization);
      return createRequestContext(principal, services);
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
      graphqlGate,
      keyLimits,
      metricsAuthorized: (authorization) => metricsAuthorized(options, authorization),
      routes: createIngestRouter({
        services: { identity: services.identity, knownUsers: services.knownUsers },
        apiKeys: options.apiKeys,
        logger: options.logger,
        observer: metrics,
        keyLimits,
        ...(options.ingestMaxInFlight !== undefined ? { maxInFlight: options.ingestMaxInFlight } : {}),
      }),
    },
    options.port,
    options.host,
  );
  // The change feed's background work (relay, webhooks) and the retention work run while the server does.
  services.feed.start();
  services.webhooks.start();
  if (options.retention) services.retention.start();
  let stopping: Promise<void> | undefined;
  return {
    ...server,
    // Once: a second stop() waits for the first.
    stop() {
      stopping ??= (async () => {
        unwatch();
        await Promise.all([services.feed.stop(), services.webhooks.stop(), services.retention.stop()]);
        await server.stop();
      })();
      return stopping;
    },
  };
}

/**
 * Who may read /metrics: an admin key always; a request presenting any other key never (a write key
 * copied from a page reads nothing); a request without a key only while /metrics is open (no
 * IDGRAPH_METRICS_AUTH, and no write key configured unless IDGRAPH_METRICS_AUTH=0 says so).
 */
function metricsAuthorized(options: AppOptions, authorization: string | undefined): "allowed" | "unauthenticated" | "forbidden" {
  const requireKey = options.metricsRequireKey ?? options.apiKeys.hasWriteKeys;
  if (authorization === undefined && !requireKey) return "allowed";
  try {
    return options.apiKeys.authenticate(authorization).role === "admin" ? "allowed" : "forbidden";
  } catch {
    return "unauthenticated";
  }
}

/**
 * A process delivers the webhooks of the spaces its API keys name, so deployments (and test
 * servers) that share one Neo4j each deliver their own spaces' changes, with their own settings.
 */
const feedFor = (feed: FeedOptions, apiKeys: ApiKeys): FeedOptions => ({ ...feed, webhooks: { ...feed.webhooks, spaces: apiKeys.spaces } });
