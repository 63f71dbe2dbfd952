// How an SDK event becomes an observation (src/ingest/): the ids, the traits the rules file maps to
// identifier types, the other traits (rule 11), the event's time, and "these two ids are one person"
// through the normal rules.
import { describe, expect, it } from "vitest";
import { epochTime, type MappedEvent } from "../../src/ingest/mapping.js";
import { engageOperationsNotKept, mixpanelEngageEvents, mixpanelEvents } from "../../src/ingest/mixpanel-events.js";
import { posthogEvents } from "../../src/ingest/posthog-events.js";
import { segmentEvents, segmentTime } from "../../src/ingest/segment-events.js";
import type { ObservationInput } from "../../src/rules/model.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { RulesHarness, rulesWith, withLimits } from "./helpers.js";

const receivedAt = new Date("2026-11-23T12:00:00.000Z");
const segment = (messages: unknown[], known: string[] = [], rules = DEFAULT_IDENTITY_RULES): MappedEvent[] =>
  segmentEvents(messages, new Set(known), { rules, receivedAt });
const inputOf = (mapped: MappedEvent | undefined): ObservationInput => {
  if (mapped?.kind !== "observation") throw new Error(`expected an observation, got ${JSON.stringify(mapped)}`);
  return mapped.input;
};

describe("a Segment message", () => {
  it("gives anonymousId as the device, userId as user_id, the mapped traits as identifiers and the rest as traits", () => {
    const [identify] = segment([
      {
        type: "identify",
        anonymousId: "a-1",
        userId: 42,
        messageId: "m-1",
        traits: { email: "Jane@Example.com", phone: 4420794600, name: "Jane" },
        context: { traits: { email: "jane@work.example" } },
      },
    ]);
    expect(inputOf(identify)).toEqual({
      deviceId: "a-1",
      userId: "42",
      identifiers: [
        { type: "email", value: "Jane@Example.com" },
        { type: "phone", value: "4420794600" },
        { type: "email", value: "jane@work.example" },
      ],
      traits: { name: "Jane" },
      event: "identify",
      messageId: "m-1",
    });
  });

  it("maps the traits the rules file names, and takes context.device.id only when the file says so", () => {
    const rules = rulesWith({
      identifierTypes: { ...withLimits({}), crm_id: { limit: 1, priority: 4, normalise: "none" } },
      traitMapping: { crmId: "crm_id" },
      useContextDeviceId: true,
    });
    const message = {
      type: "track",
      event: "Opened",
      traits: { email: "x@example.com" },
      context: { device: { id: "ios-1" }, traits: { crmId: "C-9" } },
    };
    expect(inputOf(segment([message], [], rules)[0])).toMatchObject({ deviceId: "ios-1", identifiers: [{ type: "crm_id", value: "C-9" }] });
    expect(inputOf(segment([{ ...message, userId: "u" }])[0]).deviceId).toBeUndefined();
  });

  it("is dated by timestamp, else by originalTimestamp corrected for the device clock by sentAt, else on arrival", () => {
    const at = (message: Record<string, unknown>, sentAt?: string) => segmentTime(message, receivedAt, sentAt)?.toISOString();
    expect(at({ timestamp: "2026-11-23T11:00:00Z", originalTimestamp: "2026-11-23T10:00:00Z" })).toBe("2026-11-23T11:00:00.000Z");
    // The device's clock is 5 minutes behind: sent at 11:55 by its clock, received at 12:00.
    expect(at({ originalTimestamp: "2026-11-23T11:50:00Z", sentAt: "2026-11-23T11:55:00Z" })).toBe("2026-11-23T11:55:00.000Z");
    expect(at({ originalTimestamp: "2026-11-23T11:50:00Z" }, "2026-11-23T11:55:00Z")).toBe("2026-11-23T11:55:00.000Z");
    expect(at({ originalTimestamp: "2026-11-23T11:50:00Z" })).toBe("2026-11-23T11:50:00.000Z");
    expect(at({})).toBeUndefined();
    expect(segmentTime({ timestamp: "yesterday" }, receivedAt)).toBeNull();
  });

  it("alias: a previousId that is not a known user id is a login on that device; a known one is a merge request", () => {
    expect(inputOf(segment([{ type: "alias", previousId: "anon-1", userId: "jane" }])[0])).toEqual({
      userId: "jane",
      deviceId: "anon-1",
      event: "alias",
    });
    const merge = { userId: "jane", identifiers: [{ type: "user_id", value: "old-jane" }], event: "alias" };
    expect(inputOf(segment([{ type: "alias", previousId: "old-jane", userId: "jane" }], ["old-jane"])[0])).toEqual(merge);
    // A user id the same batch introduced counts as known.
    const batch = segment([
      { type: "identify", userId: "old-jane", anonymousId: "a" },
      { type: "alias", previousId: "old-jane", userId: "jane" },
    ]);
    expect(inputOf(batch[1])).toEqual(merge);
  });

  it("group is accepted and resolves nothing; an unknown type or a message over 32 KB is refused", () => {
    expect(segment([{ type: "group", userId: "u", groupId: "g" }])).toEqual([{ kind: "skip" }]);
    expect(segment([{ type: "bogus", userId: "u" }])[0]?.kind).toBe("invalid");
    expect(segment([{ type: "track", userId: "u", properties: { x: "y".repeat(33_000) } }])[0]).toEqual({
      kind: "invalid",
      message: "a message is at most 32 KB",
    });
  });
});

describe("an alias of two user ids, through the rules", () => {
  const aliasOfTwoUsers = (harness: RulesHarness) => {
    harness.resolve({ deviceId: "d-adam", userId: "adam" });
    harness.resolve({ deviceId: "d-bob", userId: "bob" });
    return harness.plan(inputOf(segment([{ type: "alias", previousId: "bob", userId: "adam" }], ["bob"])[0]));
  };

  it("is refused by the user_id limit of 1: IDENTIFIER_CONFLICT and an IDENTITY_ERROR entry, no merge", () => {
    const harness = new RulesHarness();
    const plan = aliasOfTwoUsers(harness);
    expect(plan.resolution.warnings.map((w) => [w.code, w.identifier])).toEqual([
      ["IDENTIFIER_CONFLICT", { type: "user_id", value: "bob" }],
    ]);
    expect(plan.resolution.mergedProfileIds).toEqual([]);
    expect(plan.steps.some((step) => step.kind === "audit" && step.entry.action === "IDENTITY_ERROR")).toBe(true);
  });

  it("merges the two people when the rules allow two user ids a profile", () => {
    const plan = aliasOfTwoUsers(new RulesHarness(rulesWith({ identifierTypes: withLimits({ user_id: 2 }) })));
    expect(plan.resolution.warnings).toEqual([]);
    expect(plan.resolution.mergedProfileIds).toHaveLength(1);
  });
});

describe("a Mixpanel event", () => {
  it("reads time in seconds or milliseconds", () => {
    expect(epochTime(1_763_899_200)?.toISOString()).toBe("2025-11-23T12:00:00.000Z");
    expect(epochTime(1_763_899_200_123)?.toISOString()).toBe("2025-11-23T12:00:00.123Z");
    expect(epochTime("1763899200")?.toISOString()).toBe("2025-11-23T12:00:00.000Z");
    expect(epochTime("soon")).toBeNull();
  });

  it.each([
    [
      "Simplified: $device_id and $user_id",
      { event: "e", properties: { distinct_id: "u", $device_id: "d", $user_id: "u" } },
      [],
      { deviceId: "d", userId: "u" },
    ],
    ["Simplified: an anonymous event", { event: "e", properties: { distinct_id: "$device:d" } }, [], { deviceId: "d" }],
    ["distinct_id a known user", { event: "e", properties: { distinct_id: "u" } }, ["u"], { userId: "u" }],
    ["distinct_id not a known user", { event: "e", properties: { distinct_id: "x" } }, [], { deviceId: "x" }],
    ["$identify", { event: "$identify", properties: { $anon_id: "d", $identified_id: "u" } }, [], { deviceId: "d", userId: "u" }],
    ["$create_alias", { event: "$create_alias", properties: { distinct_id: "d", alias: "u" } }, [], { deviceId: "d", userId: "u" }],
    [
      "$merge of two users",
      { event: "$merge", properties: { $distinct_ids: ["u", "v"] } },
      ["u", "v"],
      { userId: "u", identifiers: [{ type: "user_id", value: "v" }] },
    ],
  ])("%s", (_, event, known, expected) => {
    expect(
      inputOf(
        mixpanelEvents([{ ...event, properties: { ...event.properties, $insert_id: "i-1" } }], new Set(known), DEFAULT_IDENTITY_RULES)[0],
      ),
    ).toEqual({
      ...expected,
      event: event.event,
      messageId: "i-1",
    });
  });
});

describe("a PostHog event", () => {
  it.each([
    [
      "$identify",
      { event: "$identify", distinct_id: "u", properties: { $anon_distinct_id: "a", $set: { email: "u@example.com" } } },
      [],
      { userId: "u", deviceId: "a", identifiers: [{ type: "email", value: "u@example.com" }] },
    ],
    [
      "an event of a known user, on a device",
      { event: "e", distinct_id: "u", properties: { $device_id: "d" } },
      ["u"],
      { userId: "u", deviceId: "d" },
    ],
    ["an event of an unknown distinct_id", { event: "e", distinct_id: "x", properties: {} }, [], { deviceId: "x" }],
    ["an unknown distinct_id with $device_id", { event: "e", distinct_id: "x", properties: { $device_id: "d" } }, [], { deviceId: "d" }],
    ["$create_alias", { event: "$create_alias", distinct_id: "u", properties: { alias: "a" } }, ["u"], { userId: "u", deviceId: "a" }],
    [
      "$merge_dangerously of two users",
      { event: "$merge_dangerously", distinct_id: "u", properties: { alias: "v" } },
      ["u", "v"],
      { userId: "u", identifiers: [{ type: "user_id", value: "v" }] },
    ],
  ])("%s", (_, event, known, expected) => {
    expect(inputOf(posthogEvents([{ ...event, uuid: "e-1" }], new Set(known), DEFAULT_IDENTITY_RULES)[0])).toEqual({
      ...expected,
      event: event.event,
      messageId: "e-1",
    });
  });
});

describe("rule 11: the traits an SDK sends", () => {
  const mixpanel = (events: unknown[], known: string[] = []) => mixpanelEvents(events, new Set(known), DEFAULT_IDENTITY_RULES);
  const engage = (updates: unknown[], known: string[] = []) => mixpanelEngageEvents(updates, new Set(known), DEFAULT_IDENTITY_RULES);
  const posthog = (events: unknown[], known: string[] = []) => posthogEvents(events, new Set(known), DEFAULT_IDENTITY_RULES);

  it("Segment: identify's traits over context.traits; context.traits on any call; email and phone only as identifiers", () => {
    const [identify, track, alias] = segment([
      {
        type: "identify",
        userId: "u",
        traits: { plan: "pro", email: "u@example.com" },
        context: { traits: { plan: "free", city: "Oslo" } },
      },
      { type: "track", anonymousId: "a", event: "Opened", traits: { ignored: true }, context: { traits: { plan: "team" } } },
      { type: "alias", userId: "u", previousId: "a", context: { traits: { locale: "nb" } } },
    ]);
    expect(inputOf(identify)).toMatchObject({
      traits: { plan: "pro", city: "Oslo" },
      identifiers: [{ type: "email", value: "u@example.com" }],
    });
    expect(inputOf(track).traits).toEqual({ plan: "team" });
    expect(inputOf(alias).traits).toEqual({ locale: "nb" });
  });

  it("Segment: a message whose traits are not an object is refused; group's traits are the group's, so group stays skipped", () => {
    expect(segment([{ type: "identify", userId: "u", traits: ["pro"] }])[0]).toEqual({
      kind: "invalid",
      message: "traits must be an object of trait names to values",
    });
    expect(segment([{ type: "group", userId: "u", groupId: "g", traits: { name: "Acme" }, context: { traits: { plan: "pro" } } }])).toEqual(
      [{ kind: "skip" }],
    );
  });

  it("Mixpanel: an event's $set, $set_once and $unset; $email in them is the email identifier only", () => {
    const input = inputOf(
      mixpanel([
        {
          event: "Signed Up",
          properties: {
            distinct_id: "u",
            $set: { plan: "pro", $email: "u@example.com", $name: "Ann" },
            $set_once: { first_seen: "2026-01-01" },
            $unset: ["coupon", "$email"],
          },
        },
      ])[0],
    );
    expect(input).toMatchObject({
      deviceId: "u",
      identifiers: [{ type: "email", value: "u@example.com" }],
      traits: { plan: "pro", $name: "Ann" },
      traitsOnce: { first_seen: "2026-01-01" },
      unsetTraits: ["coupon"],
    });
  });

  it("Mixpanel /engage: $set, $set_once and $unset of $distinct_id, dated by $time (ms), with the ids /track uses", () => {
    const updates = [
      { $token: "t", $distinct_id: "u", $set: { plan: "pro" }, $time: 1_764_000_000_123 },
      { $token: "t", $distinct_id: "u", $device_id: "d", $user_id: "u", $set_once: { $initial_referrer: "$direct" } },
      { $token: "t", $distinct_id: "$device:d2", $unset: ["plan"] },
    ];
    const [set, once, unset] = engage(updates, ["u"]);
    expect(inputOf(set)).toEqual({ userId: "u", traits: { plan: "pro" }, event: "engage", timestamp: new Date(1_764_000_000_123) });
    expect(inputOf(once)).toEqual({ deviceId: "d", userId: "u", traitsOnce: { $initial_referrer: "$direct" }, event: "engage" });
    expect(inputOf(unset)).toEqual({ deviceId: "d2", unsetTraits: ["plan"], event: "engage" });
    // Not a known user id: the device, as on /track.
    expect(inputOf(engage([updates[0]])[0])).toMatchObject({ deviceId: "u" });
  });

  it("Mixpanel /engage: $add, $append, $union and $remove are skipped and named; $delete and bad shapes are refused", () => {
    const notKept = [
      { $token: "t", $distinct_id: "u", $add: { logins: 1 } },
      { $token: "t", $distinct_id: "u", $union: { tags: ["a"] }, $remove: { tags: "b" } },
    ];
    expect(engage(notKept)).toEqual([{ kind: "skip" }, { kind: "skip" }]);
    expect(engageOperationsNotKept(notKept)).toEqual(["$add", "$union", "$remove"]);
    expect(engage([{ $token: "t", $distinct_id: "u", $delete: "" }])[0]?.kind).toBe("invalid");
    expect(engage([{ $token: "t", $set: { plan: "pro" } }])[0]).toEqual({
      kind: "invalid",
      message: "a profile update needs $distinct_id",
    });
    expect(engage([{ $token: "t", $distinct_id: "u", $set: "pro" }])[0]).toEqual({
      kind: "invalid",
      message: "$set must be an object of trait names to values",
    });
    expect(engage([{ $token: "t", $distinct_id: "u", $unset: "plan" }])[0]).toEqual({
      kind: "invalid",
      message: "$unset must be a list of trait names",
    });
  });

  it("PostHog: $set and $set_once on any event and $identify, $unset as posthog-node sends it", () => {
    const [identify, set, unset] = posthog(
      [
        {
          event: "$identify",
          distinct_id: "u",
          properties: { $anon_distinct_id: "a", $set: { plan: "pro", email: "u@example.com" }, $set_once: { source: "ad" } },
        },
        { event: "$set", distinct_id: "u", properties: { $set: { plan: "team" } } },
        { event: "$set", distinct_id: "u", properties: { $unset: ["plan"] } },
      ],
      [],
    );
    expect(inputOf(identify)).toMatchObject({
      userId: "u",
      deviceId: "a",
      identifiers: [{ type: "email", value: "u@example.com" }],
      traits: { plan: "pro" },
      traitsOnce: { source: "ad" },
    });
    expect(inputOf(set)).toMatchObject({ userId: "u", traits: { plan: "team" } });
    expect(inputOf(unset)).toMatchObject({ userId: "u", unsetTraits: ["plan"] });
    expect(posthog([{ event: "x", distinct_id: "d", properties: { $set: [1] } }])[0]?.kind).toBe("invalid");
  });
});
