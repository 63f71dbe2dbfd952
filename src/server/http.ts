// The HTTP surface: GET /healthz (process up), GET /readyz (Neo4j reachable, migrations applied),
// POST /graphql (Apollo Server), /explorer and the console at GET /graphql (./web.ts), the Neo4j
// Browser guide and stylesheet (GET /browser/*), CORS for allowed origins (./cors.ts), and the
// routes given (the SDK ingestion endpoints). Subscriptions over graphql-ws (the
// graphql-transport-ws protocol) on /graphql. Graceful shutdown drains in-flight requests.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, getOperationAST, type GraphQLSchema } from "graphql";
// Not a React hook, whatever its name: graphql-ws's server for a ws WebSocketServer.
import { useServer as serveGraphqlWs } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Logger } from "../logger.js";
import type { Executor } from "../neo4j/executor.js";
import { migrationsApplied } from "../neo4j/migrations.js";
import { formatError } from "../graphql/format-error.js";
import { DEFAULT_QUERY_LIMITS, operationLimitErrors, queryCostPlugin, queryLimitRules, type QueryLimits } from "../graphql/limits.js";
import { rateLimitedPlugin } from "../graphql/rate-limited.js";
import { writeOnlyPlugin, writeOnlyRefusal } from "../graphql/write-only.js";
import type { KeyLimits } from "../auth/key-limits.js";
import { ErrorCode } from "../errors.js";
import type { RequestContext } from "../graphql/context.js";
import { mountWebPages } from "./web.js";
import { corsForAllowedOrigins } from "./cors.js";
import { neo4jBrowserRoutes } from "./neo4j-browser.js";
import { metricsPlugin } from "../metrics/apollo-plugin.js";
import type { Metrics } from "../metrics/metrics.js";

export interface ServerOptions {
  schema: GraphQLSchema;
  executor: Executor;
  logger: Logger;
  context: (request: express.Request) => Promise<RequestContext>;
  maxBody: string;
  production: boolean;
  /** Depth, cost and alias limits of a GraphQL request; DEFAULT_QUERY_LIMITS when absent. */
  queryLimits?: QueryLimits;
  /** The context of a graphql-ws connection, from connectionParams.authorization ("Bearer <key>"); no subscriptions when absent. */
  subscriptionContext?: (authorization: string | undefined) => Promise<RequestContext>;
  /** Browser origins allowed to call /graphql and the ingestion endpoints (IDGRAPH_CORS_ORIGINS); none when absent. */
  corsOrigins?: readonly string[];
  /** GET /metrics (Prometheus) and the GraphQL latency and error series; no /metrics when absent. */
  metrics?: Metrics;
  /** Who may read /metrics (by the Authorization header); everyone on the port when absent. */
  metricsAuthorized?: (authorization: string | undefined) => "allowed" | "unauthenticated" | "forbidden";
  /** More routes on the same port (the SDK ingestion endpoints, src/ingest/); they parse their own bodies. */
  routes?: express.Router;
  /** Runs before /graphql parses a body: the per-key request limits (app.ts); none when absent. */
  graphqlGate?: express.RequestHandler;
  /** The per-key limits of graphql-ws operations (requests, open subscriptions); none when absent. */
  keyLimits?: KeyLimits;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startHttpServer(options: ServerOptions, port: number, host: string): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  // Before every route, so that preflights of allowed origins are answered here.
  app.use(corsForAllowedOrigins(options.corsOrigins ?? []));
  app.use(neo4jBrowserRoutes());

  let migrationsKnownApplied = false;
  // Probes come every few seconds: log when Neo4j becomes unreachable and when it answers again, not each probe.
  let neo4jReachable = true;
  app.get("/healthz", (_request, response) => {
    response.json({ status: "ok" });
  });
  app.get("/readyz", async (_request, response) => {
    try {
      await options.executor.ping();
      if (!neo4jReachable) {
        neo4jReachable = true;
        options.logger.info("readiness: Neo4j answers again");
      }
      migrationsKnownApplied ||= await migrationsApplied(options.executor);
      if (!migrationsKnownApplied) {
        response.status(503).json({ status: "unavailable", reason: "migrations not applied" });
        return;
      }
      response.json({ status: "ready" });
    } catch (error) {
      if (neo4jReachable) {
        neo4jReachable = false;
        options.logger.warn({ err: String(error) }, "readiness check failed: Neo4j is unreachable (logged again only once it answers)");
      }
      response.status(503).json({ status: "unavailable", reason: "Neo4j is unreachable" });
    }
  });

  const metrics = options.metrics;
  if (metrics) {
    app.get("/metrics", async (request, response) => {
      const verdict = options.metricsAuthorized?.(request.headers.authorization) ?? "allowed";
      if (verdict !== "allowed") {
        const [status, code] = verdict === "forbidden" ? [403, ErrorCode.FORBIDDEN] : [401, ErrorCode.UNAUTHENTICATED];
        response.status(status).json({ errors: [{ message: "/metrics needs an admin API key", extensions: { code } }] });
        return;
      }
      response.type(metrics.contentType()).send(await metrics.text());
    });
  }

  const queryLimits = options.queryLimits ?? DEFAULT_QUERY_LIMITS;
  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    // In production, validation errors do not suggest field names ("Did you mean ...?").
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: (formatted, error) => {
      const answered = formatError(formatted, error, options.logger, options.production);
      metrics?.error(String(answered.extensions?.["code"] ?? "INTERNAL_SERVER_ERROR"));
      return answered;
    },
    // Request shape limits: tokens while parsing, depth and aliases while validating, cost before executing.
    parseOptions: { maxTokens: queryLimits.maxTokens },
    validationRules: queryLimitRules(queryLimits),
    maxRecursiveSelections: true,
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // A write key's operation is refused before its cost is even estimated.
      writeOnlyPlugin(),
      queryCostPlugin(queryLimits),
      rateLimitedPlugin(),
      // Apollo's landing page loads its scripts from a CDN; the console (GraphiQL) is served locally instead.
      ApolloServerPluginLandingPageDisabled(),
      ...(metrics ? [metricsPlugin(metrics)] : []),
    ],
  });
  await apollo.start();
  // The explorer and the console; in production the console follows the introspection switch.
  mountWebPages(app, { console: !options.production });
  if (options.routes) app.use(options.routes);
  app.use(
    "/graphql",
    ...(options.graphqlGate ? [options.graphqlGate] : []),
    express.json({ limit: options.maxBody }),
    // Express 5 leaves req.body unset without a JSON body (a GET, another content type); Apollo then
    // answers 500 instead of its own coded 400.
    (request: express.Request, _response: express.Response, next: express.NextFunction) => {
      request.body ??= {};
      next();
    },
    expressMiddleware(apollo, { context: async ({ req }) => options.context(req) }),
  );
  app.use((error: unknown, _request: express.Request, response: express.Response, next: express.NextFunction) => {
    const status = (error as { status?: number }).status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      const message = status === 413 ? `request body larger than ${options.maxBody}` : "malformed request body";
      response.status(status).json({ errors: [{ message, extensions: { code: "BAD_USER_INPUT" } }] });
      return;
    }
    if (response.headersSent) {
      next(error);
      return;
    }
    // Not Express's default handler: it would print the stack (and so maybe request data) to stderr.
    options.logger.error({ errorType: (error as Error | undefined)?.name ?? typeof error }, "unhandled HTTP error");
    response.status(500).json({ errors: [{ message: "internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
  });

  // Subscriptions: the key comes in connectionParams; a connection without a valid one is closed
  // (4403) before any subscription starts. Every operation on the socket is held to the same request
  // shape limits as over HTTP (tokens, depth, aliases, cost), a write key's to resolve and
  // resolveBatch, each key to its requests a second and its cap of open subscriptions; each
  // subscription is checked again for its role by its resolver.
  let subscriptions: { dispose(): void | Promise<void> } | undefined;
  let stopping: Promise<void> | undefined;
  const subscriptionContext = options.subscriptionContext;
  if (subscriptionContext) {
    const webSockets = new WebSocketServer({ server: httpServer, path: "/graphql" });
    const authorization = (params: Readonly<Record<string, unknown>> | undefined): string | undefined =>
      typeof params?.["authorization"] === "string" ? params["authorization"] : undefined;
    // What to release when an operation ends, per socket and operation id.
    const releases = new WeakMap<object, Map<string, () => void>>();
    const releaseOf = (socket: object): Map<string, () => void> => {
      let known = releases.get(socket);
      if (!known) {
        known = new Map();
        releases.set(socket, known);
      }
      return known;
    };
    const refused = (message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError[] => [
      new GraphQLError(message, { extensions: { ...extensions, code } }),
    ];
    subscriptions = serveGraphqlWs(
      {
        schema: options.schema,
        onConnect: async (ctx) => {
          try {
            await subscriptionContext(authorization(ctx.connectionParams));
            return true;
          } catch {
            return false;
          }
        },
        onSubscribe: async (ctx, id, payload) => {
          let contextValue: RequestContext;
          try {
            contextValue = await subscriptionContext(authorization(ctx.connectionParams));
          } catch (error) {
            return error instanceof GraphQLError ? [error] : refused("unknown API key", ErrorCode.UNAUTHENTICATED);
          }
          const checked = operationLimitErrors({
            schema: options.schema,
            query: payload.query,
            variables: payload.variables ?? null,
            operationName: payload.operationName ?? null,
            limits: queryLimits,
          });
          if (checked.errors.length > 0 || !checked.document) return [...checked.errors];
          const operation = getOperationAST(checked.document, payload.operationName ?? undefined);
          const writeOnly = writeOnlyRefusal(contextValue.principal, operation);
          if (writeOnly) return [writeOnly];
          const limits = options.keyLimits;
          if (limits) {
            const admission =
              operation?.operation === "subscription"
                ? limits.openSubscription(contextValue.principal)
                : await limits.admitRequest(contextValue.principal);
            if (!admission.ok) {
              return refused(admission.message, ErrorCode.RATE_LIMITED, { limit: admission.limit, retryAfter: admission.retryAfter });
            }
            releaseOf(ctx).set(id, admission.release);
          }
          return {
            schema: options.schema,
            document: checked.document,
            variableValues: payload.variables ?? {},
            ...(payload.operationName ? { operationName: payload.operationName } : {}),
            contextValue,
          };
        },
        onComplete: (ctx, id) => {
          const known = releases.get(ctx);
          known?.get(id)?.();
          known?.delete(id);
        },
        onClose: (ctx) => {
          for (const release of releases.get(ctx)?.values() ?? []) release();
          releases.delete(ctx);
        },
      },
      webSockets,
    );
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return {
    url: `http://${shownHost}:${address.port}/graphql`,
    port: address.port,
    // Once: a second stop() (a caller's finally after a shutdown) waits for the first.
    stop() {
      stopping ??= (async () => {
        await subscriptions?.dispose();
        await apollo.stop();
      })();
      return stopping;
    },
  };
}
