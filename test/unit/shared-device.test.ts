// Rule 6 of docs/identity-rules.md: identifiers on a known device ("last known user", stitching, append).
import { describe, expect, it } from "vitest";
import { auditEntries, RulesHarness, rulesWith, withLimits } from "./helpers.js";

const email = (value: string) => ({ type: "email", value });

describe("rule 6: identifiers on a known device", () => {
  it("stitches the device's anonymous activity to the user who logs in (Jane keeps profile 4)", () => {
    const harness = new RulesHarness();
    const anonymous = harness.resolve({ deviceId: "A" });
    const jane = harness.resolve({ deviceId: "A", userId: "Jane" });
    expect(jane).toMatchObject({
      profileId: anonymous.profileId,
      assignedProfileId: anonymous.assignedProfileId,
      created: false,
      mergedProfileIds: [],
    });
    expect(harness.state.devices.get("A")?.profileIds.size).toBe(1);
  });

  it("merges the device's anonymous profile into the user's older profile (9 and 8 become 8)", () => {
    const harness = new RulesHarness();
    const smithOnP = harness.resolve({ deviceId: "P", userId: "Smith" });
    const anonymousOnQ = harness.resolve({ deviceId: "Q" });
    const plan = harness.plan({ deviceId: "Q", userId: "Smith" });
    expect(plan.resolution).toMatchObject({
      profileId: smithOnP.profileId,
      assignedProfileId: anonymousOnQ.assignedProfileId,
      mergedProfileIds: [anonymousOnQ.profileId],
    });
    const merged = auditEntries(plan).find((entry) => entry.action === "PROFILES_MERGED");
    expect(merged?.profileIds).toEqual([smithOnP.profileId, anonymousOnQ.profileId]);
    expect(merged?.causedBy).toBe(auditEntries(plan).find((entry) => entry.action === "IDENTIFIER_LINKED")?.id);
  });

  it("keeps a user who logs in again on their device on the same profile id", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ deviceId: "E", userId: "Bob" });
    const plan = harness.plan({ deviceId: "E", userId: "Bob" });
    expect(plan.resolution).toEqual({ ...first, created: false });
    expect(auditEntries(plan)).toEqual([]);
  });

  it("appends a profile when another user logs in on the device (Adam gets 7), and never merges the two", () => {
    const harness = new RulesHarness();
    const bob = harness.resolve({ deviceId: "E", userId: "Bob" });
    const adam = harness.resolve({ deviceId: "E", userId: "Adam" });
    expect(adam.created).toBe(true);
    expect(adam.profileId).not.toBe(bob.profileId);
    expect(adam.warnings).toEqual([]);
    const device = harness.state.devices.get("E");
    expect(device?.current).toBe(adam.assignedProfileId);
    expect([...(device?.profileIds ?? [])]).toEqual([bob.assignedProfileId, adam.assignedProfileId]);
    expect(harness.profileOf(bob.assignedProfileId)).toBe(bob.profileId);
  });

  it("makes Bob's own profile id current again when Bob comes back, without creating one", () => {
    const harness = new RulesHarness();
    const bob = harness.resolve({ deviceId: "E", userId: "Bob" });
    harness.resolve({ deviceId: "E", userId: "Adam" });
    const plan = harness.plan({ deviceId: "E", userId: "Bob" });
    expect(plan.resolution).toMatchObject({
      profileId: bob.profileId,
      assignedProfileId: bob.assignedProfileId,
      created: false,
      warnings: [],
    });
    expect(auditEntries(plan)).toEqual([]);
    expect(plan.steps).toContainEqual({ kind: "setCurrent", deviceId: "E", profileId: bob.assignedProfileId });
    expect(harness.state.devices.get("E")?.profileIds.size).toBe(2);
    // Anonymous events go to Bob again, the last known user.
    expect(harness.resolve({ deviceId: "E" }).assignedProfileId).toBe(bob.assignedProfileId);
  });

  it("joins the other user's existing profile when they log in on the shared device for the first time", () => {
    const harness = new RulesHarness();
    const adamElsewhere = harness.resolve({ deviceId: "F", userId: "Adam" });
    harness.resolve({ deviceId: "E", userId: "Bob" });
    const adamOnE = harness.resolve({ deviceId: "E", userId: "Adam" });
    expect(adamOnE.profileId).toBe(adamElsewhere.profileId);
    expect(adamOnE.assignedProfileId).not.toBe(adamElsewhere.assignedProfileId);
    expect(harness.state.devices.get("E")?.current).toBe(adamOnE.assignedProfileId);
  });

  it("appends a profile when the device's profile holds another person's email (email limit 1)", () => {
    const harness = new RulesHarness();
    const bob = harness.resolve({ deviceId: "E", identifiers: [email("bob@x.io")] });
    const adam = harness.resolve({ deviceId: "E", identifiers: [email("adam@x.io")] });
    expect(adam.profileId).not.toBe(bob.profileId);
    expect(adam.warnings).toEqual([]);
  });

  it("adds a changed email to the same profile when the email limit is raised to 5", () => {
    const harness = new RulesHarness(rulesWith({ identifierTypes: withLimits({ email: 5 }) }));
    const before = harness.resolve({ deviceId: "E", userId: "u1", identifiers: [email("old@x.io")] });
    const after = harness.resolve({ deviceId: "E", identifiers: [email("new@x.io")] });
    expect(after).toMatchObject({ profileId: before.profileId, assignedProfileId: before.assignedProfileId, created: false, warnings: [] });
    expect([...harness.state.componentOf(before.profileId).identifiers.values()].filter((i) => i.type === "email")).toHaveLength(2);
  });

  it("still appends a profile for another user id when the email limit is raised", () => {
    const harness = new RulesHarness(rulesWith({ identifierTypes: withLimits({ email: 5 }) }));
    const bob = harness.resolve({ deviceId: "E", userId: "Bob" });
    expect(harness.resolve({ deviceId: "E", userId: "Adam" }).profileId).not.toBe(bob.profileId);
  });

  it("links the other identifiers of the observation to the appended profile id", () => {
    const harness = new RulesHarness();
    harness.resolve({ deviceId: "E", userId: "Bob" });
    const adam = harness.resolve({ deviceId: "E", userId: "Adam", identifiers: [email("adam@x.io")] });
    expect(harness.resolve({ identifiers: [email("adam@x.io")] }).profileId).toBe(adam.profileId);
  });
});
