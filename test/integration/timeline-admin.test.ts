// Rule 10 and the admin operations: demerge, reset, unmerge and delete leave every stretch of every
// device timeline attributed to a profile id that exists, and a deleted profile's stretches leave no
// device id behind (docs/identity-rules.md, "Admin operations").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { graphql } from "./gql/index.js";
import type { ResolveInput, TimelineResolveMutation } from "./gql/graphql.js";
import type { Client } from "./harness.js";
import { TestServer } from "./harness.js";

const at = (time: string): string => new Date(`2026-11-23T${time}:00Z`).toISOString();

const RESOLVE = graphql(`
  mutation TimelineResolve($input: ResolveInput!) { resolve(input: $input) { profileId assignedProfileId } }
`);
const ATTRIBUTION = graphql(`
  query TimelineAttribution($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId } }
`);

async function resolve(client: Client, input: ResolveInput): Promise<TimelineResolveMutation["resolve"]> {
  return (await client.data(RESOLVE, { input })).resolve;
}

async function attributionAt(client: Client, deviceId: string, time: string): Promise<string | undefined> {
  const data = await client.data(ATTRIBUTION, { deviceId, at: at(time) });
  return data.attribution?.assignedProfileId;
}

async function stretchesOf(server: TestServer, space: string, deviceId: string): Promise<string[]> {
  const result = await server.executor.read("test", (tx) =>
    tx.run("MATCH (s:Stretch {space: $space, deviceId: $deviceId}) RETURN s.profileId AS profileId ORDER BY s.from, s.fromSeq", {
      space,
      deviceId,
    }),
  );
  return result.records.map((record) => record.get("profileId") as string);
}

/** The shared tablet: Bob at 10:00, Adam's login arriving late for 10:20, Bob again at 10:40, anonymous events between. */
async function sharedTablet(client: Client) {
  const bob = await resolve(client, { deviceId: "E", userId: "Bob", timestamp: at("10:00") });
  for (const time of ["10:10", "10:30", "10:50"]) await resolve(client, { deviceId: "E", timestamp: at(time) });
  await resolve(client, { deviceId: "E", userId: "Bob", timestamp: at("10:40") });
  const adam = await resolve(client, { deviceId: "E", userId: "Adam", timestamp: at("10:20") });
  return { bob, adam };
}

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 8 });
});
afterAll(async () => {
  await server?.stop();
});

describe("device timelines through admin operations", () => {
  it("a GDPR delete of a person on a shared device removes their stretches, and the device's other stretches close the gap", async () => {
    const client = server.newSpace();
    const { bob, adam } = await sharedTablet(client);
    expect(await attributionAt(client, "E", "10:30")).toBe(adam.assignedProfileId);

    await client.data(`mutation ($id: ID!) { deleteProfile(profileId: $id, reason: "GDPR") { deleted } }`, { id: adam.profileId });
    expect(await stretchesOf(server, client.space, "E")).not.toContain(adam.assignedProfileId);
    expect(await attributionAt(client, "E", "10:30")).toBe(bob.assignedProfileId);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);

    // Bob deleted too: the device goes, and no stretch keeps its id.
    await client.data(`mutation ($id: ID!) { deleteProfile(profileId: $id, reason: "GDPR") { deleted } }`, { id: bob.profileId });
    expect(await stretchesOf(server, client.space, "E")).toEqual([]);
    expect(await attributionAt(client, "E", "10:30")).toBeUndefined();
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("a delete of the person whose stretch is the device's latest makes the one before it current", async () => {
    const client = server.newSpace();
    const bob = await resolve(client, { deviceId: "E", userId: "Bob", timestamp: at("10:00") });
    const adam = await resolve(client, { deviceId: "E", userId: "Adam", timestamp: at("10:20") });
    await client.data(`mutation ($id: ID!) { deleteProfile(profileId: $id) { deleted } }`, { id: adam.profileId });
    const device = await client.data<{ profileByDevice: { id: string } }>(`{ profileByDevice(deviceId: "E") { id } }`);
    expect(device.profileByDevice.id).toBe(bob.profileId);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("demerge, reset and unmerge keep every profile id, so every stretch stays where it was", async () => {
    const client = server.newSpace();
    const { bob, adam } = await sharedTablet(client);
    const onOtherDevice = await resolve(client, { deviceId: "F", userId: "Bob", timestamp: at("10:05") });
    expect(onOtherDevice.profileId).toBe(bob.profileId);
    const before = await Promise.all(["10:10", "10:30", "10:50"].map((time) => attributionAt(client, "E", time)));

    await client.data(`mutation { demerge(identities: ["Bob"]) { profileIds } }`);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
    await client.data(`mutation ($id: ID!) { resetIdentities(profileId: $id) { profileIds } }`, { id: adam.profileId });
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);

    // Bob logs in again on F and E: a merge through his user id, then unmerged by its audit entry.
    await resolve(client, { deviceId: "F", userId: "Bob", timestamp: at("11:00") });
    await resolve(client, { deviceId: "E", userId: "Bob", timestamp: at("11:01") });
    const log = await client.data<{ auditLog: { edges: Array<{ node: { id: string; action: string } }> } }>(
      `{ auditLog(first: 100) { edges { node { id action } } } }`,
    );
    const merge = log.auditLog.edges.find((edge) => edge.node.action === "PROFILES_MERGED");
    expect(merge).toBeDefined();
    await client.data(`mutation ($id: ID!) { unmerge(auditEntryId: $id) { profileIds } }`, { id: merge?.node.id });
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
    expect(await Promise.all(["10:10", "10:30", "10:50"].map((time) => attributionAt(client, "E", time)))).toEqual(before);
  });
});
