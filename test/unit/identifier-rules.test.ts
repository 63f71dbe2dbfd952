// The identifier rules of docs/identity-rules.md: limits, priorities, normalisation, blocked values, and
// what a refused link (a conflict) looks like.
import { describe, expect, it } from "vitest";
import { ErrorCode, IdgraphError } from "../../src/errors.js";
import { normaliseObservation } from "../../src/rules/normalise.js";
import { DEFAULT_IDENTITY_RULES, DEFAULT_RULES } from "../../src/rules/rules-config.js";
import { auditEntries, RulesHarness, rulesWith, withLimits } from "./helpers.js";

const email = (value: string) => ({ type: "email", value });
const phone = (value: string) => ({ type: "phone", value });
const emailsOf = (harness: RulesHarness, profileId: string) =>
  [...harness.state.componentOf(profileId).identifiers.values()]
    .filter((identifier) => identifier.type === "email")
    .map((identifier) => identifier.value);

describe("limits", () => {
  it("refuses a second email on a profile with the default email limit of 1", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ userId: "u1", identifiers: [email("a@x.io")] });
    const second = harness.resolve({ userId: "u1", identifiers: [email("b@x.io")] });
    expect(second.profileId).toBe(first.profileId);
    expect(second.warnings.map((warning) => [warning.code, warning.identifier])).toEqual([["IDENTIFIER_CONFLICT", email("b@x.io")]]);
    expect(emailsOf(harness, first.profileId)).toEqual(["a@x.io"]);
    expect(harness.state.identifierLinks.has(`email\u0000b@x.io`)).toBe(false);
  });

  it("adds a second email instead of a conflict when the email limit is 5, up to 5 emails", () => {
    const harness = new RulesHarness(rulesWith({ identifierTypes: withLimits({ email: 5 }) }));
    const first = harness.resolve({ userId: "u1", identifiers: [email("a@x.io")] });
    for (const value of ["b@x.io", "c@x.io", "d@x.io", "e@x.io"]) {
      expect(harness.resolve({ userId: "u1", identifiers: [email(value)] }).warnings).toEqual([]);
    }
    expect(emailsOf(harness, first.profileId)).toHaveLength(5);
    const sixth = harness.resolve({ userId: "u1", identifiers: [email("f@x.io")] });
    expect(sixth.warnings.map((warning) => warning.code)).toEqual(["IDENTIFIER_CONFLICT"]);
    expect(emailsOf(harness, first.profileId)).toHaveLength(5);
  });

  it("never merges two different user ids automatically (user_id limit 1), even through a shared email", () => {
    const harness = new RulesHarness();
    const u1 = harness.resolve({ deviceId: "X", userId: "u1", identifiers: [email("shared@x.io")] });
    const u2 = harness.resolve({ deviceId: "Y", userId: "u2" });
    const both = harness.resolve({ userId: "u2", identifiers: [email("shared@x.io")] });
    expect(both.profileId).toBe(u2.profileId);
    expect(both.warnings.map((warning) => [warning.code, warning.identifier])).toEqual([["IDENTIFIER_CONFLICT", email("shared@x.io")]]);
    expect(harness.profileOf(u1.assignedProfileId)).not.toBe(harness.profileOf(u2.assignedProfileId));
  });

  // Rule 4 takes the profile of the highest-priority *known* identifier: a brand-new user id that
  // arrives with another user's email goes to that email's profile, and the user id is refused.
  it("makes a new user id that arrives, without a device, with another user's email a new person; the email is the conflict", () => {
    const harness = new RulesHarness();
    const u1 = harness.resolve({ userId: "u1", identifiers: [email("shared@x.io")] });
    const u2 = harness.resolve({ userId: "u2", identifiers: [email("shared@x.io")] });
    expect(u2.profileId).not.toBe(u1.profileId);
    expect(u2.warnings.map((warning) => [warning.code, warning.identifier])).toEqual([["IDENTIFIER_CONFLICT", email("shared@x.io")]]);
    expect(harness.state.identifierLinks.has("user_id\u0000u2")).toBe(true);
  });

  it("merges two profiles whose limits together still hold", () => {
    const harness = new RulesHarness();
    const byEmail = harness.resolve({ deviceId: "X", identifiers: [email("a@x.io")] });
    const byPhone = harness.resolve({ deviceId: "Y", identifiers: [phone("+100")] });
    const both = harness.resolve({ identifiers: [email("a@x.io"), phone("+100")] });
    expect(both.profileId).toBe(byEmail.profileId);
    expect(both.mergedProfileIds).toEqual([byPhone.profileId]);
  });
});

describe("priorities", () => {
  it("orders an observation's identifiers by priority: user_id, then email, then phone", () => {
    const observation = normaliseObservation(
      { identifiers: [phone("+1"), email("a@x.io"), { type: "user_id", value: "u1" }] },
      DEFAULT_IDENTITY_RULES,
      new Date(),
    );
    expect(observation.identifiers.map((identifier) => identifier.type)).toEqual(["user_id", "email", "phone"]);
  });

  it("follows configured priorities: with email first, an email's profile wins over a user id's", () => {
    const rules = rulesWith({
      identifierTypes: {
        ...DEFAULT_RULES.identifierTypes,
        email: { limit: 1, priority: 1, normalise: "email" },
        user_id: { limit: 1, priority: 2, normalise: "none" },
      },
    });
    const harness = new RulesHarness(rules);
    const byUser = harness.resolve({ deviceId: "X", userId: "u1" });
    const byEmail = harness.resolve({ deviceId: "Y", identifiers: [email("a@x.io")] });
    const both = harness.resolve({ userId: "u1", identifiers: [email("a@x.io")] });
    expect(both.assignedProfileId).toBe(byEmail.assignedProfileId);
    expect(both.profileId).toBe(byUser.profileId);
  });

  it("decides a shared-device login by the highest-priority identifier: Adam's user id on Bob's device appends", () => {
    const harness = new RulesHarness();
    const bob = harness.resolve({ deviceId: "E", userId: "Bob", identifiers: [email("bob@x.io")] });
    const adam = harness.resolve({ deviceId: "E", identifiers: [phone("+100"), email("adam@x.io")], userId: "Adam" });
    expect(adam.profileId).not.toBe(bob.profileId);
    expect(adam.warnings).toEqual([]);
  });

  // "The highest-priority known identifier" (rules 4 and 6) would be Bob's email here; but Adam's
  // user id outranks it and cannot join Bob's profile, so Adam is a new person and the shared
  // email is the conflict (a deliberate reading of the rules: docs/identity-rules.md).
  it("gives a new user id its own profile on a shared device even when the email given with it is the current user's", () => {
    const harness = new RulesHarness();
    const bob = harness.resolve({ deviceId: "E", userId: "Bob", identifiers: [email("family@x.io")] });
    const adam = harness.resolve({ deviceId: "E", userId: "Adam", identifiers: [email("family@x.io")] });
    expect(adam.profileId).not.toBe(bob.profileId);
    expect(adam.created).toBe(true);
    expect(adam.warnings.map((warning) => [warning.code, warning.identifier])).toEqual([["IDENTIFIER_CONFLICT", email("family@x.io")]]);
    expect(harness.state.devices.get("E")?.current).toBe(adam.assignedProfileId);
  });

  it("still attaches a new user id to the profile of a known email that has no user id yet", () => {
    const harness = new RulesHarness();
    const newsletter = harness.resolve({ identifiers: [email("reader@x.io")] });
    const signup = harness.resolve({ deviceId: "W", userId: "reader-1", identifiers: [email("reader@x.io")] });
    expect(signup.profileId).toBe(newsletter.profileId);
    expect(signup.warnings).toEqual([]);
  });
});

describe("normalisation", () => {
  it.each([" Jane@Example.COM ", "jane@example.com", "JANE@EXAMPLE.COM"])(
    "trims and lower-cases emails: %j is jane@example.com",
    (value) => {
      const harness = new RulesHarness();
      const jane = harness.resolve({ identifiers: [email("jane@example.com")] });
      expect(harness.resolve({ identifiers: [email(value)] }).profileId).toBe(jane.profileId);
      expect([...harness.state.identifierLinks.values()].map((link) => link.identifier)).toEqual([email("jane@example.com")]);
    },
  );

  it.each(["+1 (555) 123-4567", "+1.555.123.4567", " +1-555-123 45 67 ", "+1 [555] 1234567", "+15551234567"])(
    "strips spaces, dashes, dots and brackets from phones and keeps the leading +: %j is +15551234567",
    (value) => {
      const harness = new RulesHarness();
      const first = harness.resolve({ identifiers: [phone("+15551234567")] });
      const answer = harness.resolve({ identifiers: [phone(value)] });
      expect(answer.profileId).toBe(first.profileId);
      expect(answer.warnings).toEqual([]);
    },
  );

  it("keeps a phone with a leading + apart from the same digits without it", () => {
    const harness = new RulesHarness();
    const plus = harness.resolve({ identifiers: [phone("+44 20 7946 0958")] });
    const bare = harness.resolve({ identifiers: [phone("44 20 7946 0958")] });
    expect(bare.profileId).not.toBe(plus.profileId);
    expect([...harness.state.identifierLinks.values()].map((link) => link.identifier.value).sort()).toEqual([
      "+442079460958",
      "442079460958",
    ]);
  });

  it("treats user ids as case-sensitive: Bob and bob are two users", () => {
    const harness = new RulesHarness();
    const upper = harness.resolve({ deviceId: "X", userId: "Bob" });
    const lower = harness.resolve({ deviceId: "Y", userId: "bob" });
    expect(lower.profileId).not.toBe(upper.profileId);
    expect(harness.resolve({ userId: "Bob" }).profileId).toBe(upper.profileId);
  });

  it("ignores a repeated identifier within one observation", () => {
    const harness = new RulesHarness();
    const answer = harness.resolve({ userId: "u1", identifiers: [{ type: "user_id", value: "u1" }, email("A@x.io"), email("a@x.io ")] });
    expect(answer.warnings).toEqual([]);
    expect(harness.state.componentOf(answer.profileId).identifiers.size).toBe(2);
  });
});

describe("blocked values", () => {
  const blocklist = DEFAULT_RULES.blocklist;

  it("has the blocklist of docs/identity-rules.md by default", () => {
    expect([...blocklist].sort()).toEqual(
      "none null nil undefined nan anonymous unknown guest n/a na 0 -1 true false [object object] id user_id userid distinct_id distinctid email not_authenticated"
        .replace("[object object]", "[object\u0000object]")
        .split(" ")
        .map((value) => value.replace("\u0000", " "))
        .sort(),
    );
  });

  const variants = blocklist.flatMap((value) => [value, `  ${value.toUpperCase()}  `]);

  it.each(variants)(
    "ignores the user id %j for identity, with a BLOCKED_IDENTIFIER warning, while the observation still counts",
    (value) => {
      const harness = new RulesHarness();
      const device = harness.resolve({ deviceId: "X" });
      const answer = harness.resolve({ deviceId: "X", userId: value });
      expect(answer.assignedProfileId).toBe(device.assignedProfileId);
      expect(answer.warnings.map((warning) => [warning.code, warning.identifier?.type])).toEqual([["BLOCKED_IDENTIFIER", "user_id"]]);
      expect(harness.state.identifierLinks.size).toBe(0);
    },
  );

  it.each(variants)("ignores the device id %j, with a BLOCKED_IDENTIFIER warning", (value) => {
    const harness = new RulesHarness();
    const answer = harness.resolve({ deviceId: value, userId: "u1" });
    expect(answer.warnings.map((warning) => [warning.code, warning.identifier?.type])).toEqual([["BLOCKED_IDENTIFIER", "device_id"]]);
    expect(harness.state.devices.size).toBe(0);
  });

  it.each(["0", "000", "-", "--0-", "00000000-0000-0000-0000-000000000000", " 0000 "])(
    "blocks all zeros and dashes (^[0-]*$): %j",
    (value) => {
      const harness = new RulesHarness();
      expect(harness.resolve({ deviceId: "X", userId: value }).warnings.map((warning) => warning.code)).toEqual(["BLOCKED_IDENTIFIER"]);
      expect(harness.resolve({ deviceId: value, userId: "u1" }).warnings.map((warning) => warning.code)).toEqual(["BLOCKED_IDENTIFIER"]);
    },
  );

  // Placeholder device ids real SDKs send when they have none: the zero UUID (also Apple's IDFA and
  // Google's advertising id once the user limits ad tracking), eight or twelve zeros (n8n once sent
  // every user as device 000000000000). A hot key of this kind would otherwise join everyone.
  it.each([
    ["the zero UUID, Apple's zero IDFA", "00000000-0000-0000-0000-000000000000"],
    ["eight zeros", "00000000"],
    ["twelve zeros", "000000000000"],
    ["the zero UUID in upper case with spaces", " 00000000-0000-0000-0000-000000000000 "],
  ])("blocks the placeholder device id of %s", (_name, value) => {
    const harness = new RulesHarness();
    const answer = harness.resolve({ deviceId: value, userId: "u1" });
    expect(answer.warnings.map((warning) => [warning.code, warning.identifier?.type])).toEqual([["BLOCKED_IDENTIFIER", "device_id"]]);
    expect(harness.state.devices.size).toBe(0);
  });

  it.each(["", " ", "\t\n"])("blocks an empty value: %j", (value) => {
    const harness = new RulesHarness();
    const answer = harness.resolve({ deviceId: "X", userId: value, identifiers: [email(value), phone(value)] });
    expect(answer.warnings.map((warning) => warning.code)).toEqual(["BLOCKED_IDENTIFIER", "BLOCKED_IDENTIFIER", "BLOCKED_IDENTIFIER"]);
  });

  it("blocks values longer than 256 characters after normalisation, and accepts 256", () => {
    const harness = new RulesHarness();
    expect(harness.resolve({ deviceId: "X", userId: "u".repeat(257) }).warnings.map((warning) => warning.code)).toEqual([
      "BLOCKED_IDENTIFIER",
    ]);
    expect(harness.resolve({ deviceId: "d".repeat(257), userId: "u1" }).warnings.map((warning) => warning.code)).toEqual([
      "BLOCKED_IDENTIFIER",
    ]);
    expect(harness.resolve({ deviceId: "d".repeat(256), userId: "u".repeat(256) }).warnings).toEqual([]);
    // Normalisation comes first: a phone that is short once its punctuation is stripped is fine.
    expect(harness.resolve({ identifiers: [phone(`+1${" -".repeat(200)}5551234`)] }).warnings).toEqual([]);
  });

  it("does not block values that merely contain a blocked word", () => {
    const harness = new RulesHarness();
    expect(harness.resolve({ deviceId: "X", userId: "guest-42", identifiers: [email("null@x.io"), phone("+10")] }).warnings).toEqual([]);
  });

  it("refuses with BAD_USER_INPUT, rather than blocks, a value beyond any sane size or an unknown identifier type", () => {
    const harness = new RulesHarness();
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof IdgraphError ? error.code : error;
      }
      return undefined;
    };
    expect(code(() => harness.resolve({ deviceId: "X", userId: "u".repeat(5000) }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(code(() => harness.resolve({ deviceId: "X", identifiers: [{ type: "fax", value: "1" }] }))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});

describe("conflicts", () => {
  it("refuses a link that would break a limit: IDENTIFIER_CONFLICT and an IDENTITY_ERROR audit entry on both profiles", () => {
    const harness = new RulesHarness();
    const u1 = harness.resolve({ deviceId: "X", userId: "u1", identifiers: [email("shared@x.io")] });
    const u2 = harness.resolve({ deviceId: "Y", userId: "u2" });
    const plan = harness.plan({ deviceId: "Y", userId: "u2", identifiers: [email("shared@x.io")] });

    expect(plan.resolution.profileId).toBe(u2.profileId);
    expect(plan.resolution.mergedProfileIds).toEqual([]);
    expect(plan.resolution.warnings).toEqual([
      { code: "IDENTIFIER_CONFLICT", message: expect.stringMatching(/more than 1 user_id/), identifier: email("shared@x.io") },
    ]);
    const entries = auditEntries(plan);
    expect(entries.map((entry) => entry.action)).toEqual(["IDENTITY_ERROR"]);
    expect(entries[0]).toMatchObject({ reason: "user_id limit exceeded", identifiers: [email("shared@x.io")], deviceIds: ["Y"] });
    expect(new Set(entries[0]?.profileIds.map((profileId) => harness.profileOf(profileId)))).toEqual(new Set([u1.profileId, u2.profileId]));
    // Nothing moved: each profile keeps exactly what it had.
    expect(emailsOf(harness, u1.profileId)).toEqual(["shared@x.io"]);
    expect(emailsOf(harness, u2.profileId)).toEqual([]);
    expect(plan.steps.filter((step) => step.kind === "link")).toEqual([]);
  });

  it("still links the identifiers of the observation that do not conflict", () => {
    const harness = new RulesHarness();
    harness.resolve({ userId: "u1", identifiers: [email("a@x.io")] });
    const answer = harness.resolve({ userId: "u1", identifiers: [email("b@x.io"), phone("+100")] });
    expect(answer.warnings.map((warning) => [warning.code, warning.identifier?.type])).toEqual([["IDENTIFIER_CONFLICT", "email"]]);
    expect(harness.resolve({ identifiers: [phone("+100")] }).profileId).toBe(answer.profileId);
  });

  it("writes the IDENTITY_ERROR on the one profile when the refused identifier is new", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ userId: "u1", identifiers: [email("a@x.io")] });
    const entries = auditEntries(harness.plan({ userId: "u1", identifiers: [email("b@x.io")] }));
    expect(entries).toMatchObject([
      { action: "IDENTITY_ERROR", profileIds: [first.assignedProfileId], identifiers: [email("b@x.io")], deviceIds: [] },
    ]);
  });
});
