// resetIdentities(profile) (docs/identity-rules.md, "Admin operations"; CleverTap's "Reset Identities"):
// demerge for one profile, named by any of its profile ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, profile, profileByDevice, profileByIdentifier, resolve } from "./api.js";
import { AdminTestServer, errorCode, mergeProfiles, RESET_IDENTITIES, resetIdentities } from "./admin-helpers.js";

let server: AdminTestServer;
beforeAll(async () => {
  server = await AdminTestServer.start();
});
afterAll(async () => {
  await server?.stop();
});

describe("resetIdentities", () => {
  it("strips a profile of its identifiers and merges, leaving each profile id alone with its device", async () => {
    const { client, actor, space } = server.newSpace();
    const laptop = await resolve(client, { deviceId: "laptop", userId: "u-7", identifiers: [{ type: "email", value: "kim@example.com" }] });
    const phone = await resolve(client, { deviceId: "phone", userId: "u-7" });
    const tv = await resolve(client, { deviceId: "tv" });
    await mergeProfiles(client, [laptop.profileId, tv.profileId]);
    const ids = [laptop.assignedProfileId, phone.assignedProfileId, tv.assignedProfileId].sort();
    expect((await profile(client, tv.profileId))?.ids).toEqual(ids);

    expect(await resetIdentities(client, phone.assignedProfileId, "customer asked")).toEqual(ids);
    for (const [device, id] of [
      ["laptop", laptop.assignedProfileId],
      ["phone", phone.assignedProfileId],
      ["tv", tv.assignedProfileId],
    ] as const) {
      expect(await profileByDevice(client, device)).toMatchObject({ id, ids: [id], identifiers: [] });
    }
    expect(await profileByIdentifier(client, "user_id", "u-7")).toBeNull();
    expect(await profileByIdentifier(client, "email", "kim@example.com")).toBeNull();

    const entries = (await auditLog(client)).filter((e) => e.action === "IDENTITIES_RESET");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor,
      reason: "customer asked",
      profileIds: ids,
      identifiers: [
        { type: "email", value: "kim@example.com" },
        { type: "user_id", value: "u-7" },
      ],
      deviceIds: [],
    });
    expect((await auditLog(client, tv.assignedProfileId)).map((e) => e.action)).toContain("IDENTITIES_RESET");
    await server.expectClean(space);

    // The user logging in again on the phone attaches to the phone's profile id (rule 6).
    expect(await resolve(client, { deviceId: "phone", userId: "u-7" })).toMatchObject({ assignedProfileId: phone.assignedProfileId });
    await server.expectClean(space);
  });

  it("leaves other profiles as they are", async () => {
    const { client, space } = server.newSpace();
    const a = await resolve(client, { deviceId: "a", userId: "ann" });
    const b = await resolve(client, { deviceId: "b", userId: "bea" });
    await resolve(client, { deviceId: "b2", userId: "bea" });
    expect(await resetIdentities(client, a.profileId)).toEqual([a.profileId]);
    expect((await profileByIdentifier(client, "user_id", "bea"))?.ids).toHaveLength(2);
    expect((await profileByIdentifier(client, "user_id", "bea"))?.id).toBe(b.profileId);
    await server.expectClean(space);
  });

  it("answers NOT_FOUND for an unknown profile id and FORBIDDEN without the admin role", async () => {
    const { client, reader, ingester } = server.newSpace();
    const a = await resolve(client, { deviceId: "a", userId: "ann" });
    expect(errorCode(await client.request(RESET_IDENTITIES, { profileId: "no-such-profile" }))).toBe("NOT_FOUND");
    expect(errorCode(await reader.request(RESET_IDENTITIES, { profileId: a.profileId }))).toBe("FORBIDDEN");
    expect(errorCode(await ingester.request(RESET_IDENTITIES, { profileId: a.profileId }))).toBe("FORBIDDEN");
    expect((await profile(client, a.profileId))?.identifiers).toEqual([{ type: "user_id", value: "ann" }]);
  });
});
