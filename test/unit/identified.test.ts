// Rules 4 and 5 of docs/identity-rules.md: identifiers without a device, and on a new device.
import { describe, expect, it } from "vitest";
import { auditEntries, RulesHarness } from "./helpers.js";

const email = (value: string) => ({ type: "email", value });
const phone = (value: string) => ({ type: "phone", value });

describe("rule 4: identifiers without a device", () => {
  it("creates a profile id holding every identifier when none is known, and no device", () => {
    const harness = new RulesHarness();
    const plan = harness.plan({ userId: "u1", identifiers: [email("a@x.io"), phone("+100")] });
    expect(plan.resolution.created).toBe(true);
    const profile = harness.state.componentOf(plan.resolution.assignedProfileId);
    expect([...profile.identifiers.values()]).toEqual([{ type: "user_id", value: "u1" }, email("a@x.io"), phone("+100")]);
    expect(profile.devices.size).toBe(0);
    expect(harness.state.devices.size).toBe(0);
    expect(auditEntries(plan).map((entry) => entry.action)).toEqual([
      "PROFILE_CREATED",
      "IDENTIFIER_LINKED",
      "IDENTIFIER_LINKED",
      "IDENTIFIER_LINKED",
    ]);
  });

  it("goes to the profile of a known identifier without creating anything", () => {
    const harness = new RulesHarness();
    const onDevice = harness.resolve({ deviceId: "X", userId: "u1" });
    const later = harness.resolve({ userId: "u1" });
    expect(later).toMatchObject({ profileId: onDevice.profileId, assignedProfileId: onDevice.assignedProfileId, created: false });
  });

  it("prefers the profile of the highest-priority known identifier and links the rest to it", () => {
    const harness = new RulesHarness();
    const byEmail = harness.resolve({ deviceId: "X", identifiers: [email("a@x.io")] });
    const byUser = harness.resolve({ deviceId: "Y", userId: "u1" });
    // Listed email first, but user_id has priority 1: the observation goes to u1's profile id.
    const both = harness.resolve({ identifiers: [email("a@x.io"), { type: "user_id", value: "u1" }] });
    expect(both.assignedProfileId).toBe(byUser.assignedProfileId);
    // u1's profile merges into the email's, the older one, whose id the merged profile keeps.
    expect(both.profileId).toBe(byEmail.profileId);
    expect(both.mergedProfileIds).toEqual([byUser.profileId]);
    expect(harness.profileOf(byUser.assignedProfileId)).toBe(byEmail.profileId);
  });

  it("adds unknown identifiers to the known one's profile", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ userId: "u1" });
    harness.resolve({ userId: "u1", identifiers: [phone("+100")] });
    expect(harness.resolve({ identifiers: [phone("+100")] }).profileId).toBe(first.profileId);
  });
});

describe("rule 5: identifiers on a new device", () => {
  it("creates a profile id for the device and links the identifiers to it", () => {
    const harness = new RulesHarness();
    const answer = harness.resolve({ deviceId: "B", userId: "John" });
    expect(answer.created).toBe(true);
    expect(harness.state.devices.get("B")?.current).toBe(answer.assignedProfileId);
    expect(harness.resolve({ userId: "John" }).profileId).toBe(answer.profileId);
  });

  it("joins the profile of a common user id: every device returns the same profile, each with its own profile id", () => {
    const harness = new RulesHarness();
    const answers = ["B", "C", "D"].map((deviceId) => harness.resolve({ deviceId, userId: "John" }));
    expect(new Set(answers.map((answer) => answer.profileId)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.assignedProfileId)).size).toBe(3);
    expect(answers.map((answer) => answer.created)).toEqual([true, false, false]);
    const profile = harness.state.componentOf(answers[0]?.profileId as string);
    expect([...profile.devices].sort()).toEqual(["B", "C", "D"]);
    // The devices join the profile through the user id; they are not links themselves.
    expect(profile.identifiers.size).toBe(1);
  });

  it("does not report a profile id created by the same observation as merged away when it joins an existing profile", () => {
    const harness = new RulesHarness();
    harness.resolve({ deviceId: "B", userId: "John" });
    const plan = harness.plan({ deviceId: "C", userId: "John" });
    // The profile id created for C in this very observation was never a profile of its own to anyone.
    expect(plan.resolution.mergedProfileIds).toEqual([]);
    expect(auditEntries(plan).map((entry) => entry.action)).toEqual(["PROFILE_CREATED", "IDENTIFIER_LINKED", "PROFILES_MERGED"]);
  });
});
