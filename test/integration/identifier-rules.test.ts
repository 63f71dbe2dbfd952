// The identifier rules of docs/identity-rules.md through the API: blocked values, case handling and
// normalisation, limits and the conflicts they prevent, configured limits and custom types.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { compileRules, DEFAULT_RULES, DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { auditLog, profile, profileByDevice, profileByIdentifier, resolve, valuesOf } from "./api.js";
import { TestServer } from "./harness.js";

let server: TestServer;
let lenient: TestServer;
const lenientRules = compileRules({
  ...DEFAULT_RULES,
  identifierTypes: {
    ...DEFAULT_RULES.identifierTypes,
    email: { limit: 5, priority: 2, normalise: "email" },
    loyalty_card: { limit: 2, priority: 4, normalise: "trim" },
  },
});
beforeAll(async () => {
  [server, lenient] = await Promise.all([TestServer.start({ spaces: 32 }), TestServer.start({ rules: lenientRules, spaces: 8 })]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), lenient?.stop()]);
});

describe("blocked values", () => {
  it.each([
    "none",
    "NULL",
    " undefined ",
    "NaN",
    "anonymous",
    "Guest",
    "n/a",
    "0",
    "-1",
    "true",
    "[object Object]",
    "distinct_id",
    "00000000-0000-0000-0000-000000000000",
    "---",
    "",
  ])("ignores the user id %j for identity, still counts the observation, and warns BLOCKED_IDENTIFIER", async (value) => {
    const client = server.newSpace();
    const answer = await resolve(client, { deviceId: "dev-1", userId: value });
    expect(answer.warnings.map((w) => w.code)).toEqual(["BLOCKED_IDENTIFIER"]);
    expect(answer.created).toBe(true);
    expect((await profileByDevice(client, "dev-1"))?.identifiers).toEqual([]);
  });

  it("blocks values longer than 256 characters", async () => {
    const client = server.newSpace();
    const answer = await resolve(client, {
      deviceId: "dev-long",
      identifiers: [{ type: "email", value: `${"a".repeat(250)}@example.com` }],
    });
    expect(answer.warnings.map((w) => w.code)).toEqual(["BLOCKED_IDENTIFIER"]);
    expect((await profileByDevice(client, "dev-long"))?.identifiers).toEqual([]);
  });

  it("applies the blocklist to device ids too", async () => {
    const client = server.newSpace();
    const answer = await resolve(client, { deviceId: "undefined", userId: "real-user" });
    expect(answer.warnings.map((w) => w.code)).toEqual(["BLOCKED_IDENTIFIER"]);
    expect(await profileByDevice(client, "undefined")).toBeNull();
    expect((await profileByIdentifier(client, "user_id", "real-user"))?.devices).toEqual([]);
  });

  it("refuses an unknown identifier type with BAD_USER_INPUT", async () => {
    const client = server.newSpace();
    const result = await client.request(
      `mutation { resolve(input: { deviceId: "d", identifiers: [{ type: "shoe_size", value: "42" }] }) { profileId } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await profileByDevice(client, "d")).toBeNull();
  });
});

describe("case handling and normalisation", () => {
  it("keeps user ids case-sensitive: Alice and alice are two people", async () => {
    const client = server.newSpace();
    const upper = await resolve(client, { deviceId: "a1", userId: "Alice" });
    const lower = await resolve(client, { deviceId: "a2", userId: "alice" });
    expect(lower.profileId).not.toBe(upper.profileId);
  });

  it("trims and lower-cases emails, so every spelling finds the same profile", async () => {
    const client = server.newSpace();
    const first = await resolve(client, { deviceId: "m1", identifiers: [{ type: "email", value: "  Mary@Example.COM " }] });
    const second = await resolve(client, { deviceId: "m2", identifiers: [{ type: "email", value: "mary@example.com" }] });
    expect(second.profileId).toBe(first.profileId);
    const view = await profileByIdentifier(client, "email", "MARY@example.com ");
    expect(view?.id).toBe(first.profileId);
    expect(valuesOf(view, "email")).toEqual(["mary@example.com"]);
  });

  it("strips spaces, dashes, dots and brackets from phones and keeps a leading +", async () => {
    const client = server.newSpace();
    const first = await resolve(client, { deviceId: "p1", identifiers: [{ type: "phone", value: "+44 (20) 7946-0958" }] });
    const second = await resolve(client, { deviceId: "p2", identifiers: [{ type: "phone", value: "+44.20.7946.0958" }] });
    expect(second.profileId).toBe(first.profileId);
    expect(valuesOf(await profile(client, first.profileId), "phone")).toEqual(["+442079460958"]);
  });
});

describe("limits and identifier conflicts", () => {
  it("refuses a second email on an identified profile: IDENTIFIER_CONFLICT, and IDENTITY_ERROR on both profiles", async () => {
    const client = server.newSpace();
    const owner = await resolve(client, { deviceId: "c1", userId: "carl", identifiers: [{ type: "email", value: "carl@example.com" }] });
    const other = await resolve(client, { deviceId: "c2", identifiers: [{ type: "email", value: "carl@work.example" }] });
    // A backend call says carl has the work email: linking it would merge c2's profile into carl's
    // and give carl two emails (limit 1), so that link is refused and reported.
    const backend = await resolve(client, {
      messageId: "crm-sync-1",
      identifiers: [
        { type: "user_id", value: "carl" },
        { type: "email", value: "carl@work.example" },
      ],
    });
    expect(backend.warnings.map((w) => w.code)).toEqual(["IDENTIFIER_CONFLICT"]);
    expect(backend.warnings[0]?.identifier).toEqual({ type: "email", value: "carl@work.example" });
    expect(backend.profileId).toBe(owner.profileId);
    expect(valuesOf(await profile(client, owner.profileId), "email")).toEqual(["carl@example.com"]);
    expect(valuesOf(await profile(client, other.profileId), "email")).toEqual(["carl@work.example"]);
    const errors = (await auditLog(client)).filter((e) => e.action === "IDENTITY_ERROR");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      actor: "system",
      messageId: "crm-sync-1",
      identifiers: [{ type: "email", value: "carl@work.example" }],
    });
    expect(new Set(errors[0]?.profileIds)).toEqual(new Set([owner.profileId, other.profileId]));
    for (const profileId of [owner.profileId, other.profileId]) {
      expect((await auditLog(client, profileId)).map((e) => e.action)).toContain("IDENTITY_ERROR");
    }
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("gives a user who logs in on a device holding someone else's email a profile id of their own there, without a conflict", async () => {
    const client = server.newSpace();
    const owner = await resolve(client, { deviceId: "c1", userId: "carl", identifiers: [{ type: "email", value: "carl@example.com" }] });
    const other = await resolve(client, { deviceId: "c2", identifiers: [{ type: "email", value: "dora@example.com" }] });
    const login = await resolve(client, { deviceId: "c2", userId: "carl" });
    expect(login.warnings).toEqual([]);
    expect(login.profileId).toBe(owner.profileId);
    expect(login.assignedProfileId).not.toBe(other.assignedProfileId);
    expect((await profileByDevice(client, "c2"))?.id).toBe(owner.profileId);
    expect(valuesOf(await profile(client, other.profileId), "email")).toEqual(["dora@example.com"]);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("treats a new user id that comes with another person's email as a new person, refusing the email", async () => {
    const client = server.newSpace();
    const bob = await resolve(client, {
      deviceId: "family-tablet",
      userId: "bob",
      identifiers: [{ type: "email", value: "family@example.com" }],
    });
    const adam = await resolve(client, {
      deviceId: "family-tablet",
      userId: "adam",
      identifiers: [{ type: "email", value: "family@example.com" }],
    });
    expect(adam.profileId).not.toBe(bob.profileId);
    expect(adam.warnings.map((w) => [w.code, w.identifier])).toEqual([
      ["IDENTIFIER_CONFLICT", { type: "email", value: "family@example.com" }],
    ]);
    expect((await profileByDevice(client, "family-tablet"))?.id).toBe(adam.profileId);
    expect(valuesOf(await profileByIdentifier(client, "email", "family@example.com"), "user_id")).toEqual(["bob"]);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("never merges two user ids, however they meet", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "x1", userId: "u-one" });
    await resolve(client, { deviceId: "x2", userId: "u-two" });
    const both = await resolve(client, {
      identifiers: [
        { type: "user_id", value: "u-one" },
        { type: "email", value: "shared@example.com" },
      ],
    });
    const conflict = await resolve(client, {
      identifiers: [
        { type: "user_id", value: "u-two" },
        { type: "email", value: "shared@example.com" },
      ],
    });
    expect(conflict.warnings.map((w) => w.code)).toEqual(["IDENTIFIER_CONFLICT"]);
    expect(conflict.profileId).not.toBe(both.profileId);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("adds a changed email instead of refusing it when the email limit is raised to 5", async () => {
    const client = lenient.newSpace();
    const first = await resolve(client, { deviceId: "e1", userId: "eve", identifiers: [{ type: "email", value: "eve@old.example" }] });
    const changed = await resolve(client, { deviceId: "e1", userId: "eve", identifiers: [{ type: "email", value: "eve@new.example" }] });
    expect(changed.warnings).toEqual([]);
    expect(changed.profileId).toBe(first.profileId);
    expect(valuesOf(await profile(client, first.profileId), "email")).toEqual(["eve@new.example", "eve@old.example"]);
    expect(await checkSpace(lenient.executor, client.space, lenientRules)).toEqual([]);
  });

  it("accepts a configured custom identifier type with its own limit and normalisation", async () => {
    const client = lenient.newSpace();
    const first = await resolve(client, { deviceId: "l1", identifiers: [{ type: "loyalty_card", value: " CARD-1 " }] });
    await resolve(client, { deviceId: "l1", identifiers: [{ type: "loyalty_card", value: "CARD-2" }] });
    const third = await resolve(client, { deviceId: "l1", identifiers: [{ type: "loyalty_card", value: "CARD-3" }] });
    expect(valuesOf(await profile(client, first.profileId), "loyalty_card")).toEqual(["CARD-1", "CARD-2"]);
    expect(third.profileId).not.toBe(first.profileId);
  });
});
