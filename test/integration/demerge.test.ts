// demerge(identities) (docs/identity-rules.md, "Admin operations"; CleverTap's Demerge API): every
// profile holding one of the values loses its identifier links and manual merges; each profile id
// then stands alone, and a user who logs in again follows rule 6 on that device.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, profile, profileByDevice, profileByIdentifier, resolve, type ResolutionView } from "./api.js";
import { type SeedTable, seedTables } from "../support/seed-tables.js";
import { AdminTestServer, DEMERGE, demerge, errorCode, mergeProfiles } from "./admin-helpers.js";

const smithTable = seedTables.find((table) => table.name === "same user id on multiple devices, with anonymous events") as SeedTable;

let server: AdminTestServer;
beforeAll(async () => {
  server = await AdminTestServer.start();
});
afterAll(async () => {
  await server?.stop();
});

describe("demerge", () => {
  it("leaves Smith's devices P and Q on two different anonymous profiles (001, last table)", async () => {
    const { client, actor, space } = server.newSpace();
    const answers: ResolutionView[] = [];
    for (const row of smithTable.rows) {
      answers.push(await resolve(client, { deviceId: row.device, ...(row.userId === null ? {} : { userId: row.userId }) }));
    }
    const [row1, row2] = answers as [ResolutionView, ResolutionView];
    const merged = await profile(client, row2.profileId);
    expect(merged?.id).toBe(row1.profileId);
    expect(merged?.devices.map((d) => d.id)).toEqual(["P", "Q"]);

    const standing = await demerge(client, ["Smith"], "support ticket 42");
    expect(standing).toEqual([row1.profileId, row2.profileId].sort());

    const onP = await profileByDevice(client, "P");
    const onQ = await profileByDevice(client, "Q");
    expect(onP).toMatchObject({ id: row1.profileId, ids: [row1.profileId], identifiers: [] });
    expect(onQ).toMatchObject({ id: row2.profileId, ids: [row2.profileId], identifiers: [] });
    expect(onP?.devices.map((d) => d.id)).toEqual(["P"]);
    expect(onQ?.devices.map((d) => d.id)).toEqual(["Q"]);
    expect(await profileByIdentifier(client, "user_id", "Smith")).toBeNull();

    const entries = (await auditLog(client)).filter((e) => e.action === "DEMERGED");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor,
      reason: "support ticket 42",
      profileIds: [row1.profileId, row2.profileId].sort(),
      identifiers: [{ type: "user_id", value: "Smith" }],
      deviceIds: [],
      messageId: null,
    });
    // Both profiles' histories show the demerge.
    for (const profileId of [row1.profileId, row2.profileId]) {
      expect((await auditLog(client, profileId)).some((e) => e.action === "DEMERGED")).toBe(true);
    }
    await server.expectClean(space);

    // Anonymous activity keeps going to each device's own profile id.
    expect(await resolve(client, { deviceId: "P" })).toMatchObject({ profileId: row1.profileId, assignedProfileId: row1.profileId });
    await server.expectClean(space);
  });

  it("a demerged user logging in again is attached to the device's anonymous profile (rule 6)", async () => {
    const { client, space } = server.newSpace();
    const answers: ResolutionView[] = [];
    for (const row of smithTable.rows) {
      answers.push(await resolve(client, { deviceId: row.device, ...(row.userId === null ? {} : { userId: row.userId }) }));
    }
    const qProfileId = (answers[1] as ResolutionView).assignedProfileId;
    await demerge(client, ["Smith"]);

    const again = await resolve(client, { deviceId: "Q", userId: "Smith" });
    expect(again).toMatchObject({ profileId: qProfileId, assignedProfileId: qProfileId, created: false, mergedProfileIds: [] });
    expect((await profileByIdentifier(client, "user_id", "Smith"))?.id).toBe(qProfileId);
    // P stays apart: its profile has had no identifier since the demerge.
    expect((await profileByDevice(client, "P"))?.identifiers).toEqual([]);
    await server.expectClean(space);
  });

  it("matches a value as any identifier type would normalise it, and removes manual merges too", async () => {
    const { client, space } = server.newSpace();
    const jane = await resolve(client, { deviceId: "laptop", identifiers: [{ type: "email", value: "jane@example.com" }] });
    const phone = await resolve(client, { deviceId: "phone" });
    await mergeProfiles(client, [jane.profileId, phone.profileId], "same person");

    const standing = await demerge(client, ["  Jane@Example.COM "]);
    expect(standing).toEqual([jane.profileId, phone.profileId].sort());
    expect((await profile(client, phone.profileId))?.id).toBe(phone.profileId);
    expect((await profile(client, jane.profileId))?.identifiers).toEqual([]);
    const check = await server.server.executor.read("test", (tx) =>
      tx.run("MATCH (p:ProfileId {space: $space})-[r:MERGED_WITH]-() RETURN count(r) AS n", { space }),
    );
    expect(check.records[0]?.get("n")).toBe(0);
    await server.expectClean(space);
  });

  it("demerges every profile named, with one audit entry each", async () => {
    const { client, space, actor } = server.newSpace();
    const bob = await resolve(client, { deviceId: "b1", userId: "bob", identifiers: [{ type: "email", value: "bob@example.com" }] });
    const bob2 = await resolve(client, { deviceId: "b2", userId: "bob" });
    const adam = await resolve(client, { deviceId: "a1", userId: "adam" });
    const untouched = await resolve(client, { deviceId: "c1", userId: "carol" });

    const standing = await demerge(client, ["bob@example.com", "adam", "nobody-by-this-name"], "bulk clean-up");
    expect(standing).toEqual([bob.assignedProfileId, bob2.assignedProfileId, adam.assignedProfileId].sort());
    const entries = (await auditLog(client)).filter((e) => e.action === "DEMERGED");
    expect(entries.map((e) => e.profileIds).sort()).toEqual(
      [[adam.assignedProfileId], [bob.assignedProfileId, bob2.assignedProfileId].sort()].sort(),
    );
    const bobEntry = entries.find((e) => e.profileIds.includes(bob.assignedProfileId));
    expect(bobEntry).toMatchObject({
      actor,
      reason: "bulk clean-up",
      identifiers: [
        { type: "email", value: "bob@example.com" },
        { type: "user_id", value: "bob" },
      ],
    });
    expect((await profileByIdentifier(client, "user_id", "carol"))?.id).toBe(untouched.profileId);
    expect(await profileByIdentifier(client, "email", "bob@example.com")).toBeNull();
    await server.expectClean(space);
  });

  it("changes nothing for values no profile holds", async () => {
    const { client, space } = server.newSpace();
    await resolve(client, { deviceId: "d", userId: "someone" });
    const before = await auditLog(client);
    expect(await demerge(client, ["someone-else"])).toEqual([]);
    expect(await auditLog(client)).toEqual(before);
    await server.expectClean(space);
  });

  it("refuses more than 100 identities with BAD_USER_INPUT and writes nothing", async () => {
    const { client, space } = server.newSpace();
    const smith = await resolve(client, { deviceId: "d", userId: "smith" });
    const before = await auditLog(client);
    const identities = ["smith", ...Array.from({ length: 100 }, (_, i) => `user-${i}`)];
    expect(errorCode(await client.request(DEMERGE, { identities }))).toBe("BAD_USER_INPUT");
    expect((await profileByIdentifier(client, "user_id", "smith"))?.id).toBe(smith.profileId);
    expect(await auditLog(client)).toEqual(before);
    expect(errorCode(await client.request(DEMERGE, { identities: [] }))).toBe("BAD_USER_INPUT");
    await server.expectClean(space);
  });

  it("needs the admin role and stays inside the caller's space", async () => {
    const mine = server.newSpace();
    const theirs = server.newSpace();
    await resolve(mine.client, { deviceId: "d", userId: "shared-name" });
    const other = await resolve(theirs.client, { deviceId: "d", userId: "shared-name" });
    expect(errorCode(await mine.reader.request(DEMERGE, { identities: ["shared-name"] }))).toBe("FORBIDDEN");
    expect(errorCode(await mine.ingester.request(DEMERGE, { identities: ["shared-name"] }))).toBe("FORBIDDEN");
    await demerge(mine.client, ["shared-name"]);
    expect((await profileByIdentifier(theirs.client, "user_id", "shared-name"))?.id).toBe(other.profileId);
    await server.expectClean(theirs.space);
  });

  it("keeps the graph consistent when demerges run while the same users keep logging in", async () => {
    const { client, space } = server.newSpace();
    await resolve(client, { deviceId: "P", userId: "Smith" });
    const work: Array<Promise<unknown>> = [];
    for (let round = 0; round < 8; round++) {
      work.push(resolve(client, { deviceId: round % 2 === 0 ? "Q" : "P", userId: "Smith" }));
      work.push(resolve(client, { deviceId: `R${round % 3}`, ...(round % 2 === 0 ? { userId: "Smith" } : {}) }));
      if (round % 3 === 0) work.push(demerge(client, ["Smith"]));
    }
    await Promise.all(work);
    await server.expectClean(space);
  });
});
