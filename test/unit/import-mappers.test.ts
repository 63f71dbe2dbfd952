// Export lines of the four SDK vendors become observations as their specs mean them; a line that
// names nobody is refused with a reason, never guessed.
import { describe, expect, it } from "vitest";
import { detectFormat, mapExportLine } from "../../src/cli/import/detect.js";
import type { LineOutcome, ObservationDraft } from "../../src/cli/import/draft.js";

const TYPES = ["user_id", "email", "phone"];
const map = (line: Record<string, unknown>): LineOutcome => mapExportLine(line, undefined, TYPES).outcome;
const draftOf = (line: Record<string, unknown>): ObservationDraft => {
  const outcome = map(line);
  if (outcome.kind !== "observation") throw new Error(`expected an observation, got ${JSON.stringify(outcome)}`);
  return outcome.draft;
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
  it("maps anonymousId to the device, userId and traits to identifiers, messageId and timestamp", () => {
    const draft = draftOf({
      type: "identify",
      anonymousId: "anon-1",
      userId: "jane-42",
      traits: { email: "Jane@Example.com", plan: "pro" },
      context: { traits: { phone: "+1 555 0100" } },
      messageId: "msg-1",
      timestamp: "2026-11-01T10:00:00Z",
    });
    expect(draft).toEqual({
      messageId: "msg-1",
      deviceId: "anon-1",
      identifiers: [
        { type: "user_id", value: "jane-42" },
        { type: "email", value: "Jane@Example.com" },
        { type: "phone", value: "+1 555 0100" },
      ],
      distinctIds: [],
      timestamp: new Date("2026-11-01T10:00:00Z"),
      event: "identify",
    });
  });

  it("takes originalTimestamp, then receivedAt, when there is no timestamp", () => {
    expect(draftOf({ type: "track", anonymousId: "a", event: "x", originalTimestamp: "2026-01-01T00:00:00Z" }).timestamp).toEqual(
      new Date("2026-01-01T00:00:00Z"),
    );
    expect(draftOf({ type: "page", anonymousId: "a", receivedAt: "2026-01-02T00:00:00Z" }).timestamp).toEqual(
      new Date("2026-01-02T00:00:00Z"),
    );
  });

  it("skips group calls: they change no identity", () => {
    expect(map({ type: "group", anonymousId: "a", groupId: "g" })).toEqual({ kind: "skip", reason: "group calls change no identity" });
  });

  it("leaves an alias's previousId to be settled: a device unless the space knows it as a user id", () => {
    const draft = draftOf({ type: "alias", previousId: "old-anon", userId: "jane-42" });
    expect(draft.identifiers).toEqual([{ type: "user_id", value: "jane-42" }]);
    expect(draft.distinctIds).toEqual(["old-anon"]);
  });

  it.each([
    [{ type: "track", event: "x" }, "no anonymousId, userId or identifying trait"],
    [{ type: "track", anonymousId: "a", timestamp: "yesterday" }, "timestamp is not a date"],
    [{ type: "alias", userId: "u" }, "alias needs previousId and userId"],
    [{ type: "launch", anonymousId: "a" }, 'unknown Segment message type "launch"'],
  ])("refuses %j: %s", (line, reason) => {
    expect(mapExportLine(line, "segment", TYPES).outcome).toEqual({ kind: "refuse", reason });
  });
});

describe("Mixpanel lines", () => {
  it("Simplified ID Merge: $device_id is the device, $user_id the user; $insert_id and time (seconds)", () => {
    const draft = draftOf({
      event: "Purchase",
      properties: { distinct_id: "jane", $device_id: "dev-9", $user_id: "jane", $insert_id: "ins-1", time: 1764000000 },
    });
    expect(draft).toMatchObject({
      messageId: "ins-1",
      deviceId: "dev-9",
      identifiers: [{ type: "user_id", value: "jane" }],
      timestamp: new Date(1764000000 * 1000),
      event: "Purchase",
    });
  });

  it("reads time in milliseconds too", () => {
    expect(draftOf({ event: "x", properties: { distinct_id: "$device:d", time: 1764000000123 } }).timestamp).toEqual(
      new Date(1764000000123),
    );
  });

  it("Original ID Merge: $identify logs $anon_id in as $identified_id", () => {
    const draft = draftOf({ event: "$identify", properties: { $anon_id: "anon-7", $identified_id: "jane", distinct_id: "jane" } });
    expect(draft.deviceId).toBe("anon-7");
    expect(draft.identifiers).toEqual([{ type: "user_id", value: "jane" }]);
  });

  it("$create_alias joins alias (a user) to distinct_id; $merge asks to join its $distinct_ids", () => {
    expect(draftOf({ event: "$create_alias", properties: { alias: "jane", distinct_id: "anon-7" } })).toMatchObject({
      identifiers: [{ type: "user_id", value: "jane" }],
      distinctIds: ["anon-7"],
    });
    expect(draftOf({ event: "$merge", properties: { $distinct_ids: ["a", "b"] } }).distinctIds).toEqual(["a", "b"]);
  });

  it("takes a $device: distinct_id as the device, other distinct_ids to be settled", () => {
    expect(draftOf({ event: "x", properties: { distinct_id: "$device:abc" } }).deviceId).toBe("abc");
    expect(draftOf({ event: "x", properties: { distinct_id: "maybe-user" } }).distinctIds).toEqual(["maybe-user"]);
  });
});

describe("PostHog lines", () => {
  it("$identify logs $anon_distinct_id in as distinct_id; uuid is the messageId; $set traits are identifiers", () => {
    const draft = draftOf({
      event: "$identify",
      distinct_id: "jane",
      uuid: "0190a-1",
      timestamp: "2026-11-01T10:00:00Z",
      properties: { $anon_distinct_id: "anon-3", $set: { email: "jane@example.com" } },
    });
    expect(draft).toMatchObject({
      messageId: "0190a-1",
      deviceId: "anon-3",
      identifiers: [
        { type: "user_id", value: "jane" },
        { type: "email", value: "jane@example.com" },
      ],
    });
  });

  it("$create_alias and $merge_dangerously join alias to distinct_id; other events go by distinct_id and $device_id", () => {
    expect(draftOf({ event: "$create_alias", distinct_id: "jane", properties: { alias: "anon-3" } })).toMatchObject({
      identifiers: [{ type: "user_id", value: "jane" }],
      distinctIds: ["anon-3"],
    });
    expect(draftOf({ event: "$merge_dangerously", distinct_id: "jane", properties: { alias: "john" } }).distinctIds).toEqual(["john"]);
    expect(draftOf({ event: "$pageview", distinct_id: "d-1", properties: { $device_id: "dev-1" } })).toMatchObject({
      deviceId: "dev-1",
      distinctIds: ["d-1"],
    });
  });
});

it("refuses a line that is not a JSON object or not a known export", () => {
  expect(mapExportLine([1, 2], undefined, TYPES).outcome.kind).toBe("refuse");
  expect(map({ hello: "world" })).toEqual({ kind: "refuse", reason: "not a Segment, RudderStack, Mixpanel or PostHog event" });
});
