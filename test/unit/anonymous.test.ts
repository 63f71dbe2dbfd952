// Rules 1–3 of docs/identity-rules.md: observations without identifiers.
import { describe, expect, it } from "vitest";
import { ErrorCode, IdgraphError } from "../../src/errors.js";
import { auditEntries, RulesHarness } from "./helpers.js";

describe("rule 1: an observation with neither a device nor an identifier", () => {
  it.each([
    ["nothing at all", {}],
    ["only nulls", { deviceId: null, userId: null, identifiers: null }],
    ["an empty identifier list", { identifiers: [] }],
    ["only a blocked user id", { userId: "null" }],
    ["only a blocked device id", { deviceId: "undefined" }],
    ["only blocked values", { deviceId: "0000-0000", userId: " ", identifiers: [{ type: "email", value: "EMAIL" }] }],
  ])("is refused with BAD_USER_INPUT and writes nothing: %s", (_, input) => {
    const harness = new RulesHarness();
    const before = harness.state.toData();
    let error: unknown;
    try {
      harness.resolve(input);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(IdgraphError);
    expect((error as IdgraphError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as IdgraphError).message).toMatch(/needs a deviceId or at least one identifier/);
    expect(harness.state.toData()).toEqual(before);
  });
});

describe("rule 2: an anonymous observation from a new device", () => {
  it("creates a profile id that becomes the device's current one", () => {
    const harness = new RulesHarness();
    const plan = harness.plan({ deviceId: "X" });
    const { profileId, assignedProfileId, created, mergedProfileIds, warnings } = plan.resolution;
    expect(created).toBe(true);
    expect(profileId).toBe(assignedProfileId);
    expect(mergedProfileIds).toEqual([]);
    expect(warnings).toEqual([]);
    expect(harness.state.devices.get("X")?.current).toBe(assignedProfileId);
    expect([...(harness.state.devices.get("X")?.profileIds ?? [])]).toEqual([assignedProfileId]);
    expect(auditEntries(plan).map((entry) => [entry.action, entry.profileIds, entry.deviceIds])).toEqual([
      ["PROFILE_CREATED", [assignedProfileId], ["X"]],
    ]);
  });

  it("gives each new device a profile of its own", () => {
    const harness = new RulesHarness();
    const ids = ["X", "Y", "Z"].map((deviceId) => harness.resolve({ deviceId }).profileId);
    expect(new Set(ids).size).toBe(3);
  });

  it("trims the device id, so ' X ' and 'X' are one device", () => {
    const harness = new RulesHarness();
    expect(harness.resolve({ deviceId: " X " }).profileId).toBe(harness.resolve({ deviceId: "X" }).profileId);
  });
});

describe("rule 3: an anonymous observation from a known device", () => {
  it("is attributed to the device's current profile id without creating anything", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ deviceId: "X" });
    const plan = harness.plan({ deviceId: "X" });
    expect(plan.resolution).toEqual({ ...first, created: false });
    expect(auditEntries(plan)).toEqual([]);
  });

  it("goes to the device's last known user once someone has logged in on it", () => {
    const harness = new RulesHarness();
    const bob = harness.resolve({ deviceId: "E", userId: "Bob" });
    expect(harness.resolve({ deviceId: "E" }).assignedProfileId).toBe(bob.assignedProfileId);
    const adam = harness.resolve({ deviceId: "E", userId: "Adam" });
    expect(harness.resolve({ deviceId: "E" }).assignedProfileId).toBe(adam.assignedProfileId);
  });

  it("still counts when the observation also carries only blocked identifiers, with a BLOCKED_IDENTIFIER warning", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ deviceId: "X" });
    const again = harness.resolve({ deviceId: "X", userId: "undefined", identifiers: [{ type: "email", value: "n/a" }] });
    expect(again.assignedProfileId).toBe(first.assignedProfileId);
    expect(again.warnings.map((warning) => [warning.code, warning.identifier?.type])).toEqual([
      ["BLOCKED_IDENTIFIER", "user_id"],
      ["BLOCKED_IDENTIFIER", "email"],
    ]);
    expect(harness.state.identifierLinks.size).toBe(0);
  });
});
