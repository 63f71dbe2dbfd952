// Rule 7 of docs/identity-rules.md: a profile holds at most `deviceCap` devices (default 50); a link that
// would bring in one more is not made and the device stays a ghost profile.
import { describe, expect, it } from "vitest";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { auditEntries, RulesHarness, rulesWith } from "./helpers.js";

const deviceName = (n: number) => `device-${n}`;

describe("rule 7: the device cap", () => {
  it("defaults to 50 devices", () => {
    expect(DEFAULT_IDENTITY_RULES.deviceCap).toBe(50);
  });

  it.each([
    ["the default cap of 50", undefined, 50],
    ["a configured cap of 3", 3, 3],
  ])("gives the device past %s a ghost profile: DEVICE_LIMIT_REACHED, GHOST_PROFILE, identifier not saved", (_, cap, expectedCap) => {
    const harness = new RulesHarness(cap === undefined ? DEFAULT_IDENTITY_RULES : rulesWith({ deviceCap: cap }));
    const first = harness.resolve({ deviceId: deviceName(1), userId: "Zed" });
    for (let n = 2; n <= expectedCap; n++) {
      expect(harness.resolve({ deviceId: deviceName(n), userId: "Zed" })).toMatchObject({ profileId: first.profileId, warnings: [] });
    }
    const extra = deviceName(expectedCap + 1);
    const plan = harness.plan({ deviceId: extra, userId: "Zed" });
    const { resolution } = plan;

    expect(resolution.warnings.map((warning) => warning.code)).toEqual(["DEVICE_LIMIT_REACHED"]);
    expect(resolution.warnings[0]?.identifier).toEqual({ type: "user_id", value: "Zed" });
    // The device gets its own profile id, alone: a ghost.
    expect(resolution.profileId).not.toBe(first.profileId);
    expect(resolution.profileId).toBe(resolution.assignedProfileId);
    expect(resolution.created).toBe(true);
    expect(harness.state.devices.get(extra)?.current).toBe(resolution.assignedProfileId);
    expect(harness.state.componentOf(resolution.assignedProfileId).identifiers.size).toBe(0);
    expect(harness.state.componentOf(first.profileId).devices.size).toBe(expectedCap);
    expect(plan.steps.filter((step) => step.kind === "link")).toEqual([]);

    const ghost = auditEntries(plan).find((entry) => entry.action === "GHOST_PROFILE");
    expect(ghost).toMatchObject({
      identifiers: [{ type: "user_id", value: "Zed" }],
      deviceIds: [extra],
      reason: `device cap of ${expectedCap} reached`,
    });
    expect(new Set(ghost?.profileIds.map((profileId) => harness.profileOf(profileId)))).toEqual(
      new Set([first.profileId, resolution.profileId]),
    );
  });

  it("keeps the ghost device a ghost when the capped user comes back on it, and its anonymous events stay there", () => {
    const harness = new RulesHarness(rulesWith({ deviceCap: 2 }));
    const zed = harness.resolve({ deviceId: "a", userId: "Zed" });
    harness.resolve({ deviceId: "b", userId: "Zed" });
    const ghost = harness.resolve({ deviceId: "c", userId: "Zed" });
    const again = harness.resolve({ deviceId: "c", userId: "Zed" });
    expect(again).toMatchObject({ assignedProfileId: ghost.assignedProfileId, created: false });
    expect(again.warnings.map((warning) => warning.code)).toEqual(["DEVICE_LIMIT_REACHED"]);
    expect(harness.resolve({ deviceId: "c" }).assignedProfileId).toBe(ghost.assignedProfileId);
    expect(harness.resolve({ userId: "Zed" }).profileId).toBe(zed.profileId);
  });

  it("refuses a merge of two profiles by an identifier when together they would hold too many devices", () => {
    const harness = new RulesHarness(rulesWith({ deviceCap: 3 }));
    const u = ["a", "b"].map((deviceId) => harness.resolve({ deviceId, userId: "u1" }))[0];
    const e = ["c", "d"].map((deviceId) => harness.resolve({ deviceId, identifiers: [{ type: "email", value: "e@x.io" }] }))[0];
    const plan = harness.plan({ userId: "u1", identifiers: [{ type: "email", value: "e@x.io" }] });
    expect(plan.resolution.warnings.map((warning) => warning.code)).toEqual(["DEVICE_LIMIT_REACHED"]);
    expect(harness.profileOf(u?.assignedProfileId as string)).not.toBe(harness.profileOf(e?.assignedProfileId as string));
    expect(auditEntries(plan).map((entry) => entry.action)).toEqual(["GHOST_PROFILE"]);
  });

  it("allows a merge that lands exactly on the cap", () => {
    const harness = new RulesHarness(rulesWith({ deviceCap: 4 }));
    for (const deviceId of ["a", "b"]) harness.resolve({ deviceId, userId: "u1" });
    for (const deviceId of ["c", "d"]) harness.resolve({ deviceId, identifiers: [{ type: "email", value: "e@x.io" }] });
    const answer = harness.resolve({ userId: "u1", identifiers: [{ type: "email", value: "e@x.io" }] });
    expect(answer.warnings).toEqual([]);
    expect(harness.state.componentOf(answer.profileId).devices.size).toBe(4);
  });

  // Deliberate deviation (decide.ts, rule 6): when the device cap is the only thing the login would
  // break, the device is not moved to a new profile id; it stays on its current profile id c, and
  // the identifier is simply not linked. For an anonymous device c *is* its own profile id, so this
  // is exactly rule 7's ghost profile, without an extra empty profile id.
  it("leaves a known anonymous device on its own profile id when the capped user logs in on it (no new profile id)", () => {
    const harness = new RulesHarness(rulesWith({ deviceCap: 1 }));
    const zed = harness.resolve({ deviceId: "a", userId: "Zed" });
    const anonymous = harness.resolve({ deviceId: "b" });
    const plan = harness.plan({ deviceId: "b", userId: "Zed" });
    expect(plan.resolution).toMatchObject({
      profileId: anonymous.profileId,
      assignedProfileId: anonymous.assignedProfileId,
      created: false,
    });
    expect(plan.resolution.warnings.map((warning) => warning.code)).toEqual(["DEVICE_LIMIT_REACHED"]);
    expect(plan.steps.filter((step) => step.kind === "createProfileId" || step.kind === "setCurrent")).toEqual([]);
    expect(harness.state.devices.get("b")?.profileIds.size).toBe(1);
    expect(harness.profileOf(anonymous.assignedProfileId)).not.toBe(zed.profileId);
  });

  // The same deviation when the device's current profile belongs to someone identified by another
  // type only (an email) that the user's profile could hold within its limits: the event stays on
  // that profile id, because without the cap the two would have merged there (rule 6, first bullet).
  it("leaves the device on its current identified profile id when only the device cap stops the merge", () => {
    const harness = new RulesHarness(rulesWith({ deviceCap: 1 }));
    harness.resolve({ deviceId: "a", userId: "Zed" });
    const byEmail = harness.resolve({ deviceId: "b", identifiers: [{ type: "email", value: "someone@x.io" }] });
    const answer = harness.resolve({ deviceId: "b", userId: "Zed" });
    expect(answer).toMatchObject({ assignedProfileId: byEmail.assignedProfileId, created: false });
    expect(answer.warnings.map((warning) => warning.code)).toEqual(["DEVICE_LIMIT_REACHED"]);
    expect(harness.state.devices.get("b")?.profileIds.size).toBe(1);
  });
});
