// Per-key limits: one key cannot take the whole server. A key that floods is told to come back
// (429 with Retry-After, in whole seconds, as the SDKs' retry logic reads it) while another key's
// requests keep succeeding; a key's requests and observations a second, its open subscriptions and
// the identifier types it may send are its own, refused before anything is written, and counted
// in /metrics by key name. Subscriptions are held to the same shape limits as queries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_QUERY_LIMITS } from "../../src/graphql/limits.js";
import { resolve } from "./api.js";
import { TestServer, uniqueId } from "./harness.js";
import { graphqlCall, metricsText, sampleOf, segmentCall, subscribe } from "./key-helpers.js";

const SPACE = uniqueId("limits");
let server: TestServer;
let shapes: TestServer;
const key = (name: string): string => server.keys.get(name) as string;

beforeAll(async () => {
  server = await TestServer.start({
    spaces: 0,
    keys: [
      // The server's SDK requests at once made small (8) and the flooder's share half of it, as the
      // defaults are (64 and 32), so that the flood surely outruns it.
      { name: "flooder", role: "write", space: SPACE, options: "inFlight=4" },
      { name: "neighbour", role: "write", space: SPACE },
      { name: "slow", role: "write", space: SPACE, options: "requests=3" },
      { name: "thrifty", role: "write", space: SPACE, options: "observations=2" },
      { name: "pager", role: "write", space: SPACE, options: "types=user_id" },
      { name: "watcher", role: "admin", space: SPACE, options: "subscriptions=1" },
      { name: "ops", role: "admin", space: SPACE },
    ],
    ingestMaxInFlight: 8,
  });
  shapes = await TestServer.start({
    spaces: 0,
    keys: [{ name: "shapes", role: "admin", space: uniqueId("shapes") }],
    queryLimits: { ...DEFAULT_QUERY_LIMITS, maxDepth: 2, maxAliases: 1, maxCost: 12 },
  });
});
afterAll(async () => {
  await server?.stop();
  await shapes?.stop();
});

const track = (anonymousId: string) => ({ type: "track", event: "Viewed", anonymousId, messageId: uniqueId("m") });
const deviceProfile = async (deviceId: string) =>
  (await server.clientFor("ops", SPACE).data(`query ($d: String!) { profileByDevice(deviceId: $d) { id } }`, { d: deviceId }))[
    "profileByDevice"
  ];

describe("one key flooding", () => {
  it("is told to come back (429, Retry-After) while another key's requests keep succeeding", async () => {
    const flood = Promise.all(
      Array.from({ length: 200 }, () => segmentCall(server.baseUrl, "/v1/batch", key("flooder"), { batch: [track(uniqueId("flood"))] })),
    );
    const neighbour: number[] = [];
    for (let i = 0; i < 10; i++)
      neighbour.push((await segmentCall(server.baseUrl, "/v1/t", key("neighbour"), track(uniqueId("n")))).status);
    const flooded = await flood;

    expect(neighbour).toEqual(Array(10).fill(200));
    const refused = flooded.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(flooded.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
    for (const answer of refused) {
      expect(answer.retryAfter).toMatch(/^[1-9]\d*$/);
      expect(answer.body).toMatchObject({ success: false, code: "rate_limited" });
    }
    const metrics = await metricsText(server.baseUrl, key("ops"));
    expect(sampleOf(metrics, 'idgraph_key_throttled_total{key="flooder",limit="in_flight"}')).toBe(refused.length);
    expect(sampleOf(metrics, 'idgraph_key_requests_total{key="neighbour"}')).toBeGreaterThanOrEqual(10);
    expect(metrics).not.toMatch(/idgraph_key_throttled_total\{key="neighbour"/);
  });
});

describe("a key's own limits", () => {
  it("refuse requests beyond its requests a second over GraphQL with 429 RATE_LIMITED and Retry-After", async () => {
    const mutation = "mutation ($input: ResolveInput!) { resolve(input: $input) { profileId } }";
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => graphqlCall(server.server.url, key("slow"), mutation, { input: { deviceId: uniqueId("slow") } })),
    );
    const refused = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(3);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    for (const answer of refused) {
      expect(answer.retryAfter).toMatch(/^[1-9]\d*$/);
      expect(answer.body["errors"][0].extensions).toMatchObject({ code: "RATE_LIMITED", limit: "requests" });
    }
  });

  it("refuse observations beyond its observations a second, writing nothing of the refused request", async () => {
    // observations=2: 20 in a 10-second window.
    const first = Array.from({ length: 15 }, () => ({ deviceId: uniqueId("thrift") }));
    const second = Array.from({ length: 10 }, () => ({ deviceId: uniqueId("thrift") }));
    const mutation = "mutation ($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { profileId } }";
    expect((await graphqlCall(server.server.url, key("thrifty"), mutation, { inputs: first })).status).toBe(200);
    const refused = await graphqlCall(server.server.url, key("thrifty"), mutation, { inputs: second });
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toMatch(/^[1-9]\d*$/);
    expect(refused.body["errors"][0].extensions).toMatchObject({ code: "RATE_LIMITED", limit: "observations" });
    expect(await deviceProfile(second[0]?.deviceId as string)).toBeNull();

    const sdk = await segmentCall(server.baseUrl, "/v1/b", key("thrifty"), { batch: second.map((input) => track(input.deviceId)) });
    expect(sdk.status).toBe(429);
    expect(sdk.body).toMatchObject({ success: false, code: "rate_limited" });
    const tooMany = await segmentCall(server.baseUrl, "/v1/b", key("thrifty"), {
      batch: Array.from({ length: 21 }, () => track(uniqueId("thrift"))),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body["message"]).toMatch(/at most 20 observations in 10 s/);
  });

  it("refuse an observation with an identifier type the key may not send, write nothing, and count it", async () => {
    const device = uniqueId("page");
    const withEmail = await segmentCall(server.baseUrl, "/v1/i", key("pager"), {
      type: "identify",
      anonymousId: device,
      userId: uniqueId("u"),
      traits: { email: "someone@example.com" },
    });
    expect(withEmail.status).toBe(403);
    expect(withEmail.body["message"]).toMatch(/key 'pager' may not send email \(it may send user_id\); nothing was written/);
    expect(await deviceProfile(device)).toBeNull();

    const graphql = await graphqlCall(
      server.server.url,
      key("pager"),
      "mutation ($i: ResolveInput!) { resolve(input: $i) { profileId } }",
      {
        i: { deviceId: device, identifiers: [{ type: "phone", value: "+44 20 7946 0001" }] },
      },
    );
    expect(graphql.body["errors"][0].extensions.code).toBe("FORBIDDEN");
    expect(await deviceProfile(device)).toBeNull();

    const userId = uniqueId("u");
    expect((await segmentCall(server.baseUrl, "/v1/i", key("pager"), { type: "identify", anonymousId: device, userId })).status).toBe(200);
    expect(await deviceProfile(device)).not.toBeNull();
    const metrics = await metricsText(server.baseUrl, key("ops"));
    expect(sampleOf(metrics, 'idgraph_key_refused_observations_total{key="pager",reason="identifier_type"}')).toBe(2);
  });
});

describe("subscriptions", () => {
  const CHANGES = "subscription { changes { cursor } }";

  it("are capped per key: one more than the key's cap is refused until one closes", async () => {
    const open = async () => sampleOf(await metricsText(server.baseUrl, key("ops")), 'idgraph_key_subscriptions_open{key="watcher"}');
    const first = subscribe(server.server.url, key("watcher"), CHANGES);
    await expect.poll(open).toBe(1);
    const second = subscribe(server.server.url, key("watcher"), CHANGES);
    await expect.poll(() => second.errors.map((error) => error.extensions?.["code"])).toEqual(["RATE_LIMITED"]);
    expect(second.errors[0]?.message).toMatch(/more than 1 subscriptions open at once/);
    expect(first.errors).toEqual([]);
    await first.close();
    await second.close();
    await expect.poll(open).toBe(0);
    const third = subscribe(server.server.url, key("watcher"), CHANGES);
    await expect.poll(open).toBe(1);
    expect(third.errors).toEqual([]);
    await third.close();
  });

  it.each([
    ["depth", "subscription { changes { memberships { profileId } } }"],
    ["aliases", "subscription { changes { a: cursor b: cursor } }"],
    ["cost", "subscription { changes { cursor kind at deviceIds } }"],
  ])("are refused beyond the %s limit, as queries are", async (limit, query) => {
    const refused = subscribe(shapes.server.url, shapes.keys.get("shapes") as string, query);
    await expect.poll(() => refused.errors.length).toBeGreaterThan(0);
    expect(refused.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", limit });
    await refused.close();
  });
});

describe("keys apart", () => {
  it("count each key's requests under its own name", async () => {
    await resolve(server.clientFor("ops", SPACE), { deviceId: uniqueId("ops") });
    const metrics = await metricsText(server.baseUrl, key("ops"));
    expect(sampleOf(metrics, 'idgraph_key_requests_total{key="ops"}')).toBeGreaterThanOrEqual(1);
  });
});
