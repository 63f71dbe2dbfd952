// Who may do what (the contract's "Auth"): read keys query, write keys only resolve (never read),
// ingest keys query and resolve, admin keys also run the admin mutations; no key or an unknown key
// is UNAUTHENTICATED, a key without the role is FORBIDDEN and changes nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { auditLog, PROFILE_FIELDS, profile, RESOLUTION_FIELDS, resolve } from "./api.js";
import { Client, TestServer, uniqueId } from "./harness.js";
import { startServerProcess } from "./server-process.js";

const SPACE = uniqueId("access");
let server: TestServer;
let admin: Client;
const callers = {} as Record<Caller, Client>;

type Caller = "read key" | "write key" | "ingest key" | "admin key" | "no key" | "wrong key";
type Outcome = "allowed" | "FORBIDDEN" | "UNAUTHENTICATED";

beforeAll(async () => {
  server = await TestServer.start({
    spaces: 0,
    keys: [
      { name: "access-reader", role: "read", space: SPACE },
      { name: "access-writer", role: "write", space: SPACE },
      { name: "access-ingester", role: "ingest", space: SPACE },
      { name: "access-admin", role: "admin", space: SPACE },
      { name: "access-seeder", role: "admin", space: SPACE },
    ],
  });
  admin = server.clientFor("access-seeder", SPACE);
  callers["read key"] = server.clientFor("access-reader", SPACE);
  callers["write key"] = server.clientFor("access-writer", SPACE);
  callers["ingest key"] = server.clientFor("access-ingester", SPACE);
  callers["admin key"] = server.clientFor("access-admin", SPACE);
  callers["no key"] = new Client(server.server.url, undefined, SPACE);
  callers["wrong key"] = new Client(server.server.url, "not-a-configured-key-0123456789abcdef", SPACE);
});
afterAll(async () => {
  await server?.stop();
});

/** A person with a device, a user id and an email: one profile; its IDENTIFIER_LINKED entry. */
async function seedPerson(): Promise<{ profileId: string; deviceId: string; userId: string; linkEntryId: string }> {
  const deviceId = uniqueId("dev");
  const userId = uniqueId("user");
  const answer = await resolve(admin, { deviceId, userId, identifiers: [{ type: "email", value: `${userId}@example.com` }] });
  const entries = await auditLog(admin, answer.profileId);
  const link = entries.find((entry) => entry.action === "IDENTIFIER_LINKED");
  if (!link) throw new Error("seeding wrote no IDENTIFIER_LINKED entry");
  return { profileId: answer.profileId, deviceId, userId, linkEntryId: link.id };
}

interface Operation {
  name: string;
  needs: "read" | "write" | "admin";
  document: string;
  /** Seeds what the operation works on (with the seeding admin key) and returns its variables and the profiles it touches. */
  prepare(): Promise<{ variables: Record<string, unknown>; touches: string[] }>;
}

const OPERATIONS: Operation[] = [
  {
    name: "profile",
    needs: "read",
    document: `query ($id: ID!) { profile(id: $id) { ${PROFILE_FIELDS} } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { id: person.profileId }, touches: [person.profileId] };
    },
  },
  {
    name: "profiles",
    needs: "read",
    document: `query ($ids: [ID!]!) { profiles(ids: $ids) { ${PROFILE_FIELDS} } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { ids: [person.profileId] }, touches: [person.profileId] };
    },
  },
  {
    name: "profileByIdentifier",
    needs: "read",
    document: `query ($type: String!, $value: String!) { profileByIdentifier(type: $type, value: $value) { ${PROFILE_FIELDS} } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { type: "user_id", value: person.userId }, touches: [person.profileId] };
    },
  },
  {
    name: "profileByDevice",
    needs: "read",
    document: `query ($deviceId: String!) { profileByDevice(deviceId: $deviceId) { ${PROFILE_FIELDS} } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { deviceId: person.deviceId }, touches: [person.profileId] };
    },
  },
  {
    name: "auditLog",
    needs: "read",
    document: `query ($profileId: ID) { auditLog(profileId: $profileId, first: 10) { edges { node { id action actor } } pageInfo { hasNextPage } } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { profileId: person.profileId }, touches: [person.profileId] };
    },
  },
  {
    name: "resolve",
    needs: "write",
    document: `mutation ($input: ResolveInput!) { resolve(input: $input) { ${RESOLUTION_FIELDS} } }`,
    prepare: async () => {
      const person = await seedPerson();
      return {
        variables: { input: { deviceId: person.deviceId, identifiers: [{ type: "phone", value: "+44 20 7946 0000" }] } },
        touches: [person.profileId],
      };
    },
  },
  {
    name: "resolveBatch",
    needs: "write",
    document: `mutation ($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { ${RESOLUTION_FIELDS} } }`,
    prepare: async () => {
      const person = await seedPerson();
      return {
        variables: { inputs: [{ deviceId: person.deviceId }, { deviceId: person.deviceId, event: "purchase" }] },
        touches: [person.profileId],
      };
    },
  },
  {
    name: "mergeProfiles",
    needs: "admin",
    document: `mutation ($profileIds: [ID!]!) { mergeProfiles(profileIds: $profileIds, reason: "access test") { id ids } }`,
    prepare: async () => {
      const person = await seedPerson();
      const anonymous = await resolve(admin, { deviceId: uniqueId("dev") });
      return { variables: { profileIds: [person.profileId, anonymous.profileId] }, touches: [person.profileId, anonymous.profileId] };
    },
  },
  {
    name: "demerge",
    needs: "admin",
    document: `mutation ($identities: [String!]!) { demerge(identities: $identities, reason: "access test") { profileIds } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { identities: [person.userId] }, touches: [person.profileId] };
    },
  },
  {
    name: "resetIdentities",
    needs: "admin",
    document: `mutation ($profileId: ID!) { resetIdentities(profileId: $profileId, reason: "access test") { profileIds } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { profileId: person.profileId }, touches: [person.profileId] };
    },
  },
  {
    name: "unmerge",
    needs: "admin",
    document: `mutation ($auditEntryId: ID!) { unmerge(auditEntryId: $auditEntryId, reason: "access test") { profileIds } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { auditEntryId: person.linkEntryId }, touches: [person.profileId] };
    },
  },
  {
    name: "deleteProfile",
    needs: "admin",
    document: `mutation ($profileId: ID!) { deleteProfile(profileId: $profileId, reason: "access test") { deleted deletedProfileIds } }`,
    prepare: async () => {
      const person = await seedPerson();
      return { variables: { profileId: person.profileId }, touches: [person.profileId] };
    },
  },
];

/** What each role may do: a write key never reads; an ingest key reads and writes. */
const GRANTS: Partial<Record<Caller, ReadonlyArray<Operation["needs"]>>> = {
  "read key": ["read"],
  "write key": ["write"],
  "ingest key": ["read", "write"],
  "admin key": ["read", "write", "admin"],
};

function expected(caller: Caller, operation: Operation): Outcome {
  const grants = GRANTS[caller];
  if (grants === undefined) return "UNAUTHENTICATED";
  return grants.includes(operation.needs) ? "allowed" : "FORBIDDEN";
}

const CALLERS: Caller[] = ["read key", "write key", "ingest key", "admin key", "no key", "wrong key"];
const TABLE = OPERATIONS.flatMap((operation) =>
  CALLERS.map((caller) => ({ operation: operation.name, caller, outcome: expected(caller, operation) })),
);

/** What a profile looks like to the seeding admin, with its audit trail: unchanged means nothing was written. */
async function snapshot(profileIds: string[]): Promise<unknown> {
  return Promise.all(profileIds.map(async (id) => ({ profile: await profile(admin, id), audit: await auditLog(admin, id) })));
}

describe("API keys and roles", () => {
  it.each(TABLE)("$operation with a $caller: $outcome", async ({ operation: name, caller, outcome }) => {
    const operation = OPERATIONS.find((candidate) => candidate.name === name) as Operation;
    const { variables, touches } = await operation.prepare();
    const before = await snapshot(touches);
    const result = await callers[caller].request(operation.document, variables);
    if (outcome === "allowed") {
      expect(result.errors).toBeUndefined();
      expect(result.data?.[name]).toBeTruthy();
    } else {
      expect(result.errors?.map((error) => error.extensions?.["code"])).toEqual([outcome]);
      expect(result.data?.[name] ?? null).toBeNull();
      if (outcome === "UNAUTHENTICATED") expect(result.status).toBe(401);
      expect(await snapshot(touches)).toEqual(before);
    }
  });

  it("refuses an Authorization header that is not a Bearer key, even with a valid key in it", async () => {
    const key = server.keys.get("access-admin") as string;
    for (const authorization of [
      `Basic ${key}`,
      key,
      `Bearer`,
      `Bearer ${key} extra`,
      `Bearer ${key.toUpperCase()}`,
      `Bearer ${key.slice(0, -1)}`,
    ]) {
      const response = await fetch(server.server.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      expect(response.status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("records the admin key's name as the actor of an admin operation, and system for observations", async () => {
    const person = await seedPerson();
    const result = await callers["admin key"].request(
      `mutation ($id: ID!) { resetIdentities(profileId: $id, reason: "actor check") { profileIds } }`,
      {
        id: person.profileId,
      },
    );
    expect(result.errors).toBeUndefined();
    const entries = await auditLog(admin, person.profileId);
    expect(entries.find((entry) => entry.action === "IDENTITIES_RESET")).toMatchObject({ actor: "access-admin", reason: "actor check" });
    expect(entries.filter((entry) => entry.action === "IDENTIFIER_LINKED").map((entry) => entry.actor)).toEqual(["system", "system"]);
  });

  it("leaves the space consistent after every allowed and refused call", async () => {
    // Every operation with every caller, the refused ones first, here again: so this check stands
    // on its own (run alone) instead of relying on the table above having run.
    for (const operation of OPERATIONS) {
      const { variables } = await operation.prepare();
      const refusedFirst = [...CALLERS].sort(
        (a, b) => Number(expected(a, operation) === "allowed") - Number(expected(b, operation) === "allowed"),
      );
      for (const caller of refusedFirst) {
        const result = await callers[caller].request(operation.document, variables);
        expect(result.errors === undefined, `${operation.name} with a ${caller}`).toBe(expected(caller, operation) === "allowed");
      }
    }
    expect(await checkSpace(server.executor, SPACE, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });
});

describe("open mode", () => {
  it("runs without keys only when none are configured, and says so with a WARN line at start-up", async () => {
    const child = await startServerProcess({ neo4j: inject("neo4j"), apiKeys: "" });
    try {
      // A read in the open space "default": served without a key, as admin.
      const response = await fetch(child.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ auditLog(first: 0) { pageInfo { hasNextPage } } }" }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      await expect.poll(() => child.output()).toContain("Access:        OPEN MODE");
      const warnings = child
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((line) => line.level === 40 && line.msg.includes("OPEN MODE"));
      expect(warnings).toHaveLength(1);
    } finally {
      await child.stop();
    }
  });
});
