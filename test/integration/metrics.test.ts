// GET /metrics: after traffic, Prometheus finds every identity series, the GraphQL latency and
// error series, the Neo4j retry and pool series and the process defaults; no identifier value.
import { Neo4jError } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app/app.js";
import { ApiKeys } from "../../src/auth/api-keys.js";
import { createLogger } from "../../src/logger.js";
import { Metrics } from "../../src/metrics/metrics.js";
import { compileRules, DEFAULT_IDENTITY_RULES, DEFAULT_RULES } from "../../src/rules/rules-config.js";
import { createServices } from "../../src/app/services.js";
import { demerge } from "./admin-helpers.js";
import { resolve, resolveBatch } from "./api.js";
import { Client, TestServer, testExecutor, uniqueId } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 2, rules: compileRules({ ...DEFAULT_RULES, deviceCap: 2 }) });
});
afterAll(async () => {
  await server?.stop();
});

const scrape = async (base: string, authorization?: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(`${base}/metrics`, authorization ? { headers: { authorization } } : {});
  return { status: response.status, text: await response.text() };
};

/** The value of one sample line, e.g. `idgraph_observations_total{source="graphql"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", () => {
  it("counts observations, new profiles, merges, splits, conflicts, ghosts, blocked values, duplicates, errors, latency, retries and pool use", async () => {
    const client = server.newSpace();
    const user = uniqueId("metrics-user");
    const email = `${uniqueId("m")}@example.com`;
    await resolve(client, { deviceId: "m-dev-1", event: "open" });
    await resolve(client, { deviceId: "m-dev-1", userId: user, messageId: "m-login" });
    await resolve(client, { deviceId: "m-dev-1", userId: user, messageId: "m-login" }); // a repeat
    await resolve(client, { deviceId: "m-dev-2", userId: "null" }); // blocked
    await resolve(client, { deviceId: "m-dev-1", userId: user, identifiers: [{ type: "email", value: email }] });
    const conflict = await resolve(client, { userId: user, identifiers: [{ type: "email", value: `other-${email}` }] });
    expect(conflict.warnings.map((w) => w.code)).toEqual(["IDENTIFIER_CONFLICT"]);
    await resolveBatch(client, [
      { deviceId: "m-dev-3", userId: user },
      { deviceId: "m-dev-4", userId: user }, // past the cap of 2: a ghost
    ]);
    // Two profiles joined by one observation, then split again.
    await resolve(client, { deviceId: "m-dev-5", identifiers: [{ type: "email", value: `x-${email}` }] });
    await resolve(client, { deviceId: "m-dev-6", userId: `y-${user}` });
    const merged = await resolve(client, { userId: `y-${user}`, identifiers: [{ type: "email", value: `x-${email}` }] });
    expect(merged.mergedProfileIds).toHaveLength(1);
    expect((await demerge(client, [`x-${email}`])).length).toBeGreaterThan(1);
    const refused = await client.request("mutation { resolve(input: {}) { profileId } }");
    expect(refused.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const stranger = await new Client(server.server.url, "not-a-key-at-all-0000", "x").request('{ profile(id: "x") { id } }');
    expect(stranger.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
    // A transient error inside a managed transaction: the driver runs the work again.
    let attempts = 0;
    await server.executor.write("test", async () => {
      attempts += 1;
      if (attempts === 1) throw new Neo4jError("deadlock for the test", "Neo.TransientError.Transaction.DeadlockDetected", "50N00", "");
    });
    expect(attempts).toBe(2);

    const { status, text } = await scrape(server.baseUrl);
    expect(status).toBe(200);
    const at = (series: string): number => sample(text, series) ?? Number.NaN;
    expect(at('idgraph_observations_total{source="graphql"}')).toBe(11);
    expect(at('idgraph_duplicate_observations_total{source="graphql"}')).toBe(1);
    expect(at('idgraph_new_profiles_total{source="graphql"}')).toBeGreaterThanOrEqual(4);
    expect(at('idgraph_merges_total{source="graphql"}')).toBe(1);
    expect(at('idgraph_identifier_conflicts_total{source="graphql"}')).toBe(1);
    expect(at('idgraph_ghost_profiles_total{source="graphql"}')).toBe(1);
    expect(at('idgraph_blocked_values_total{source="graphql"}')).toBe(1);
    expect(at('idgraph_splits_total{operation="demerge"}')).toBe(1);
    expect(at('idgraph_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(at('idgraph_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(at('idgraph_graphql_request_duration_seconds_count{operation="mutation resolve"}')).toBe(10);
    expect(at('idgraph_graphql_request_duration_seconds_count{operation="mutation resolveBatch"}')).toBe(1);
    expect(at('idgraph_graphql_request_duration_seconds_count{operation="mutation demerge"}')).toBe(1);
    expect(at('idgraph_neo4j_transaction_retries_total{mode="write"}')).toBe(1);
    // Why a write ran again, and how many runs each took (resolveBatch: per batch).
    expect(at('idgraph_neo4j_write_failures_total{operation="test",code="Neo.TransientError.Transaction.DeadlockDetected"}')).toBe(1);
    expect(at('idgraph_neo4j_write_attempts_count{operation="test"}')).toBe(1);
    expect(at('idgraph_neo4j_write_attempts_sum{operation="test"}')).toBe(2);
    expect(at('idgraph_neo4j_write_attempts_bucket{le="1",operation="resolveBatch"}')).toBeGreaterThanOrEqual(10);
    // The busiest keys' weight, never their values: m-dev-1 sent four observations, the user id six.
    expect(at('idgraph_hot_key_observations{kind="device",rank="1"}')).toBe(4);
    expect(at('idgraph_hot_key_observations{kind="identifier",rank="1"}')).toBe(6);
    expect(at("idgraph_neo4j_sessions_in_use")).toBeGreaterThanOrEqual(0);
    expect(at("idgraph_neo4j_pool_max_connections")).toBe(100);
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_heap_size_used_bytes");
    // It names no identifier value, device id or space.
    for (const value of [user, email, "m-dev-1", "m-login", client.space]) expect(text).not.toContain(value);
  });

  it("keeps each app's counts apart: a second server in the same process starts from nothing", async () => {
    const other = await TestServer.start({ spaces: 1 });
    try {
      const { text } = await scrape(other.baseUrl);
      expect(sample(text, 'idgraph_observations_total{source="graphql"}')).toBeUndefined();
      expect(text).toContain("# TYPE idgraph_observations_total counter");
    } finally {
      await other.stop();
    }
  });

  it("counts observations by where they came in: the CLI's as source cli", async () => {
    const metrics = new Metrics();
    const executor = testExecutor();
    try {
      const services = createServices(executor, DEFAULT_IDENTITY_RULES, { observer: metrics });
      const space = uniqueId("metrics-cli");
      await services.identity.resolveBatch([{ deviceId: "cli-dev-1" }, { deviceId: "cli-dev-2", userId: "cli-user" }], {
        space,
        actor: "cli",
        source: "cli",
      });
      const text = await metrics.text();
      expect(sample(text, 'idgraph_observations_total{source="cli"}')).toBe(2);
      expect(sample(text, 'idgraph_new_profiles_total{source="cli"}')).toBe(2);
      expect(sample(text, 'idgraph_observations_total{source="graphql"}')).toBeUndefined();
    } finally {
      await executor.close();
    }
  });

  it("counts what the SDK endpoints answer: observations by vendor, their refusals by public code, and reattributions", async () => {
    const space = uniqueId("metrics-sdk");
    const sdk = await TestServer.start({
      spaces: 1,
      keys: [
        { name: "tracker", role: "ingest", space },
        { name: "dashboard", role: "read", space },
      ],
    });
    try {
      const key = sdk.keys.get("tracker") as string;
      const basic = (user: string): string => `Basic ${Buffer.from(`${user}:`).toString("base64")}`;
      const post = async (path: string, body: unknown, authorization?: string): Promise<number> =>
        (
          await fetch(`${sdk.baseUrl}${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
            body: typeof body === "string" ? body : JSON.stringify(body),
          })
        ).status;
      const device = uniqueId("sdk-dev");
      const at = (time: string): string => `2026-11-01T${time}:00.000Z`;
      // Segment: Bob on the device, its activity, Bob again; then Adam's late login takes 10:15-10:30 (rule 10).
      const segment = [
        { type: "identify", anonymousId: device, userId: "Bob", timestamp: at("10:00") },
        { type: "track", anonymousId: device, event: "view", timestamp: at("10:20") },
        { type: "identify", anonymousId: device, userId: "Bob", timestamp: at("10:30") },
        { type: "identify", anonymousId: device, userId: "Adam", timestamp: at("10:15") },
      ];
      for (const message of segment) expect(await post("/v1/batch", { batch: [message] }, basic(key))).toBe(200);
      expect(await post("/batch/", { api_key: key, batch: [{ event: "$pageview", distinct_id: uniqueId("ph"), properties: {} }] })).toBe(
        200,
      );
      const data = Buffer.from(JSON.stringify({ event: "open", properties: { token: key, distinct_id: uniqueId("mx") } })).toString(
        "base64",
      );
      expect((await fetch(`${sdk.baseUrl}/track?data=${encodeURIComponent(data)}`)).status).toBe(200);
      // Refusals: no key (401), a read key (403), a malformed body (400).
      expect(await post("/v1/track", { anonymousId: device, event: "x" })).toBe(401);
      expect(await post("/v1/track", { anonymousId: device, event: "x" }, basic(sdk.keys.get("dashboard") as string))).toBe(403);
      expect(await post("/v1/batch", "{nope", basic(key))).toBe(400);
      expect(await post("/capture/", "{nope")).toBe(400);

      const { text } = await scrape(sdk.baseUrl);
      const count = (series: string): number => sample(text, series) ?? Number.NaN;
      expect(count('idgraph_observations_total{source="segment"}')).toBe(4);
      expect(count('idgraph_observations_total{source="posthog"}')).toBe(1);
      expect(count('idgraph_observations_total{source="mixpanel"}')).toBe(1);
      expect(count('idgraph_reattributions_total{source="segment"}')).toBe(1);
      expect(count('idgraph_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
      expect(count('idgraph_errors_total{code="FORBIDDEN"}')).toBe(1);
      expect(count('idgraph_errors_total{code="BAD_USER_INPUT"}')).toBe(2);
      for (const value of [device, key, "Bob", "Adam", space]) expect(text).not.toContain(value);
    } finally {
      await sdk.stop();
    }
  });

  it("counts a busy SDK endpoint's 429 as SERVICE_UNAVAILABLE, the code of every answer that says to come back later", async () => {
    const executor = testExecutor();
    const key = `ingest-${uniqueId()}-key`;
    const app = await startApp({
      executor,
      rules: compileRules(DEFAULT_RULES),
      logger: createLogger("silent"),
      apiKeys: ApiKeys.parse(`sdk:${key}:ingest:s1`),
      port: 0,
      host: "127.0.0.1",
      ingestMaxInFlight: 0,
    });
    try {
      const base = app.url.replace(/\/graphql$/, "");
      const busy = await fetch(`${base}/v1/track`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` },
        body: JSON.stringify({ anonymousId: "d", event: "x" }),
      });
      expect(busy.status).toBe(429);
      expect(sample((await scrape(base)).text, 'idgraph_errors_total{code="SERVICE_UNAVAILABLE"}')).toBe(1);
    } finally {
      await app.stop();
      await executor.close();
    }
  });

  it("answers only an admin key when IDGRAPH_METRICS_AUTH is set", async () => {
    const admin = `admin-${uniqueId()}-key`;
    const reader = `reader-${uniqueId()}-key`;
    const executor = testExecutor();
    const app = await startApp({
      executor,
      rules: compileRules(DEFAULT_RULES),
      logger: createLogger("silent"),
      apiKeys: ApiKeys.parse(`ops:${admin}:admin:s1,dash:${reader}:read:s1`),
      port: 0,
      host: "127.0.0.1",
      metricsRequireKey: true,
    });
    try {
      const base = app.url.replace(/\/graphql$/, "");
      expect((await scrape(base)).status).toBe(401);
      // A valid key without the admin role: known, and refused (FORBIDDEN).
      expect((await scrape(base, `Bearer ${reader}`)).status).toBe(403);
      const allowed = await scrape(base, `Bearer ${admin}`);
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain("idgraph_observations_total");
    } finally {
      await app.stop();
      await executor.close();
    }
  });
});
