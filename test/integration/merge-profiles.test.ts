// mergeProfiles (docs/identity-rules.md, "Admin operations"): a manual merge edge between profiles,
// refused past a limit unless forced, audited with the admin's name and reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileRules, DEFAULT_RULES } from "../../src/rules/rules-config.js";
import { auditLog, profile, profileByDevice, resolve } from "./api.js";
import { AdminTestServer, errorCode, MERGE_PROFILES, mergeProfiles } from "./admin-helpers.js";
import { TestServer } from "./harness.js";

let server: AdminTestServer;
beforeAll(async () => {
  server = await AdminTestServer.start();
});
afterAll(async () => {
  await server?.stop();
});

describe("mergeProfiles", () => {
  it("joins two anonymous profiles into one named by the older id, and records who did it and why", async () => {
    const { client, actor, space } = server.newSpace();
    const first = await resolve(client, { deviceId: "tv" });
    const second = await resolve(client, { deviceId: "tablet" });

    const merged = await mergeProfiles(client, [second.profileId, first.profileId], "same household login");
    expect(merged.id).toBe(first.profileId);
    expect(merged.ids).toEqual([first.profileId, second.profileId].sort());
    expect(merged.devices.map((d) => d.id)).toEqual(["tablet", "tv"]);
    expect(merged.devices.every((d) => d.profileId === first.profileId)).toBe(true);
    expect((await profile(client, second.profileId))?.id).toBe(first.profileId);
    // Later anonymous activity on the tablet belongs to the merged profile.
    expect((await resolve(client, { deviceId: "tablet" })).profileId).toBe(first.profileId);

    const [entry] = (await auditLog(client, first.profileId)).filter((e) => e.action === "PROFILES_MERGED");
    expect(entry).toMatchObject({
      action: "PROFILES_MERGED",
      actor,
      reason: "same household login",
      profileIds: [first.profileId, second.profileId],
      identifiers: [],
      deviceIds: [],
      messageId: null,
    });
    await server.expectClean(space);
  });

  it("takes any profile id of each profile and merges three profiles at once", async () => {
    const { client, space, actor } = server.newSpace();
    const a = await resolve(client, { deviceId: "a1", userId: "ann" });
    const a2 = await resolve(client, { deviceId: "a2", userId: "ann" });
    const b = await resolve(client, { deviceId: "b1", identifiers: [{ type: "email", value: "bea@example.com" }] });
    const c = await resolve(client, { deviceId: "c1", identifiers: [{ type: "phone", value: "+44 1234" }] });
    expect(a2.assignedProfileId).not.toBe(a.profileId);

    const merged = await mergeProfiles(client, [c.assignedProfileId, a2.assignedProfileId, b.assignedProfileId]);
    expect(merged.id).toBe(a.profileId);
    expect(merged.ids).toHaveLength(4);
    expect(merged.identifiers).toEqual([
      { type: "email", value: "bea@example.com" },
      { type: "phone", value: "+441234" },
      { type: "user_id", value: "ann" },
    ]);
    expect((await profileByDevice(client, "c1"))?.id).toBe(a.profileId);
    // (Ann's second device joined her profile by a link: that PROFILES_MERGED entry is the system's.)
    const entries = (await auditLog(client, a.profileId)).filter((e) => e.action === "PROFILES_MERGED" && e.actor === actor);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.profileIds).toEqual([a.profileId, b.profileId, c.profileId]);
    expect(entries[0]?.reason).toBeNull();
    await server.expectClean(space);
  });

  it("refuses with CONFLICT a merge that would give a profile two user ids, and changes nothing", async () => {
    const { client, space } = server.newSpace();
    const bob = await resolve(client, { deviceId: "d1", userId: "bob" });
    const adam = await resolve(client, { deviceId: "d2", userId: "adam" });
    const response = await client.request(MERGE_PROFILES, { profileIds: [bob.profileId, adam.profileId], reason: "oops" });
    expect(errorCode(response)).toBe("CONFLICT");
    expect(response.errors?.[0]?.message).toMatch(/user_id/);
    expect((await profile(client, adam.profileId))?.id).toBe(adam.profileId);
    expect((await auditLog(client)).some((e) => e.action === "PROFILES_MERGED")).toBe(false);
    await server.expectClean(space);
  });

  it("merges past the limits when forced", async () => {
    const { client, space, actor } = server.newSpace();
    const bob = await resolve(client, { deviceId: "d1", userId: "bob" });
    const adam = await resolve(client, { deviceId: "d2", userId: "adam" });
    const merged = await mergeProfiles(client, [bob.profileId, adam.profileId], "same person, two accounts", true);
    expect(merged.id).toBe(bob.profileId);
    expect(merged.identifiers.map((i) => i.value).sort()).toEqual(["adam", "bob"]);
    const [entry] = (await auditLog(client, bob.profileId)).filter((e) => e.action === "PROFILES_MERGED");
    expect(entry).toMatchObject({ actor, reason: "same person, two accounts", profileIds: [bob.profileId, adam.profileId] });
    await server.expectClean(space);
  });

  it("returns the profile unchanged when the ids already belong to one profile", async () => {
    const { client, space } = server.newSpace();
    const p = await resolve(client, { deviceId: "p", userId: "smith" });
    const q = await resolve(client, { deviceId: "q", userId: "smith" });
    const before = await auditLog(client);
    const merged = await mergeProfiles(client, [p.assignedProfileId, q.assignedProfileId]);
    expect(merged.id).toBe(p.profileId);
    expect(await auditLog(client)).toEqual(before);
    await server.expectClean(space);
  });

  it("answers NOT_FOUND for an unknown profile id and BAD_USER_INPUT for fewer than two profile ids", async () => {
    const { client } = server.newSpace();
    const p = await resolve(client, { deviceId: "p" });
    expect(errorCode(await client.request(MERGE_PROFILES, { profileIds: [p.profileId, "no-such-id"] }))).toBe("NOT_FOUND");
    expect(errorCode(await client.request(MERGE_PROFILES, { profileIds: [p.profileId, p.profileId] }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await client.request(MERGE_PROFILES, { profileIds: [] }))).toBe("BAD_USER_INPUT");
  });

  it("cannot reach a profile of another space", async () => {
    const mine = server.newSpace();
    const theirs = server.newSpace();
    const p = await resolve(mine.client, { deviceId: "p" });
    const other = await resolve(theirs.client, { deviceId: "x" });
    expect(errorCode(await mine.client.request(MERGE_PROFILES, { profileIds: [p.profileId, other.profileId] }))).toBe("NOT_FOUND");
  });

  it("needs the admin role", async () => {
    const { client, reader, ingester } = server.newSpace();
    const p = await resolve(client, { deviceId: "p" });
    const q = await resolve(client, { deviceId: "q" });
    expect(errorCode(await reader.request(MERGE_PROFILES, { profileIds: [p.profileId, q.profileId] }))).toBe("FORBIDDEN");
    expect(errorCode(await ingester.request(MERGE_PROFILES, { profileIds: [p.profileId, q.profileId] }))).toBe("FORBIDDEN");
  });
});

describe("mergeProfiles and the device cap", () => {
  let capped: TestServer;
  beforeAll(async () => {
    capped = await TestServer.start({ rules: compileRules({ ...DEFAULT_RULES, deviceCap: 2 }), spaces: 2 });
  });
  afterAll(async () => {
    await capped?.stop();
  });

  it("refuses with CONFLICT a merge that would hold more devices than the cap, unless forced", async () => {
    const client = capped.newSpace();
    const a = await resolve(client, { deviceId: "a1", userId: "ann" });
    await resolve(client, { deviceId: "a2", userId: "ann" });
    const b = await resolve(client, { deviceId: "b1" });
    const refused = await client.request(MERGE_PROFILES, { profileIds: [a.profileId, b.profileId] });
    expect(errorCode(refused)).toBe("CONFLICT");
    expect(refused.errors?.[0]?.message).toMatch(/2 devices/);
    const forced = await mergeProfiles(client, [a.profileId, b.profileId], "admin knows best", true);
    expect(forced.devices).toHaveLength(3);
  });
});
