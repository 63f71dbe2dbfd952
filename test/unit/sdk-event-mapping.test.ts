// How an SDK event becomes an observation (src/ingest/): the ids, the traits the rules file maps to
// identifier types, the event's time, and "these two ids are one person" through the normal rules.
import { describe, expect, it } from "vitest";
import { epochTime, type MappedEvent } from "../../src/ingest/mapping.js";
import { mixpanelEvents } from "../../src/ingest/mixpanel-events.js";
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
  it("gives anonymousId as the device, userId as user_id and the mapped traits as identifiers", () => {
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
