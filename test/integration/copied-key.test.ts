// The copied-key attacker: a write key taken from a web page (anyone can read it there) against a
// production server. It sends observations and nothing else: every query (whoami and introspection
// included), every other mutation, every subscription, /metrics, the explorer's API calls and the
// CLI's --url reads are refused; flooding is throttled; nothing of another space is reachable, and
// the answers it gets carry only opaque profile ids.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type GraphQLField, type GraphQLObjectType, getNamedType, isLeafType, isNonNullType, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIdgraphSchema } from "../../src/app/schema.js";
import * as explorer from "../../web/explorer/queries.js";
import { WHOAMI } from "../../web/shared/whoami.js";
import { profile, profileByDevice, resolve } from "./api.js";
import { idgraph } from "./cli-process.js";
import { TestServer, uniqueId } from "./harness.js";
import { graphqlCall, segmentCall, subscribe } from "./key-helpers.js";

const SPACE = uniqueId("shop");
const OTHER = uniqueId("other-shop");
let server: TestServer;
let schema: GraphQLSchema;
let dir: string;
const key = (name: string): string => server.keys.get(name) as string;

beforeAll(async () => {
  server = await TestServer.start({
    spaces: 0,
    production: true,
    keys: [
      { name: "page", role: "write", space: SPACE },
      { name: "page-flooded", role: "write", space: SPACE, options: "requests=5" },
      { name: "ops", role: "admin", space: SPACE },
      { name: "other-ops", role: "admin", space: OTHER },
    ],
  });
  schema = await buildIdgraphSchema();
  dir = mkdtempSync(path.join(tmpdir(), "idgraph-copied-key-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server?.stop();
});

/** An operation selecting one root field, its required arguments as variables (not sent: refused before they are read). */
function operationOf(kind: "query" | "mutation" | "subscription", field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined);
  const variables = required.map((argument) => `$${argument.name}: ${String(argument.type)}`).join(", ");
  const args = required.map((argument) => `${argument.name}: $${argument.name}`).join(", ");
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return `${kind}${variables ? ` (${variables})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
}

const fieldsOf = (type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {});

describe("a write key copied from a page", () => {
  it("is refused every query, whoami included, with FORBIDDEN and no data", async () => {
    const queries = fieldsOf(schema.getQueryType());
    expect(queries.map((field) => field.name)).toContain("whoami");
    for (const field of queries) {
      const answer = await graphqlCall(server.server.url, key("page"), operationOf("query", field));
      expect(answer.body["data"] ?? null, field.name).toBeNull();
      expect(
        answer.body["errors"]?.map((error: { extensions: { code: string } }) => error.extensions.code),
        field.name,
      ).toEqual(["FORBIDDEN"]);
    }
  });

  it("is refused every mutation but resolve and resolveBatch", async () => {
    const mutations = fieldsOf(schema.getMutationType()).filter((field) => field.name !== "resolve" && field.name !== "resolveBatch");
    expect(mutations.length).toBeGreaterThan(5);
    for (const field of mutations) {
      const answer = await graphqlCall(server.server.url, key("page"), operationOf("mutation", field));
      expect(answer.body["errors"]?.[0]?.extensions?.code, field.name).toBe("FORBIDDEN");
    }
  });

  it("is refused introspection", async () => {
    const answer = await graphqlCall(server.server.url, key("page"), "{ __schema { queryType { name } types { name } } }");
    expect(answer.body["data"] ?? null).toBeNull();
    expect(answer.body["errors"]?.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer.body)).not.toContain("Profile");
  });

  it("is refused every subscription", async () => {
    for (const field of fieldsOf(schema.getSubscriptionType())) {
      const attempt = subscribe(server.server.url, key("page"), operationOf("subscription", field));
      await expect.poll(() => attempt.errors.length, { message: field.name }).toBeGreaterThan(0);
      expect(attempt.errors[0]?.extensions?.["code"], field.name).toBe("FORBIDDEN");
      await attempt.close();
    }
  });

  it("is refused /metrics (403), which asks anyone without a key for an admin key (401)", async () => {
    const withKey = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${key("page")}` } });
    expect(withKey.status).toBe(403);
    expect(await withKey.text()).not.toContain("idgraph_");
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(401);
  });

  it("is refused every call the explorer makes", async () => {
    // The explorer's documents are typed (generated from the schema): their text is what the page sends.
    const operations = Object.entries({ ...(explorer as Record<string, unknown>), WHOAMI })
      .map(([name, document]): [string, string] => [name, String(document)])
      .filter(([, document]) => /^\s*(query|mutation)\b/.test(document));
    expect(operations.map(([name]) => name)).toEqual(expect.arrayContaining(["WHOAMI", "FIND_ANY", "PROFILE"]));
    for (const [name, document] of operations) {
      const answer = await graphqlCall(server.server.url, key("page"), document);
      expect(answer.body["data"] ?? null, name).toBeNull();
      expect(answer.body["errors"]?.[0]?.extensions?.code, name).toBe("FORBIDDEN");
    }
  });

  it("is refused the reads of the CLI's --url import (which user ids are known) and applies nothing", async () => {
    const device = uniqueId("cli-device");
    const file = path.join(dir, "posthog.ndjson");
    writeFileSync(
      file,
      JSON.stringify({ event: "$create_alias", distinct_id: device, properties: { alias: uniqueId("u") }, uuid: uniqueId("p") }),
    );
    const run = await idgraph(["import", file, "--url", server.server.url, "--key", key("page")]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("FORBIDDEN");
    expect(await profileByDevice(server.clientFor("ops", SPACE), device)).toBeNull();
  });

  it("is throttled when it floods: 429 with Retry-After", async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        segmentCall(server.baseUrl, "/v1/t", key("page-flooded"), { type: "track", event: "x", anonymousId: uniqueId("f") }),
      ),
    );
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(15);
    expect(refused.every((answer) => /^[1-9]\d*$/.test(answer.retryAfter ?? ""))).toBe(true);
  });

  it("reaches nothing of another space: the same ids there stay as they are, and its answers are its own space's", async () => {
    const device = uniqueId("shared-device");
    const theirs = await resolve(server.clientFor("other-ops", OTHER), { deviceId: device, userId: "jane" });
    const before = await profile(server.clientFor("other-ops", OTHER), theirs.profileId);

    const mine = await graphqlCall(
      server.server.url,
      key("page"),
      "mutation ($i: ResolveInput!) { resolve(input: $i) { profileId assignedProfileId created mergedProfileIds warnings { code } } }",
      { i: { deviceId: device, userId: "jane" } },
    );
    expect(mine.body["errors"]).toBeUndefined();
    expect(mine.body["data"].resolve).toMatchObject({ created: true, mergedProfileIds: [] });
    expect(mine.body["data"].resolve.profileId).not.toBe(theirs.profileId);

    const peek = await graphqlCall(server.server.url, key("page"), "query ($id: ID!) { profile(id: $id) { id } }", {
      id: theirs.profileId,
    });
    expect(peek.body["errors"]?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await profile(server.clientFor("other-ops", OTHER), theirs.profileId)).toEqual(before);
  });
});
