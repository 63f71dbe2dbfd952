// Rule 8 of docs/identity-rules.md: an observation whose messageId was seen before returns the first
// answer, with a DUPLICATE_MESSAGE warning, and changes nothing.
import { describe, expect, it } from "vitest";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { RulesHarness } from "./helpers.js";
import { simulatedService } from "./simulated-store.js";

const context = { space: "test", actor: "system" };

describe("rule 8: a repeated messageId", () => {
  it("returns the first answer with a DUPLICATE_MESSAGE warning and plans nothing", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ messageId: "m1", deviceId: "X", userId: "u1" });
    const before = harness.state.toData();
    const plan = harness.plan({ messageId: "m1", deviceId: "X", userId: "u1" });
    expect(plan.steps).toEqual([]);
    expect(plan.resolution).toEqual({ ...first, warnings: [{ code: "DUPLICATE_MESSAGE", message: expect.stringContaining("m1") }] });
    expect(harness.state.toData()).toEqual(before);
  });

  it("returns the first answer even when the repeat carries other data, and changes nothing", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ messageId: "m1", deviceId: "X" });
    const before = harness.state.toData();
    const repeat = harness.resolve({ messageId: "m1", deviceId: "Y", userId: "someone-else" });
    expect(repeat.assignedProfileId).toBe(first.assignedProfileId);
    expect(repeat.created).toBe(true);
    expect(harness.state.toData()).toEqual(before);
    expect(harness.state.devices.has("Y")).toBe(false);
  });

  it("returns the first answer even after the profile changed since", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ messageId: "m1", deviceId: "Q" });
    harness.resolve({ deviceId: "P", userId: "Smith" });
    harness.resolve({ deviceId: "Q", userId: "Smith" });
    expect(harness.resolve({ messageId: "m1", deviceId: "Q" })).toMatchObject({
      profileId: first.profileId,
      assignedProfileId: first.assignedProfileId,
    });
  });

  it("keeps the first answer's own warnings before DUPLICATE_MESSAGE", () => {
    const harness = new RulesHarness();
    const first = harness.resolve({ messageId: "m1", deviceId: "X", userId: "null" });
    expect(harness.resolve({ messageId: "m1", deviceId: "X", userId: "null" }).warnings.map((warning) => warning.code)).toEqual([
      ...first.warnings.map((warning) => warning.code),
      "DUPLICATE_MESSAGE",
    ]);
  });

  it("is recognised within one batch, and between batches", async () => {
    const { service, store } = simulatedService(DEFAULT_IDENTITY_RULES);
    const [first, repeat] = await service.resolveBatch(
      [
        { messageId: "m1", deviceId: "X" },
        { messageId: "m1", deviceId: "Y" },
      ],
      context,
    );
    expect(repeat).toEqual({ ...first, warnings: [expect.objectContaining({ code: "DUPLICATE_MESSAGE" })] });
    expect(store.database.devices.has("Y")).toBe(false);
    const later = await service.resolve({ messageId: "m1", deviceId: "Z" }, context);
    expect(later).toEqual({ ...first, warnings: [expect.objectContaining({ code: "DUPLICATE_MESSAGE" })] });
    expect(store.database.devices.has("Z")).toBe(false);
  });

  it("applies observations without a messageId every time", () => {
    const harness = new RulesHarness();
    harness.resolve({ deviceId: "X" });
    expect(harness.resolve({ deviceId: "X" }).warnings).toEqual([]);
  });
});
