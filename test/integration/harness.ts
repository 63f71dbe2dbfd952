// What every integration test uses: the shared Neo4j, an idgraph server on a free port, and a
// GraphQL client bound to a space of its own (a fresh space per test keeps tests independent).
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { startApp } from "../../src/app.js";
import { ApiKeys, type Role } from "../../src/auth/api-keys.js";
import { DEFAULT_IDENTITY_RULES, type IdentityRules } from "../../src/rules/rules-config.js";
import type { QueryLimits } from "../../src/graphql/limits.js";
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from "../../src/feed/feed.service.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { Executor, type Neo4jConnection } from "../../src/neo4j/executor.js";
import type { RunningServer } from "../../src/server/http.js";

/** The shared Neo4j of this test run (test/global-setup.ts). */
export const testConnection = (): Neo4jConnection => inject("neo4j");

export function testExecutor(): Executor {
  return new Executor(testConnection());
}

export const uniqueId = (prefix = "t"): string => `${prefix}-${randomBytes(6).toString("hex")}`;

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export class Client {
  constructor(
    readonly url: string,
    readonly key: string | undefined,
    readonly space: string,
  ) {}

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(this.key ? { authorization: `Bearer ${this.key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, "status">;
    return { status: response.status, ...body };
  }

  /** Runs a query that must succeed and returns its data. */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }
}

export interface TestServerOptions {
  rules?: IdentityRules;
  /** Extra keys: name -> role, space and options (limits, identifier types: "requests=5;types=user_id"). */
  keys?: Array<{ name: string; role: Role; space: string; options?: string }>;
  spaces?: number;
  /** Runs the server as with IDGRAPH_TEST_ENV (enables resetSpace). */
  testEnvironment?: boolean;
  /** Runs the server as with IDGRAPH_PRODUCTION (no introspection, internal errors masked). */
  production?: boolean;
  /** Where the server logs (silent when absent). */
  logger?: Logger;
  queryLimits?: QueryLimits;
  maxBody?: string;
  /** The executor the server uses (a fresh one on the shared Neo4j when absent); stop() closes it. */
  executor?: Executor;
  /** Change feed timings (relay, webhooks); when absent the server neither sequences nor delivers. */
  feed?: FeedOptions;
  /** IDGRAPH_CORS_ORIGINS: browser origins allowed to call the server. */
  corsOrigins?: string[];
  /** SDK ingestion requests worked on at once, server-wide (IDGRAPH's default when absent). */
  ingestMaxInFlight?: number;
}

export class TestServer {
  private nextSpace = 0;
  private constructor(
    readonly server: RunningServer,
    readonly executor: Executor,
    private readonly spaceKeys: Array<{ key: string; space: string }>,
    readonly keys: Map<string, string>,
  ) {}

  static async start(options: TestServerOptions = {}): Promise<TestServer> {
    const executor = options.executor ?? testExecutor();
    const run = randomBytes(4).toString("hex");
    const spaceKeys = Array.from({ length: options.spaces ?? 64 }, (_, i) => ({
      key: `k${run}space${i}-${randomBytes(12).toString("hex")}`,
      space: `test-${run}-${i}`,
    }));
    const named = (options.keys ?? []).map((k) => ({ ...k, key: `k${run}${k.name}-${randomBytes(12).toString("hex")}` }));
    const entries = [
      ...spaceKeys.map(({ key, space }, i) => `tester${i}:${key}:admin:${space}`),
      ...named.map((k) => `${k.name}:${k.key}:${k.role}:${k.space}${k.options ? `:${k.options}` : ""}`),
    ];
    const server = await startApp({
      executor,
      rules: options.rules ?? DEFAULT_IDENTITY_RULES,
      logger: options.logger ?? createLogger("silent"),
      apiKeys: ApiKeys.parse(entries.join(",")),
      port: 0,
      host: "127.0.0.1",
      testEnvironment: options.testEnvironment ?? false,
      production: options.production ?? false,
      ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
      ...(options.maxBody ? { maxBody: options.maxBody } : {}),
      // Without feed options a test server runs no feed background work: its transactions would
      // mingle with what a test counts or fails on its executor, and it would deliver other tests' webhooks.
      feed: options.feed ?? { ...DEFAULT_FEED_OPTIONS, sequence: false, deliver: false },
      ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
      ...(options.ingestMaxInFlight !== undefined ? { ingestMaxInFlight: options.ingestMaxInFlight } : {}),
    });
    return new TestServer(server, executor, spaceKeys, new Map(named.map((k) => [k.name, k.key])));
  }

  /** An admin client in a space no other test uses. */
  newSpace(): Client {
    const entry = this.spaceKeys[this.nextSpace++];
    if (!entry) throw new Error("test server ran out of spaces; start it with more");
    return new Client(this.server.url, entry.key, entry.space);
  }

  clientFor(name: string, space: string): Client {
    return new Client(this.server.url, this.keys.get(name), space);
  }

  get baseUrl(): string {
    return this.server.url.replace(/\/graphql$/, "");
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.executor.close();
  }
}
