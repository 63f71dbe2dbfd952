// Export lines of the four SDK vendors become observations as their specs mean them, through the
// same mapping as the live SDK endpoints (src/ingest/*-events.ts) and the same rules file; a line
// that names nobody is refused with a reason, never guessed.
import { describe, expect, it } from "vitest";
import { detectFormat, exportLineFormat, mapExportEvent } from "../../src/cli/import/detect.js";
import type { ExportFormat } from "../../src/cli/import/draft.js";
import type { MappedEvent } from "../../src/ingest/mapping.js";
import type { ObservationInput } from "../../src/rules/model.js";
import { compileRules, DEFAULT_IDENTITY_RULES, DEFAULT_RULES, type IdentityRules } from "../../src/rules/rules-config.js";

const map = (line: unknown, known: string[] = [], format?: ExportFormat, rules: IdentityRules = DEFAULT_IDENTITY_RULES): MappedEvent => {
  const found = exportLineFormat(line, format);
  return "refused" in found
    ? { kind: "invalid", message: found.refused }
    : mapExportEvent(found.format, found.event, new Set(known), rules);
};
const inputOf = (line: Record<string, unknown>, known: string[] = [], rules: IdentityRules = DEFAULT_IDENTITY_RULES): ObservationInput => {
  const outcome = map(line, known, undefined, rules);
  if (outcome.kind !== "observation") throw new Error(`expected an observation, got ${JSON.stringify(outcome)}`);
  return outcome.input;
};

describe("format detection", () => {
  it.each([
    [{ type: "track", anonymousId: "a", event: "x" }, "segment"],
    [{ type: "identify", userId: "u", rudderId: "r" }, "rudderstack"],
    [{ event: "Signup", properties: { distinct_id: "d", time: 1700000000 } }, "mixpanel"],
    [{ event: "$pageview", distinct_id: "d", uuid: "0190-..." }, "posthog"],
    [{ hello: "world" }, undefined],
  ])("%j is %s", (line, format) => {
    expect(detectFormat(line)).toBe(format);
  });
});

describe("Segment and RudderStack lines", () => {
  it("maps anonymousId to the device, userId and mapped traits to identifiers, the other traits to traits, messageId and timestamp", () => {
    const input = inputOf({
      type: "identify",
      anonymousId: "anon-1",
      userId: "jane-42",
      traits: { email: "Jane@Example.com", plan: "pro" },
      context: { traits: { phone: "+1 555 0100" } },
      messageId: "msg-1",
      timestamp: "2026-11-01T10:00:00Z",
    });
    expect(input).toEqual({
      messageId: "msg-1",
      deviceId: "anon-1",
      userId: "jane-42",
      identifiers: [
        { type: "email", value: "Jane@Example.com" },
        { type: "phone", value: "+1 555 0100" },
      ],
      traits: { plan: "pro" },
      timestamp: new Date("2026-11-01T10:00:00Z"),
      event: "identify",
    });
  });

  it("takes originalTimestamp, then receivedAt, when there is no timestamp", () => {
    expect(inputOf({ type: "track", anonymousId: "a", event: "x", originalTimestamp: "2026-01-01T00:00:00Z" }).timestamp).toEqual(
      new Date("2026-01-01T00:00:00Z"),
    );
    expect(inputOf({ type: "page", anonymousId: "a", receivedAt: "2026-01-02T00:00:00Z" }).timestamp).toEqual(
      new Date("2026-01-02T00:00:00Z"),
    );
  });

  it("corrects originalTimestamp for the device's clock by the line's own sentAt and receivedAt, as Segment does", () => {
    const line = {
      type: "track",
      anonymousId: "a",
      event: "x",
      originalTimestamp: "2026-01-01T00:00:00Z",
      sentAt: "2026-01-01T00:00:10Z",
      receivedAt: "2026-01-01T01:00:10Z",
    };
    expect(inputOf(line).timestamp).toEqual(new Date("2026-01-01T01:00:00Z"));
  });

  it("skips group calls: they change no identity", () => {
    expect(map({ type: "group", anonymousId: "a", groupId: "g" })).toEqual({ kind: "skip" });
  });

  it("settles an alias's previousId: a device unless the space knows it as a user id", () => {
    expect(inputOf({ type: "alias", previousId: "old-anon", userId: "jane-42" })).toMatchObject({
      userId: "jane-42",
      deviceId: "old-anon",
    });
    expect(inputOf({ type: "alias", previousId: "old-user", userId: "jane-42" }, ["old-user"])).toMatchObject({
      userId: "jane-42",
      identifiers: [{ type: "user_id", value: "old-user" }],
    });
  });

  it.each([
    [{ type: "track", event: "x" }, "no anonymousId, userId or identifying trait"],
    [{ type: "track", anonymousId: "a", timestamp: "yesterday" }, "timestamp / originalTimestamp / sentAt must be ISO-8601 date-times"],
    [{ type: "alias", userId: "u" }, "an alias needs userId and previousId"],
    [{ type: "launch", anonymousId: "a" }, 'unknown message type "launch"'],
  ])("refuses %j: %s", (line, message) => {
    expect(map(line, [], "segment")).toEqual({ kind: "invalid", message });
  });

  it("maps traits by the rules file's traitMapping, as the live endpoints do", () => {
    const rules = compileRules({ ...DEFAULT_RULES, traitMapping: { work_email: "email" } });
    expect(
      inputOf({ type: "identify", userId: "u", traits: { work_email: "u@work.example", email: "ignored@x.io" } }, [], rules),
    ).toMatchObject({ identifiers: [{ type: "email", value: "u@work.example" }] });
  });
});

describe("Mixpanel lines", () => {
  it("Simplified ID Merge: $device_id is the device, $user_id the user; $insert_id and time (seconds)", () => {
    const input = inputOf({
      event: "Purchase",
      properties: { distinct_id: "jane", $device_id: "dev-9", $user_id: "jane", $insert_id: "ins-1", time: 1764000000 },
    });
    expect(input).toMatchObject({
      messageId: "ins-1",
      deviceId: "dev-9",
      userId: "jane",
      timestamp: new Date(1764000000 * 1000),
      event: "Purchase",
    });
  });

  it("reads time in milliseconds too", () => {
    expect(inputOf({ event: "x", properties: { distinct_id: "$device:d", time: 1764000000123 } }).timestamp).toEqual(
      new Date(1764000000123),
    );
  });

  it("Original ID Merge: $identify logs $anon_id in as $identified_id", () => {
    const input = inputOf({ event: "$identify", properties: { $anon_id: "anon-7", $identified_id: "jane", distinct_id: "jane" } });
    expect(input.deviceId).toBe("anon-7");
    expect(input.userId).toBe("jane");
  });

  it("$create_alias joins alias (a user) to distinct_id; $merge asks to join its $distinct_ids", () => {
    expect(inputOf({ event: "$create_alias", properties: { alias: "jane", distinct_id: "anon-7" } })).toMatchObject({
      userId: "jane",
      deviceId: "anon-7",
    });
    expect(inputOf({ event: "$merge", properties: { $distinct_ids: ["a", "b"] } }, ["a", "b"])).toMatchObject({
      userId: "a",
      identifiers: [{ type: "user_id", value: "b" }],
    });
  });

  it("takes a $device: distinct_id as the device, another distinct_id as a user when known, else the device", () => {
    expect(inputOf({ event: "x", properties: { distinct_id: "$device:abc" } }).deviceId).toBe("abc");
    expect(inputOf({ event: "x", properties: { distinct_id: "maybe-user" } })).toMatchObject({ deviceId: "maybe-user" });
    expect(inputOf({ event: "x", properties: { distinct_id: "maybe-user" } }, ["maybe-user"])).toMatchObject({ userId: "maybe-user" });
  });

  it("takes people properties ($email) as identifiers by the traitMapping", () => {
    expect(inputOf({ event: "x", properties: { distinct_id: "$device:abc", $email: "jane@example.com" } }).identifiers).toEqual([
      { type: "email", value: "jane@example.com" },
    ]);
  });
});

describe("traits in export lines (rule 11), as the live endpoints take them", () => {
  it.each([
    [
      "Segment identify",
      { type: "identify", userId: "u", traits: { plan: "pro", email: "u@example.com" }, timestamp: "2026-11-01T10:00:00Z" },
      { traits: { plan: "pro" } },
    ],
    [
      "RudderStack track with context.traits",
      { type: "track", event: "x", anonymousId: "a", rudderId: "r", context: { traits: { plan: "pro" } } },
      { traits: { plan: "pro" } },
    ],
    [
      "Mixpanel $set, $set_once and $unset in properties",
      { event: "x", properties: { distinct_id: "$device:d", $set: { plan: "pro" }, $set_once: { src: "ad" }, $unset: ["coupon"] } },
      { traits: { plan: "pro" }, traitsOnce: { src: "ad" }, unsetTraits: ["coupon"] },
    ],
    [
      "PostHog $set and $set_once",
      { event: "$set", distinct_id: "d", uuid: "u-1", properties: { $set: { plan: "pro" }, $set_once: { src: "ad" } } },
      { traits: { plan: "pro" }, traitsOnce: { src: "ad" } },
    ],
  ])("%s", (_, line, traits) => {
    expect(inputOf(line)).toMatchObject(traits);
  });
});

describe("PostHog lines", () => {
  it("$identify logs $anon_distinct_id in as distinct_id; uuid is the messageId; $set traits are identifiers", () => {
    const input = inputOf({
      event: "$identify",
      distinct_id: "jane",
      uuid: "0190a-1",
      timestamp: "2026-11-01T10:00:00Z",
      properties: { $anon_distinct_id: "anon-3", $set: { email: "jane@example.com" } },
    });
    expect(input).toMatchObject({
      messageId: "0190a-1",
      deviceId: "anon-3",
      userId: "jane",
      identifiers: [{ type: "email", value: "jane@example.com" }],
    });
  });

  it("$create_alias and $merge_dangerously join alias to distinct_id; other events go by distinct_id and $device_id", () => {
    expect(inputOf({ event: "$create_alias", distinct_id: "jane", properties: { alias: "anon-3" } })).toMatchObject({
      userId: "jane",
      deviceId: "anon-3",
    });
    expect(inputOf({ event: "$merge_dangerously", distinct_id: "jane", properties: { alias: "john" } }, ["jane", "john"])).toMatchObject({
      userId: "jane",
      identifiers: [{ type: "user_id", value: "john" }],
    });
    expect(inputOf({ event: "$pageview", distinct_id: "d-1", properties: { $device_id: "dev-1" } })).toMatchObject({ deviceId: "dev-1" });
    expect(inputOf({ event: "$pageview", distinct_id: "d-1", properties: { $device_id: "dev-1" } }, ["d-1"])).toMatchObject({
      deviceId: "dev-1",
      userId: "d-1",
    });
  });
});

it("refuses a line that is not a JSON object or not a known export", () => {
  expect(map([1, 2]).kind).toBe("invalid");
  expect(map({ hello: "world" })).toEqual({ kind: "invalid", message: "not a Segment, RudderStack, Mixpanel or PostHog event" });
});
