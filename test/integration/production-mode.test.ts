// The production switch (IDGRAPH_PRODUCTION): introspection off, field suggestions off, internal
// errors answered as INTERNAL_SERVER_ERROR with a generic message and no stack trace. Off (the
// default, for development), all of that is available.
import type { ManagedTransaction } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Executor, type Label } from "../../src/neo4j/executor.js";
import { type GraphQLResponse, TestServer, testConnection } from "./harness.js";

const SECRET = "secret-detail-alice@example.com";

/** Fails every transaction with an internal error (a bug, not an outage) while `failing` is set. */
class BrokenExecutor extends Executor {
  failing = false;
  override read<T>(label: Label, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    if (this.failing) return Promise.reject(new TypeError(`cannot read property of undefined near ${SECRET}`));
    return super.read(label, work);
  }
}

function brokenExecutor(): BrokenExecutor {
  return new BrokenExecutor(testConnection());
}

const INTROSPECTION = `{ __schema { queryType { name } types { name } } }`;
const TYPE_QUERY = `{ __type(name: "Profile") { name fields { name } } }`;

describe.each([
  { mode: "production", production: true },
  { mode: "development", production: false },
])("in $mode mode", ({ production }) => {
  let server: TestServer;
  let executor: BrokenExecutor;
  beforeAll(async () => {
    executor = brokenExecutor();
    server = await TestServer.start({ spaces: 4, production, executor });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(production ? "refuses introspection" : "answers introspection", async () => {
    const client = server.newSpace();
    for (const query of [INTROSPECTION, TYPE_QUERY]) {
      const result = await client.request(query);
      if (production) {
        expect(result.status).toBe(400);
        expect(result.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(result.data ?? null).toBeNull();
      } else {
        expect(result.errors).toBeUndefined();
        expect(JSON.stringify(result.data)).toContain("Profile");
      }
    }
  });

  it(
    production
      ? "answers an internal error with a generic message and no stack trace"
      : "answers an internal error with its message and stack trace",
    async () => {
      const client = server.newSpace();
      executor.failing = true;
      let result: GraphQLResponse;
      try {
        result = await client.request(`query { profile(id: "p-1") { id } }`);
      } finally {
        executor.failing = false;
      }
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors as [{ message: string; extensions?: Record<string, unknown> }];
      expect(error.extensions?.["code"]).toBe("INTERNAL_SERVER_ERROR");
      if (production) {
        expect(error.message).toBe("internal error");
        expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
        expect(JSON.stringify(result)).not.toContain(SECRET);
      } else {
        expect(error.message).toContain(SECRET);
        expect(error.extensions?.["stacktrace"]).toEqual(expect.arrayContaining([expect.stringContaining("TypeError")]));
      }
    },
  );

  it(production ? "does not suggest field names in validation errors" : "suggests field names in validation errors", async () => {
    const client = server.newSpace();
    const result = await client.request(`query { profil(id: "p-1") { id } }`);
    expect(result.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_VALIDATION_FAILED");
    if (production) expect(result.errors?.[0]?.message).not.toContain("Did you mean");
    else expect(result.errors?.[0]?.message).toContain('Did you mean "profile"');
  });

  it("keeps the message and code of a client error, without a stack trace", async () => {
    const client = server.newSpace();
    const result = await client.request(`mutation { resolve(input: { event: "page_view" }) { profileId } }`);
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", rule: 1 });
    expect(result.errors?.[0]?.message).toContain("needs a deviceId or at least one identifier");
  });
});
