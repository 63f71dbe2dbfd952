// Input limits: every over-limit or malformed input is refused with a coded error (BAD_USER_INPUT
// unless said otherwise) and writes nothing; a request too deep, too costly or with too many
// aliases is refused before it reaches Neo4j.
import type { ManagedTransaction } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, readEnvironment } from "../../src/config.js";
import { DEFAULT_QUERY_LIMITS } from "../../src/graphql/limits.js";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { Executor, type Label } from "../../src/neo4j/executor.js";
import { auditLog, PROFILE_FIELDS, profileByDevice, RESOLUTION_FIELDS, resolve } from "./api.js";
import { type Client, type GraphQLResponse, TestServer, testConnection } from "./harness.js";

/** Counts the transactions the server opens, to show that a refused request never reached Neo4j. */
class CountingExecutor extends Executor {
  transactions = 0;
  override read<T>(label: Label, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.transactions++;
    return super.read(label, work);
  }
  override write<T>(label: Label, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.transactions++;
    return super.write(label, work);
  }
}

let server: TestServer;
let executor: CountingExecutor;
beforeAll(async () => {
  executor = new CountingExecutor(testConnection());
  server = await TestServer.start({ executor, spaces: 32 });
});
afterAll(async () => {
  await server?.stop();
});

/** Counts the nodes of a space: 0 after a refused request in a fresh space means nothing was written. */
async function nodesIn(space: string): Promise<number> {
  return executor.read(
    "test",
    async (tx) => (await tx.run("MATCH (n {space: $space}) RETURN count(n) AS n", { space })).records[0]?.get("n") as number,
  );
}

function expectRefused(result: GraphQLResponse, code = "BAD_USER_INPUT"): void {
  expect(result.errors?.length).toBeGreaterThan(0);
  expect(result.errors?.map((error) => error.extensions?.["code"])).toEqual(result.errors?.map(() => code));
  expect(result.data?.["resolve"] ?? result.data?.["resolveBatch"] ?? null).toBeNull();
}

const RESOLVE = `mutation ($input: ResolveInput!) { resolve(input: $input) { ${RESOLUTION_FIELDS} } }`;
const RESOLVE_BATCH = `mutation ($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { profileId } }`;

/** Sends a request and counts the Neo4j transactions it opened. */
async function transactionsOf(send: () => Promise<unknown>): Promise<number> {
  const before = executor.transactions;
  await send();
  return executor.transactions - before;
}

describe("resolve inputs", () => {
  it("refuses a batch of 1001 observations and applies none of them", async () => {
    const client = server.newSpace();
    const inputs = Array.from({ length: 1001 }, (_, i) => ({ deviceId: `device-${i}` }));
    const result = await client.request(RESOLVE_BATCH, { inputs });
    expectRefused(result);
    expect(result.errors?.[0]?.message).toContain("at most 1000");
    expect(await nodesIn(client.space)).toBe(0);
  });

  it("applies a batch of exactly 1000 observations", async () => {
    const client = server.newSpace();
    const inputs = Array.from({ length: 1000 }, (_, i) => ({ deviceId: `device-${i % 10}` }));
    const result = await client.request(RESOLVE_BATCH, { inputs });
    expect(result.errors).toBeUndefined();
    expect(result.data?.["resolveBatch"]).toHaveLength(1000);
  });

  it("refuses an identifier value over 4096 characters, even in the middle of a batch, and writes nothing", async () => {
    const client = server.newSpace();
    expectRefused(await client.request(RESOLVE, { input: { deviceId: "d1", userId: "u".repeat(4097) } }));
    const batch = await client.request(RESOLVE_BATCH, {
      inputs: [
        { deviceId: "d1" },
        { deviceId: "d2", identifiers: [{ type: "email", value: `${"e".repeat(4097)}@example.com` }] },
        { deviceId: "d3" },
      ],
    });
    expectRefused(batch);
    expect(batch.errors?.[0]?.message).toContain("inputs[1]");
    expect(await nodesIn(client.space)).toBe(0);
  });

  it("ignores an identifier value over 256 characters for identity, with a BLOCKED_IDENTIFIER warning", async () => {
    const client = server.newSpace();
    const answer = await resolve(client, { deviceId: "d1", userId: "u".repeat(257) });
    expect(answer.warnings).toEqual([
      expect.objectContaining({ code: "BLOCKED_IDENTIFIER", identifier: { type: "user_id", value: "u".repeat(257) } }),
    ]);
    expect((await profileByDevice(client, "d1"))?.identifiers).toEqual([]);
    expect(await checkSpace(executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("refuses an observation whose only usable part would be a device id over 256 characters (rule 1), and one over 4096", async () => {
    const client = server.newSpace();
    expectRefused(await client.request(RESOLVE, { input: { deviceId: "d".repeat(257) } }));
    expectRefused(await client.request(RESOLVE, { input: { deviceId: "d".repeat(4097), userId: "u1" } }));
    expect(await nodesIn(client.space)).toBe(0);
  });

  it("refuses an unknown identifier type in resolve, in a batch and in profileByIdentifier", async () => {
    const client = server.newSpace();
    const result = await client.request(RESOLVE, { input: { deviceId: "d1", identifiers: [{ type: "passport", value: "X123" }] } });
    expectRefused(result);
    expect(result.errors?.[0]?.message).toContain("unknown identifier type 'passport'");
    expectRefused(
      await client.request(RESOLVE_BATCH, {
        inputs: [{ deviceId: "d1" }, { deviceId: "d2", identifiers: [{ type: "Email", value: "a@b.c" }] }],
      }),
    );
    const lookup = await client.request(`query { profileByIdentifier(type: "passport", value: "X123") { id } }`);
    expect(lookup.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect(await nodesIn(client.space)).toBe(0);
  });

  it.each([
    ["a word", "yesterday"],
    ["an impossible date", "2026-13-45T10:00:00Z"],
    ["a date without a time", "2026-11-22"],
    ["an empty string", ""],
    ["a number", 1_700_000_000],
    ["an object", { at: "2026-11-22T10:00:00Z" }],
    ["a date before 2000 (seconds read as milliseconds)", "1970-01-20T16:13:20.000Z"],
    ["a date more than a day in the future", "9999-12-31T23:59:59.999Z"],
  ])("refuses %s as a timestamp and writes nothing", async (_what, timestamp) => {
    const client = server.newSpace();
    expectRefused(await client.request(RESOLVE, { input: { deviceId: "d1", timestamp } }));
    expect(await nodesIn(client.space)).toBe(0);
  });

  it("refuses an observation with more than 50 identifiers and writes nothing", async () => {
    const client = server.newSpace();
    const identifiers = Array.from({ length: 51 }, (_, i) => ({ type: "email", value: `person${i}@example.com` }));
    const result = await client.request(RESOLVE, { input: { deviceId: "d1", identifiers } });
    expectRefused(result);
    expect(result.errors?.[0]?.message).toContain("at most 50 identifiers");
    expect(await nodesIn(client.space)).toBe(0);
  });

  it("refuses a messageId or an event name over 256 characters", async () => {
    const client = server.newSpace();
    expectRefused(await client.request(RESOLVE, { input: { deviceId: "d1", messageId: "m".repeat(257) } }));
    expectRefused(await client.request(RESOLVE, { input: { deviceId: "d1", event: "e".repeat(257) } }));
    expect(await nodesIn(client.space)).toBe(0);
  });
});

describe("admin inputs", () => {
  it("refuses a demerge of 101 identities and changes nothing", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "d1", userId: "u1" });
    const entries = (await auditLog(client)).length;
    const identities = ["u1", ...Array.from({ length: 100 }, (_, i) => `someone-${i}`)];
    const result = await client.request(`mutation ($identities: [String!]!) { demerge(identities: $identities) { profileIds } }`, {
      identities,
    });
    expect(result.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toContain("at most 100");
    expect((await profileByDevice(client, "d1"))?.identifiers).toEqual([{ type: "user_id", value: "u1" }]);
    expect(await auditLog(client)).toHaveLength(entries);
  });

  it("refuses a reason over 1000 characters and changes nothing", async () => {
    const client = server.newSpace();
    const answer = await resolve(client, { deviceId: "d1", userId: "u1" });
    const result = await client.request(
      `mutation ($id: ID!, $reason: String) { resetIdentities(profileId: $id, reason: $reason) { profileIds } }`,
      {
        id: answer.profileId,
        reason: "r".repeat(1001),
      },
    );
    expect(result.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    expect((await profileByDevice(client, "d1"))?.identifiers).toEqual([{ type: "user_id", value: "u1" }]);
  });
});

describe("request size and shape", () => {
  it("refuses a body over the 5mb limit with 413 and a coded error, before anything runs", async () => {
    const client = server.newSpace();
    const touched = await transactionsOf(async () => {
      const response = await fetch(server.server.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${client.key}` },
        body: JSON.stringify({ query: RESOLVE, variables: { input: { deviceId: "d1", event: "e".repeat(5.5 * 1024 * 1024) } } }),
      });
      expect(response.status).toBe(413);
      const body = (await response.json()) as GraphQLResponse;
      expect(body.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    });
    expect(touched).toBe(0);
    expect(await nodesIn(client.space)).toBe(0);
  });

  const nested = (levels: number, inner: string): string => `${"... on Query { ".repeat(levels)}${inner}${" }".repeat(levels)}`;

  it("refuses a query nested deeper than the depth limit before it reaches Neo4j", async () => {
    const client = server.newSpace();
    let result: GraphQLResponse | undefined;
    const touched = await transactionsOf(async () => {
      result = await client.request(`query { ${nested(DEFAULT_QUERY_LIMITS.maxDepth, `profile(id: "p") { id }`)} }`);
    });
    expect(result?.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      limit: "depth",
      maximum: DEFAULT_QUERY_LIMITS.maxDepth,
    });
    expect(result?.data ?? null).toBeNull();
    expect(touched).toBe(0);
  });

  it("answers the deepest query the schema offers", async () => {
    const client = server.newSpace();
    const result = await client.request(
      `query { ${nested(3, `profile(id: "p") { history(first: 5) { edges { node { identifiers { type value } } } } }`)} }`,
    );
    expect(result.errors).toBeUndefined();
  });

  it("refuses a query whose estimated cost is over the limit before it reaches Neo4j", async () => {
    const client = server.newSpace();
    const ids = Array.from({ length: 1000 }, (_, i) => `p-${i}`);
    let result: GraphQLResponse | undefined;
    const touched = await transactionsOf(async () => {
      result = await client.request(
        `query ($ids: [ID!]!) { profiles(ids: $ids) { id history(first: 50) { edges { node { id action } } } } }`,
        { ids },
      );
    });
    expect(result?.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "cost", maximum: DEFAULT_QUERY_LIMITS.maxCost });
    expect(result?.data ?? null).toBeNull();
    expect(touched).toBe(0);
  });

  it("refuses a query whose cost cannot be estimated (an @include condition passed as null) before it reaches Neo4j", async () => {
    // `$withHistory: Boolean = false` may stand in `@include(if: Boolean!)`, but an explicit null
    // there is an error only found below profiles(ids:), after it ran: the cost is unknown, so nothing runs.
    const client = server.newSpace();
    const ids = Array.from({ length: 1000 }, (_, i) => `p-${i}`);
    let result: GraphQLResponse | undefined;
    const touched = await transactionsOf(async () => {
      result = await client.request(
        `query ($ids: [ID!]!, $withHistory: Boolean = false) {
          profiles(ids: $ids) { id history(first: 500) @include(if: $withHistory) { edges { node { id action } } } }
        }`,
        { ids, withHistory: null },
      );
    });
    expect(result?.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "cost", maximum: DEFAULT_QUERY_LIMITS.maxCost });
    expect(result?.errors?.[0]?.message).toContain("could not be estimated");
    expect(result?.data ?? null).toBeNull();
    expect(touched).toBe(0);
  });

  it("costs a page size passed as null as the default page size", async () => {
    const client = server.newSpace();
    const ids = Array.from({ length: 1000 }, (_, i) => `p-${i}`);
    let result: GraphQLResponse | undefined;
    const touched = await transactionsOf(async () => {
      result = await client.request(
        `query ($ids: [ID!]!, $first: Int) { profiles(ids: $ids) { id history(first: $first) { edges { node { id action } } } } }`,
        { ids, first: null },
      );
    });
    expect(result?.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: "cost", actual: expect.any(Number) });
    expect(touched).toBe(0);
  });

  it("answers the largest ordinary reads: 1000 profiles, or one profile's history page of 500", async () => {
    const client = server.newSpace();
    const ids = Array.from({ length: 1000 }, (_, i) => `p-${i}`);
    expect((await client.request(`query ($ids: [ID!]!) { profiles(ids: $ids) { ${PROFILE_FIELDS} } }`, { ids })).errors).toBeUndefined();
    const history = await client.request(
      `query { auditLog(first: 500) { edges { cursor node { id at action actor reason profileIds identifiers { type value } deviceIds messageId } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(history.errors).toBeUndefined();
  });

  it("refuses more aliases than the limit before it reaches Neo4j", async () => {
    const client = server.newSpace();
    const fields = Array.from(
      { length: DEFAULT_QUERY_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: profileByDevice(deviceId: "d${i}") { id }`,
    ).join(" ");
    let result: GraphQLResponse | undefined;
    const touched = await transactionsOf(async () => {
      result = await client.request(`query { ${fields} }`);
    });
    expect(result?.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      limit: "aliases",
      maximum: DEFAULT_QUERY_LIMITS.maxAliases,
    });
    expect(touched).toBe(0);
  });

  it("refuses a query text of more tokens than the parser accepts, as GRAPHQL_PARSE_FAILED", async () => {
    const client = server.newSpace();
    let result: GraphQLResponse | undefined;
    const touched = await transactionsOf(async () => {
      result = await client.request(`query { ${"__typename ".repeat(DEFAULT_QUERY_LIMITS.maxTokens)} }`);
    });
    expect(result?.status).toBe(400);
    expect(result?.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_PARSE_FAILED");
    expect(touched).toBe(0);
  });

  it("refuses batched operations (a JSON array of requests) without running any", async () => {
    const client = server.newSpace();
    const touched = await transactionsOf(async () => {
      const response = await fetch(server.server.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${client.key}` },
        body: JSON.stringify([
          { query: RESOLVE, variables: { input: { deviceId: "d1" } } },
          { query: RESOLVE, variables: { input: { deviceId: "d2" } } },
        ]),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as GraphQLResponse;
      expect(body.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    });
    expect(touched).toBe(0);
    expect(await nodesIn(client.space)).toBe(0);
  });
});

describe("configurable limits", () => {
  it("reads the query limits from the environment and refuses values that are not limits", () => {
    const env = readEnvironment({
      IDGRAPH_MAX_QUERY_DEPTH: "4",
      IDGRAPH_MAX_QUERY_COST: "500",
      IDGRAPH_MAX_QUERY_ALIASES: "3",
      IDGRAPH_MAX_BODY: "64kb",
    });
    expect(env).toMatchObject({
      IDGRAPH_MAX_QUERY_DEPTH: 4,
      IDGRAPH_MAX_QUERY_COST: 500,
      IDGRAPH_MAX_QUERY_ALIASES: 3,
      IDGRAPH_MAX_BODY: "64kb",
    });
    expect(readEnvironment({})).toMatchObject({ IDGRAPH_MAX_QUERY_DEPTH: 10, IDGRAPH_MAX_BODY: "5mb" });
    for (const bad of [
      { IDGRAPH_MAX_QUERY_DEPTH: "ten" },
      { IDGRAPH_MAX_QUERY_COST: "-1" },
      { IDGRAPH_MAX_QUERY_ALIASES: "1.5" },
      { IDGRAPH_MAX_BODY: "lots" },
    ]) {
      expect(() => readEnvironment(bad)).toThrow(ConfigError);
    }
  });

  it("applies the limits a server is started with", async () => {
    const small = await TestServer.start({
      spaces: 1,
      queryLimits: { ...DEFAULT_QUERY_LIMITS, maxDepth: 3, maxCost: 100, maxAliases: 1 },
      maxBody: "2kb",
    });
    try {
      const client: Client = small.newSpace();
      const limitOf = (result: GraphQLResponse): unknown => result.errors?.[0]?.extensions?.["limit"];
      expect(limitOf(await client.request(`{ profile(id: "p") { history { edges { cursor } } } }`))).toBe("depth");
      expect(limitOf(await client.request(`{ profile(id: "p") { history(first: 60) { __typename } } }`))).toBe("cost");
      expect(limitOf(await client.request(`{ a: profile(id: "p") { id } b: profile(id: "q") { id } }`))).toBe("aliases");
      const big = await client.request(RESOLVE, { input: { deviceId: "d1", event: "e".repeat(3000) } });
      expect(big.status).toBe(413);
      expect(await nodesIn(client.space)).toBe(0);
    } finally {
      await small.stop();
    }
  });
});
