// deleteProfile (docs/identity-rules.md, "Admin operations", GDPR): the profile's profile ids, devices,
// identifiers, traits (rule 11) and message receipts go; audit entries keep what happened but no
// personal values; a deleted user who comes back is a new user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, profile, profileByDevice, profileByIdentifier, resolve } from "./api.js";
import { AdminTestServer, DELETE_PROFILE, deleteProfile, errorCode, mergeProfiles } from "./admin-helpers.js";
import { uniqueId } from "./harness.js";

let server: AdminTestServer;
beforeAll(async () => {
  server = await AdminTestServer.start();
});
afterAll(async () => {
  await server?.stop();
});

/** Every place in the whole database (any node or relationship property, string or list) holding one of the needles. */
async function findAnywhere(needles: string[]): Promise<string[]> {
  const scan = (pattern: string, variable: string) => `
    MATCH ${pattern}
    UNWIND keys(${variable}) AS key
    WITH ${variable}, key, ${variable}[key] AS value
    UNWIND CASE WHEN value IS :: LIST<ANY> THEN value ELSE [value] END AS item
    WITH ${variable}, key, toString(item) AS text
    WHERE text IS NOT NULL AND any(needle IN $needles WHERE text CONTAINS needle)
    RETURN DISTINCT key + " = " + text AS hit`;
  return server.server.executor.read("test", async (tx) => {
    const nodes = await tx.run(scan("(n)", "n"), { needles });
    const relationships = await tx.run(scan("()-[r]->()", "r"), { needles });
    return [...nodes.records, ...relationships.records].map((record) => record.get("hit") as string);
  });
}

describe("deleteProfile", () => {
  it("leaves no identifier value, device id, message id or trait value of the deleted user anywhere in the database", async () => {
    const { client, actor, space } = server.newSpace();
    const tag = uniqueId("gdpr");
    const user = `smith-${tag}`;
    const email = `smith-${tag}@example.com`;
    const [deviceP, deviceQ] = [`P-${tag}`, `Q-${tag}`];
    const messages = [1, 2, 3, 4].map((n) => `msg-${n}-${tag}`);
    // Trait values as people send them: text, nested objects and lists, set, set once, and one removed.
    const [street, nickname, city, coupon] = [`Street-${tag}`, `Nick-${tag}`, `City-${tag}`, `Coupon-${tag}`];
    const p = await resolve(client, {
      deviceId: deviceP,
      userId: user,
      messageId: messages[0],
      traits: { address: { street, lines: [street, "2nd floor"] }, coupon },
    });
    await resolve(client, { deviceId: deviceQ, messageId: messages[1], traitsOnce: { nickname } });
    await resolve(client, {
      deviceId: deviceQ,
      userId: user,
      identifiers: [{ type: "email", value: email }],
      messageId: messages[2],
      traits: { city },
      unsetTraits: ["coupon"],
    });
    await resolve(client, { deviceId: deviceQ, messageId: messages[3] });
    const bobsCity = `Bergen-${tag}`;
    const bob = await resolve(client, { deviceId: `R-${tag}`, userId: `bob-${tag}`, traits: { city: bobsCity } });
    const everything = await profile(client, p.profileId);
    expect(everything?.ids).toHaveLength(2);
    const needles = [user, email, deviceP, deviceQ, ...messages, street, nickname, city, coupon];
    // Every trait value is stored before the delete (the removed coupon in the change feed, at least).
    for (const value of [street, nickname, city, coupon]) expect(await findAnywhere([value]), value).not.toEqual([]);
    expect((await findAnywhere(needles)).length).toBeGreaterThan(0);

    const result = await deleteProfile(client, (everything?.ids ?? [])[1] as string, "GDPR erasure request 7");
    expect(result).toEqual({ deleted: true, deletedProfileIds: everything?.ids });

    expect(await findAnywhere(needles)).toEqual([]);
    expect(await profile(client, p.profileId)).toBeNull();
    expect(await profileByDevice(client, deviceP)).toBeNull();
    expect(await profileByIdentifier(client, "user_id", user)).toBeNull();
    expect((await profileByIdentifier(client, "user_id", `bob-${tag}`))?.id).toBe(bob.profileId);
    // Another person's traits stay.
    expect((await findAnywhere([bobsCity])).length).toBeGreaterThan(0);

    // The history keeps what happened, when, by whom and to which profile ids; nothing personal.
    const history = await auditLog(client, p.profileId);
    expect(history[0]).toMatchObject({
      action: "PROFILE_DELETED",
      actor,
      reason: "GDPR erasure request 7",
      profileIds: everything?.ids,
      identifiers: [],
      deviceIds: [],
      messageId: null,
    });
    expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(["PROFILE_CREATED", "IDENTIFIER_LINKED", "PROFILES_MERGED"]));
    for (const entry of history) expect(entry).toMatchObject({ identifiers: [], deviceIds: [], messageId: null });
    await server.expectClean(space);

    // A deleted user who comes back is a new user; a replayed messageId is a new observation.
    const back = await resolve(client, { deviceId: deviceP, userId: user, messageId: messages[0] });
    expect(back.created).toBe(true);
    expect(back.warnings).toEqual([]);
    expect(everything?.ids).not.toContain(back.profileId);
    await server.expectClean(space);
  });

  it("also removes the deleted user's values from other people's audit entries and stored answers", async () => {
    const { client } = server.newSpace();
    const tag = uniqueId("gdpr");
    const email = `x-${tag}@example.com`;
    const x = await resolve(client, { deviceId: `D1-${tag}`, userId: `x-${tag}`, identifiers: [{ type: "email", value: email }] });
    await resolve(client, { deviceId: `D2-${tag}`, userId: `y-${tag}` });
    // y's backend claims x's email: refused as a conflict, but y's stored answer and the
    // IDENTITY_ERROR entry name that email.
    const claim = await resolve(client, { userId: `y-${tag}`, identifiers: [{ type: "email", value: email }], messageId: `claim-${tag}` });
    expect(claim.warnings.map((w) => w.code)).toEqual(["IDENTIFIER_CONFLICT"]);
    expect((await findAnywhere([email])).length).toBeGreaterThan(1);

    await deleteProfile(client, x.profileId, "erasure");
    expect(await findAnywhere([email, `x-${tag}`, `D1-${tag}`])).toEqual([]);
    // y's retried message still answers the same profile, without the deleted email.
    const retry = await resolve(client, { userId: `y-${tag}`, identifiers: [{ type: "email", value: email }], messageId: `claim-${tag}` });
    expect(retry.profileId).toBe(claim.profileId);
    expect(retry.warnings.map((w) => [w.code, w.identifier])).toEqual([
      ["IDENTIFIER_CONFLICT", null],
      ["DUPLICATE_MESSAGE", null],
    ]);
  });

  it("keeps a shared device for its other user and points it back to that user's profile id", async () => {
    const { client, space } = server.newSpace();
    const bob = await resolve(client, { deviceId: "E", userId: "bob" });
    const adam = await resolve(client, { deviceId: "E", userId: "adam" });
    expect(adam.profileId).not.toBe(bob.profileId);
    expect((await profileByDevice(client, "E"))?.id).toBe(adam.profileId);

    expect(await deleteProfile(client, adam.profileId)).toEqual({ deleted: true, deletedProfileIds: [adam.profileId] });
    const device = await profileByDevice(client, "E");
    expect(device).toMatchObject({ id: bob.profileId, identifiers: [{ type: "user_id", value: "bob" }] });
    expect(device?.devices.map((d) => d.id)).toEqual(["E"]);
    // Bob's own history still names the device; the deleted profile's entries do not.
    expect((await auditLog(client, bob.profileId)).find((e) => e.action === "PROFILE_CREATED")?.deviceIds).toEqual(["E"]);
    expect((await auditLog(client, adam.profileId)).every((e) => e.deviceIds.length === 0 && e.identifiers.length === 0)).toBe(true);
    await server.expectClean(space);

    const adamAgain = await resolve(client, { deviceId: "E", userId: "adam" });
    expect(adamAgain.created).toBe(true);
    expect(adamAgain.profileId).not.toBe(adam.profileId);
    await server.expectClean(space);
  });

  it("deletes a manually merged profile whole", async () => {
    const { client, space } = server.newSpace();
    const x = await resolve(client, { deviceId: "x", userId: "xia" });
    const y = await resolve(client, { deviceId: "y" });
    await mergeProfiles(client, [x.profileId, y.profileId]);
    expect(await deleteProfile(client, y.profileId)).toEqual({ deleted: true, deletedProfileIds: [x.profileId, y.profileId].sort() });
    expect(await profileByDevice(client, "x")).toBeNull();
    expect(await profileByDevice(client, "y")).toBeNull();
    await server.expectClean(space);
  });

  it("answers NOT_FOUND for an unknown or already deleted profile id and FORBIDDEN without the admin role", async () => {
    const { client, reader, ingester } = server.newSpace();
    const other = server.newSpace();
    const a = await resolve(client, { deviceId: "a" });
    const theirs = await resolve(other.client, { deviceId: "t" });
    expect(errorCode(await client.request(DELETE_PROFILE, { profileId: "no-such-profile" }))).toBe("NOT_FOUND");
    expect(errorCode(await client.request(DELETE_PROFILE, { profileId: theirs.profileId }))).toBe("NOT_FOUND");
    expect(errorCode(await reader.request(DELETE_PROFILE, { profileId: a.profileId }))).toBe("FORBIDDEN");
    expect(errorCode(await ingester.request(DELETE_PROFILE, { profileId: a.profileId }))).toBe("FORBIDDEN");
    expect((await profile(client, a.profileId))?.id).toBe(a.profileId);
    await deleteProfile(client, a.profileId);
    expect(errorCode(await client.request(DELETE_PROFILE, { profileId: a.profileId }))).toBe("NOT_FOUND");
    expect((await profile(other.client, theirs.profileId))?.id).toBe(theirs.profileId);
  });
});
