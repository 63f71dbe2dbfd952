// unmerge(auditEntry) (docs/identity-rules.md, "Admin operations"): undo exactly one link, named by the
// audit entry that recorded it; the profile splits only where that link was a bridge.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, type AuditEntryView, profile, profileByDevice, profileByIdentifier, resolve } from "./api.js";
import { AdminTestServer, errorCode, mergeProfiles, UNMERGE, unmerge } from "./admin-helpers.js";
import type { Client } from "./harness.js";

let server: AdminTestServer;
beforeAll(async () => {
  server = await AdminTestServer.start();
});
afterAll(async () => {
  await server?.stop();
});

async function entry(client: Client, match: (e: AuditEntryView) => boolean): Promise<AuditEntryView> {
  const found = (await auditLog(client, undefined, 500)).filter(match);
  expect(found, "exactly one audit entry should match").toHaveLength(1);
  return found[0] as AuditEntryView;
}

const linkOf = (profileId: string, value: string) => (e: AuditEntryView) =>
  e.action === "IDENTIFIER_LINKED" && e.profileIds.includes(profileId) && e.identifiers.some((i) => i.value === value);

async function undoneId(space: string, unmergeEntryId: string): Promise<unknown> {
  const result = await server.server.executor.read("test", (tx) =>
    tx.run("MATCH (a:AuditEntry {space: $space, id: $id})-[:UNDOES]->(u:AuditEntry) RETURN a.undoes AS undoes, u.id AS target", {
      space,
      id: unmergeEntryId,
    }),
  );
  const record = result.records[0];
  return record ? { undoes: record.get("undoes"), target: record.get("target") } : null;
}

/** The last table of 001: Smith on P, anonymous Q, Smith on Q (merges 9 into 8). */
async function smithOnTwoDevices(client: Client) {
  const p = await resolve(client, { deviceId: "P", userId: "Smith" });
  const q = await resolve(client, { deviceId: "Q" });
  await resolve(client, { deviceId: "Q", userId: "Smith" });
  return { p: p.assignedProfileId, q: q.assignedProfileId };
}

describe("unmerge", () => {
  it("undoing the link that joined two devices' profiles splits them where it was a bridge", async () => {
    const { client, actor, space } = server.newSpace();
    const { p, q } = await smithOnTwoDevices(client);
    expect((await profile(client, q))?.id).toBe(p);
    const link = await entry(client, linkOf(q, "Smith"));

    expect(await unmerge(client, link.id, "wrong login on the kiosk")).toEqual([p, q].sort());
    expect(await profileByDevice(client, "P")).toMatchObject({ id: p, ids: [p], identifiers: [{ type: "user_id", value: "Smith" }] });
    expect(await profileByDevice(client, "Q")).toMatchObject({ id: q, ids: [q], identifiers: [] });
    expect((await profileByIdentifier(client, "user_id", "Smith"))?.id).toBe(p);

    const undo = await entry(client, (e) => e.action === "PROFILES_UNMERGED");
    expect(undo).toMatchObject({
      actor,
      reason: "wrong login on the kiosk",
      profileIds: [p, q].sort(),
      identifiers: [{ type: "user_id", value: "Smith" }],
      deviceIds: [],
    });
    expect(await undoneId(space, undo.id)).toEqual({ undoes: link.id, target: link.id });
    expect((await auditLog(client, q)).map((e) => e.action)).toContain("PROFILES_UNMERGED");
    await server.expectClean(space);
  });

  it("undoes the link behind a PROFILES_MERGED entry that a link caused", async () => {
    const { client, space } = server.newSpace();
    const { p, q } = await smithOnTwoDevices(client);
    const merge = await entry(client, (e) => e.action === "PROFILES_MERGED");
    expect(await unmerge(client, merge.id)).toEqual([p, q].sort());
    expect((await profile(client, q))?.identifiers).toEqual([]);
    const undo = await entry(client, (e) => e.action === "PROFILES_UNMERGED");
    expect(await undoneId(space, undo.id)).toEqual({ undoes: merge.id, target: merge.id });
    await server.expectClean(space);
  });

  it("undoing a link that was no bridge keeps the profile whole and only drops that identifier", async () => {
    const { client, space } = server.newSpace();
    const a = await resolve(client, { deviceId: "A", userId: "uma" });
    const c = await resolve(client, { deviceId: "C", userId: "uma", identifiers: [{ type: "email", value: "uma@example.com" }] });
    const emailLink = await entry(client, linkOf(c.assignedProfileId, "uma@example.com"));

    expect(await unmerge(client, emailLink.id)).toEqual([a.profileId]);
    const after = await profile(client, c.assignedProfileId);
    expect(after).toMatchObject({ id: a.profileId, identifiers: [{ type: "user_id", value: "uma" }] });
    expect(after?.ids).toHaveLength(2);
    expect(await profileByIdentifier(client, "email", "uma@example.com")).toBeNull();
    const orphans = await server.server.executor.read("test", (tx) =>
      tx.run("MATCH (i:Identifier {space: $space, type: 'email'}) RETURN count(i) AS n", { space }),
    );
    expect(orphans.records[0]?.get("n")).toBe(0);
    await server.expectClean(space);
  });

  it("cuts a chain at the undone link: the far side keeps its own identifier", async () => {
    const { client, space } = server.newSpace();
    const a = await resolve(client, { deviceId: "A", userId: "vic" });
    const b = await resolve(client, { deviceId: "B", identifiers: [{ type: "email", value: "vic@example.com" }] });
    // A new device with both joins A's profile (by user id) and B's (by email).
    const c = await resolve(client, { deviceId: "C", userId: "vic", identifiers: [{ type: "email", value: "vic@example.com" }] });
    expect(c.profileId).toBe(a.profileId);
    const emailLink = await entry(client, linkOf(c.assignedProfileId, "vic@example.com"));

    expect(await unmerge(client, emailLink.id)).toEqual([a.profileId, b.profileId].sort());
    expect(await profile(client, b.profileId)).toMatchObject({
      id: b.profileId,
      ids: [b.profileId],
      identifiers: [{ type: "email", value: "vic@example.com" }],
    });
    expect(await profile(client, c.assignedProfileId)).toMatchObject({ id: a.profileId, identifiers: [{ type: "user_id", value: "vic" }] });
    await server.expectClean(space);
  });

  it("undoes a manual merge of three profiles back into three", async () => {
    const { client, space, actor } = server.newSpace();
    const x = await resolve(client, { deviceId: "x" });
    const y = await resolve(client, { deviceId: "y", userId: "yan" });
    const z = await resolve(client, { deviceId: "z" });
    await mergeProfiles(client, [x.profileId, y.profileId, z.profileId], "looked alike");
    const merge = await entry(client, (e) => e.action === "PROFILES_MERGED" && e.actor === actor);

    expect(await unmerge(client, merge.id, "they were not")).toEqual([x.profileId, y.profileId, z.profileId].sort());
    for (const [device, id] of [
      ["x", x.profileId],
      ["y", y.profileId],
      ["z", z.profileId],
    ] as const) {
      expect(await profileByDevice(client, device)).toMatchObject({ id, ids: [id] });
    }
    expect((await profile(client, y.profileId))?.identifiers).toEqual([{ type: "user_id", value: "yan" }]);
    await server.expectClean(space);
  });

  it("answers CONFLICT when the link is already gone, NOT_FOUND for an unknown entry, BAD_USER_INPUT for an entry that records no link", async () => {
    const { client, space } = server.newSpace();
    const { q } = await smithOnTwoDevices(client);
    const link = await entry(client, linkOf(q, "Smith"));
    await unmerge(client, link.id);
    const before = await auditLog(client);

    const again = await client.request(UNMERGE, { auditEntryId: link.id });
    expect(errorCode(again)).toBe("CONFLICT");
    expect(again.errors?.[0]?.message).toMatch(/no longer in the graph/);
    expect(errorCode(await client.request(UNMERGE, { auditEntryId: "no-such-entry" }))).toBe("NOT_FOUND");
    const created = (await auditLog(client)).find((e) => e.action === "PROFILE_CREATED") as AuditEntryView;
    expect(errorCode(await client.request(UNMERGE, { auditEntryId: created.id }))).toBe("BAD_USER_INPUT");
    expect(await auditLog(client)).toEqual(before);
    await server.expectClean(space);
  });

  it("needs the admin role and cannot reach another space's entries", async () => {
    const mine = server.newSpace();
    const theirs = server.newSpace();
    const { q } = await smithOnTwoDevices(theirs.client);
    const link = await entry(theirs.client, linkOf(q, "Smith"));
    expect(errorCode(await mine.client.request(UNMERGE, { auditEntryId: link.id }))).toBe("NOT_FOUND");
    expect(errorCode(await theirs.reader.request(UNMERGE, { auditEntryId: link.id }))).toBe("FORBIDDEN");
    expect(errorCode(await theirs.ingester.request(UNMERGE, { auditEntryId: link.id }))).toBe("FORBIDDEN");
    expect((await profile(theirs.client, q))?.ids).toHaveLength(2);
  });

  it("keeps the graph consistent when a split runs while the split profile's devices keep sending", async () => {
    const { client, space } = server.newSpace();
    const { q } = await smithOnTwoDevices(client);
    const link = await entry(client, linkOf(q, "Smith"));
    const work: Array<Promise<unknown>> = [unmerge(client, link.id)];
    for (let round = 0; round < 10; round++) {
      work.push(resolve(client, { deviceId: round % 2 === 0 ? "Q" : "P" }));
      work.push(resolve(client, { deviceId: `S${round}`, userId: "Smith" }));
    }
    await Promise.all(work);
    await server.expectClean(space);
  });
});
