// Spaces never see each other (test/fixtures/contract.graphql, "Auth"): a key of one space cannot
// read, resolve into, merge, demerge, reset, unmerge or delete anything of another space, even when
// it knows the other space's profile ids, device ids, identifier values and audit entry ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { auditLog, PROFILE_FIELDS, profile, resolve } from "./api.js";
import { type Client, TestServer, uniqueId } from "./harness.js";

const VICTIM = uniqueId("victim");
const ATTACKER = uniqueId("attacker");

let server: TestServer;
let victim: Client;
const attackers = {} as Record<"read" | "ingest" | "admin", Client>;

/** What the victim's space holds: every node and relationship with all their properties. */
async function contentsOf(space: string): Promise<string[]> {
  return server.executor.read("test", async (tx) => {
    const result = await tx.run(
      `MATCH (n {space: $space})
       OPTIONAL MATCH (n)-[r]->(m)
       RETURN labels(n) AS labels, properties(n) AS node, type(r) AS type, properties(r) AS relationship, properties(m) AS target`,
      { space },
    );
    return result.records.map((record) => JSON.stringify(record.toObject())).sort();
  });
}

interface Known {
  profileId: string;
  otherProfileId: string;
  deviceId: string;
  userId: string;
  email: string;
  auditEntryIds: string[];
  linkEntryId: string;
}
let known: Known;
let before: string[];

beforeAll(async () => {
  server = await TestServer.start({
    spaces: 0,
    keys: [
      { name: "victim-admin", role: "admin", space: VICTIM },
      { name: "attacker-read", role: "read", space: ATTACKER },
      { name: "attacker-ingest", role: "ingest", space: ATTACKER },
      { name: "attacker-admin", role: "admin", space: ATTACKER },
    ],
  });
  victim = server.clientFor("victim-admin", VICTIM);
  attackers.read = server.clientFor("attacker-read", ATTACKER);
  attackers.ingest = server.clientFor("attacker-ingest", ATTACKER);
  attackers.admin = server.clientFor("attacker-admin", ATTACKER);

  const deviceId = uniqueId("victim-device");
  const userId = uniqueId("victim-user");
  const email = `${userId}@victim.example`;
  const person = await resolve(victim, { deviceId, userId, identifiers: [{ type: "email", value: email }], messageId: uniqueId("msg") });
  const other = await resolve(victim, { deviceId: uniqueId("victim-device"), identifiers: [{ type: "phone", value: "+1 555 0100" }] });
  const entries = await auditLog(victim);
  const link = entries.find((entry) => entry.action === "IDENTIFIER_LINKED" && entry.profileIds.includes(person.profileId));
  known = {
    profileId: person.profileId,
    otherProfileId: other.profileId,
    deviceId,
    userId,
    email,
    auditEntryIds: entries.map((entry) => entry.id),
    linkEntryId: link?.id as string,
  };
  expect(known.linkEntryId).toBeDefined();
  before = await contentsOf(VICTIM);
});
afterAll(async () => {
  await server?.stop();
});

const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }): unknown => result.errors?.[0]?.extensions?.["code"];

const LOOKUPS = `query ($id: ID!, $ids: [ID!]!, $deviceId: String!, $userId: String!, $email: String!) {
  profile(id: $id) { id }
  profiles(ids: $ids) { id }
  byDevice: profileByDevice(deviceId: $deviceId) { id }
  byUser: profileByIdentifier(type: "user_id", value: $userId) { id }
  byEmail: profileByIdentifier(type: "email", value: $email) { id }
}`;
const lookupVariables = (): Record<string, unknown> => ({
  id: known.profileId,
  ids: [known.profileId, known.otherProfileId],
  deviceId: known.deviceId,
  userId: known.userId,
  email: known.email,
});
/** The other space's device and identifiers, resolved with the attacker's key. */
const resolveTheirs = (client: Client) =>
  resolve(client, { deviceId: known.deviceId, userId: known.userId, identifiers: [{ type: "email", value: known.email }] });
const MERGE = `mutation ($ids: [ID!]!) { mergeProfiles(profileIds: $ids, force: true) { ${PROFILE_FIELDS} } }`;
const DEMERGE = `mutation ($identities: [String!]!) { demerge(identities: $identities) { profileIds } }`;
const BY_ID = [
  ["resetIdentities", `mutation ($id: ID!) { resetIdentities(profileId: $id) { profileIds } }`, () => ({ id: known.profileId })],
  ["unmerge", `mutation ($id: ID!) { unmerge(auditEntryId: $id) { profileIds } }`, () => ({ id: known.linkEntryId })],
  ["deleteProfile", `mutation ($id: ID!) { deleteProfile(profileId: $id) { deleted deletedProfileIds } }`, () => ({ id: known.profileId })],
] as const;

describe("a key of another space", () => {
  it.each(["read", "ingest", "admin"] as const)(
    "with the %s role finds none of the other space's profiles by profile id, device or identifier",
    async (role) => {
      const data = await attackers[role].data(LOOKUPS, lookupVariables());
      expect(data).toEqual({ profile: null, profiles: [null, null], byDevice: null, byUser: null, byEmail: null });
    },
  );

  it("sees none of the other space's audit entries, for the space or for a known profile id", async () => {
    const all = await auditLog(attackers.read);
    expect(all.map((entry) => entry.id).filter((id) => known.auditEntryIds.includes(id))).toEqual([]);
    expect(await auditLog(attackers.read, known.profileId)).toEqual([]);
  });

  it("resolving the other space's device and identifiers creates a new person in its own space", async () => {
    const answer = await resolveTheirs(attackers.ingest);
    expect(answer.created).toBe(true);
    expect(answer.profileId).not.toBe(known.profileId);
    expect(answer.mergedProfileIds).toEqual([]);
    // Its own profile is its own: the other space's profile id still means nothing to it.
    expect((await profile(attackers.ingest, answer.profileId))?.devices.map((device) => device.id)).toEqual([known.deviceId]);
    expect(await profile(attackers.ingest, known.profileId)).toBeNull();
  });

  it("cannot merge the other space's profiles, alone or with one of its own", async () => {
    const own = await resolve(attackers.admin, { deviceId: uniqueId("attacker-device") });
    for (const profileIds of [
      [known.profileId, known.otherProfileId],
      [own.profileId, known.profileId],
    ]) {
      const result = await attackers.admin.request(MERGE, { ids: profileIds });
      expect(codeOf(result)).toBe("NOT_FOUND");
    }
    expect((await profile(attackers.admin, own.profileId))?.ids).toEqual([own.profileId]);
  });

  it("demerging the other space's identifier values demerges only its own copy of them", async () => {
    const own = await resolveTheirs(attackers.admin);
    const result = await attackers.admin.request(DEMERGE, { identities: [known.userId, known.email] });
    expect(result.errors).toBeUndefined();
    const demerged = (result.data?.["demerge"] as { profileIds: string[] } | undefined)?.profileIds;
    expect(demerged).toContain(own.profileId);
    expect(demerged).not.toContain(known.profileId);
    expect(await contentsOf(VICTIM)).toEqual(before);
  });

  it.each(BY_ID)("cannot %s in the other space: NOT_FOUND", async (_name, document, variables) => {
    const result = await attackers.admin.request(document, variables());
    expect(codeOf(result)).toBe("NOT_FOUND");
  });

  it("leaves the other space exactly as it was, and both spaces consistent", async () => {
    // Every attempt above once more, so this check stands on its own (run alone) too.
    for (const role of ["read", "ingest", "admin"] as const) await attackers[role].request(LOOKUPS, lookupVariables());
    await auditLog(attackers.read);
    await auditLog(attackers.read, known.profileId);
    const own = await resolveTheirs(attackers.ingest);
    for (const ids of [
      [known.profileId, known.otherProfileId],
      [own.profileId, known.profileId],
    ])
      await attackers.admin.request(MERGE, { ids });
    await attackers.admin.request(DEMERGE, { identities: [known.userId, known.email] });
    for (const [, document, variables] of BY_ID) await attackers.admin.request(document, variables());

    expect(before.length).toBeGreaterThan(5);
    expect(await contentsOf(VICTIM)).toEqual(before);
    expect((await profile(victim, known.profileId))?.identifiers.map((identifier) => identifier.value).sort()).toEqual(
      [known.email, known.userId].sort(),
    );
    expect(await checkSpace(server.executor, VICTIM, DEFAULT_IDENTITY_RULES)).toEqual([]);
    expect(await checkSpace(server.executor, ATTACKER, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });
});
