// Rules 1–6 of docs/identity-rules.md through the GraphQL API: anonymous activity, logins, devices
// shared by several people.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { auditLog, profile, profileByDevice, profileByIdentifier, resolve, resolveBatch, valuesOf } from "./api.js";
import { type Client, TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(async () => {
  await server?.stop();
});

const expectClean = async (client: Client) => expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);

/** Counts the nodes of a space, to show that a refused request wrote nothing. */
async function nodesIn(space: string): Promise<number> {
  return server.executor.read(
    "test",
    async (tx) => (await tx.run("MATCH (n {space: $space}) RETURN count(n) AS n", { space })).records[0]?.get("n") as number,
  );
}

describe("rule 1: an observation needs a device or an identifier", () => {
  it("refuses an observation with neither, with BAD_USER_INPUT, and writes nothing", async () => {
    const client = server.newSpace();
    const result = await client.request(`mutation { resolve(input: { event: "page_view" }) { profileId } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await nodesIn(client.space)).toBe(0);
  });

  it("refuses an observation whose only identifiers are blocked values", async () => {
    const client = server.newSpace();
    const result = await client.request(
      `mutation { resolve(input: { userId: "undefined", identifiers: [{ type: "email", value: " NULL " }] }) { profileId } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await nodesIn(client.space)).toBe(0);
  });

  it("refuses a whole batch when one of its observations has neither, applying none of it", async () => {
    const client = server.newSpace();
    const result = await client.request(
      `mutation { resolveBatch(inputs: [{ deviceId: "d1" }, {}, { deviceId: "d2", userId: "u1" }]) { profileId } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toContain("inputs[1]");
    expect(await nodesIn(client.space)).toBe(0);
  });
});

describe("rules 2 and 3: anonymous activity", () => {
  it("gives a new device a new profile, and the same profile on every later anonymous visit", async () => {
    const client = server.newSpace();
    const first = await resolve(client, { deviceId: "browser-1" });
    expect(first.created).toBe(true);
    expect(first.profileId).toBe(first.assignedProfileId);
    const again = await resolve(client, { deviceId: "browser-1" });
    expect(again).toMatchObject({ profileId: first.profileId, assignedProfileId: first.assignedProfileId, created: false });
    expect((await profileByDevice(client, "browser-1"))?.id).toBe(first.profileId);
    await expectClean(client);
  });

  it("attributes anonymous activity after a login to the device's last known user", async () => {
    const client = server.newSpace();
    const login = await resolve(client, { deviceId: "phone", userId: "ann" });
    const later = await resolve(client, { deviceId: "phone" });
    expect(later.assignedProfileId).toBe(login.assignedProfileId);
    expect(later.profileId).toBe(login.profileId);
  });
});

describe("rule 4: identifiers without a device", () => {
  it("creates a profile for an unknown identifier, and finds it again by that identifier", async () => {
    const client = server.newSpace();
    const first = await resolve(client, { userId: "server-side-user" });
    expect(first.created).toBe(true);
    const again = await resolve(client, { userId: "server-side-user" });
    expect(again).toMatchObject({ profileId: first.profileId, created: false });
    expect((await profileByIdentifier(client, "user_id", "server-side-user"))?.id).toBe(first.profileId);
  });

  it("attaches the other identifiers to the profile of the highest-priority known one", async () => {
    const client = server.newSpace();
    const login = await resolve(client, { deviceId: "laptop", userId: "bea" });
    const backend = await resolve(client, {
      identifiers: [
        { type: "email", value: "bea@example.com" },
        { type: "user_id", value: "bea" },
      ],
    });
    expect(backend.profileId).toBe(login.profileId);
    const view = await profileByIdentifier(client, "email", "bea@example.com");
    expect(view?.id).toBe(login.profileId);
    expect(valuesOf(view, "user_id")).toEqual(["bea"]);
    await expectClean(client);
  });
});

describe("rule 5: identifiers on a new device", () => {
  it("joins a returning user's new device to their profile (common user id on multiple devices)", async () => {
    const client = server.newSpace();
    const tv = await resolve(client, { deviceId: "tv", userId: "john" });
    const tablet = await resolve(client, { deviceId: "tablet", userId: "john" });
    expect(tablet.profileId).toBe(tv.profileId);
    expect(tablet.assignedProfileId).not.toBe(tv.assignedProfileId);
    expect(tablet.created).toBe(false);
    const view = await profile(client, tablet.assignedProfileId);
    expect(view?.devices.map((d) => d.id).sort()).toEqual(["tablet", "tv"]);
    expect(view?.ids).toHaveLength(2);
    await expectClean(client);
  });
});

describe("rule 6: identifiers on a known device", () => {
  it("stitches a device's anonymous activity to the user who logs in on it", async () => {
    const client = server.newSpace();
    const anonymous = await resolve(client, { deviceId: "web-a" });
    const login = await resolve(client, { deviceId: "web-a", userId: "jane" });
    expect(login).toMatchObject({ profileId: anonymous.profileId, assignedProfileId: anonymous.assignedProfileId, created: false });
    expect(valuesOf(await profileByDevice(client, "web-a"), "user_id")).toEqual(["jane"]);
  });

  it("never merges a second person on a shared device: Adam gets his own profile, and Bob coming back gets his again", async () => {
    const client = server.newSpace();
    const bob = await resolve(client, { deviceId: "family-tablet", userId: "bob" });
    const adam = await resolve(client, { deviceId: "family-tablet", userId: "adam" });
    expect(adam.profileId).not.toBe(bob.profileId);
    expect(adam.created).toBe(true);
    expect((await resolve(client, { deviceId: "family-tablet" })).profileId).toBe(adam.profileId);
    const bobAgain = await resolve(client, { deviceId: "family-tablet", userId: "bob" });
    expect(bobAgain).toMatchObject({ profileId: bob.profileId, assignedProfileId: bob.assignedProfileId, created: false });
    expect((await profileByDevice(client, "family-tablet"))?.id).toBe(bob.profileId);
    expect(valuesOf(await profileByIdentifier(client, "user_id", "adam"), "user_id")).toEqual(["adam"]);
    await expectClean(client);
  });

  it("does not merge into a device whose profile holds another person's email", async () => {
    const client = server.newSpace();
    const carol = await resolve(client, { deviceId: "kiosk", identifiers: [{ type: "email", value: "carol@example.com" }] });
    const dan = await resolve(client, { deviceId: "kiosk", identifiers: [{ type: "email", value: "dan@example.com" }] });
    expect(dan.profileId).not.toBe(carol.profileId);
    expect(dan.warnings).toEqual([]);
    await expectClean(client);
  });

  it("merges an anonymous device's profile into the user's older profile, which keeps its id", async () => {
    const client = server.newSpace();
    const older = await resolve(client, { deviceId: "desktop", userId: "smith" });
    const anonymous = await resolve(client, { deviceId: "mobile" });
    const login = await resolve(client, { deviceId: "mobile", userId: "smith" });
    expect(login.profileId).toBe(older.profileId);
    expect(login.assignedProfileId).toBe(anonymous.assignedProfileId);
    expect(login.mergedProfileIds).toEqual([anonymous.profileId]);
    const merges = (await auditLog(client)).filter((entry) => entry.action === "PROFILES_MERGED");
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatchObject({
      actor: "system",
      profileIds: [older.profileId, anonymous.profileId],
      identifiers: [{ type: "user_id", value: "smith" }],
    });
    await expectClean(client);
  });
});

describe("the answer", () => {
  it("reports created only for a person new to the store", async () => {
    const client = server.newSpace();
    const [first, second, third] = await resolveBatch(client, [
      { deviceId: "n1" },
      { deviceId: "n1", userId: "nina" },
      { deviceId: "n2", userId: "nina" },
    ]);
    expect([first?.created, second?.created, third?.created]).toEqual([true, false, false]);
  });

  it("records device first and last seen times from the observations' timestamps", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "clocked", timestamp: "2026-01-02T03:04:05.000Z" });
    await resolve(client, { deviceId: "clocked", timestamp: "2026-01-01T00:00:00.000Z" });
    const view = await profileByDevice(client, "clocked");
    expect(view?.devices[0]).toMatchObject({ firstSeenAt: "2026-01-01T00:00:00.000Z", lastSeenAt: "2026-01-02T03:04:05.000Z" });
  });
});
