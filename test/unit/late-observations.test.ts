// Rule 10 of docs/identity-rules.md: a device's activity is attributed by when it happened, not by when it
// arrived. The worked cases of the shared tablet, late logins, ties, the first stretch and the late window.
import { describe, expect, it } from "vitest";
import { rulesWith } from "./helpers.js";
import { at, TimelineHarness } from "./timeline-helpers.js";

describe("rule 10: an anonymous observation that arrives late", () => {
  it("stays Bob's when it was stamped before Adam logged in on the shared tablet, though it arrives after Adam's login", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:05" });
    const late = tablet.resolve({ deviceId: "E", time: "10:02" });
    expect(late).toEqual({
      profileId: bob.profileId,
      assignedProfileId: bob.assignedProfileId,
      created: false,
      mergedProfileIds: [],
      reattributed: [],
      warnings: [],
    });
    // Adam is still the tablet's last known user.
    expect(tablet.current("E")).toBe(adam.assignedProfileId);
    expect(tablet.resolve({ deviceId: "E", time: "10:06" }).assignedProfileId).toBe(adam.assignedProfileId);
  });

  it("belongs to the device's first profile id when it is earlier than anything seen on the device", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:30" });
    expect(tablet.resolve({ deviceId: "E", time: "09:00" }).assignedProfileId).toBe(bob.assignedProfileId);

    const phone = new TimelineHarness();
    const first = phone.resolve({ deviceId: "X", time: "10:00" });
    expect(phone.resolve({ deviceId: "X", time: "08:00" })).toMatchObject({ assignedProfileId: first.assignedProfileId, created: false });
  });
});

describe("rule 10: a login that arrives late", () => {
  it("stitches the device's anonymous events stamped after it to the user (Jane keeps profile 4)", () => {
    const device = new TimelineHarness();
    const before = device.resolve({ deviceId: "A", time: "10:00" });
    const after = device.resolve({ deviceId: "A", time: "10:10" });
    const jane = device.resolve({ deviceId: "A", userId: "Jane", time: "10:05" });
    expect(jane).toMatchObject({ assignedProfileId: before.assignedProfileId, created: false, reattributed: [], warnings: [] });
    expect(after.assignedProfileId).toBe(before.assignedProfileId);
    expect(device.attribution("A", "10:10")).toBe(jane.assignedProfileId);
    expect(device.lastAudit().map((entry) => entry.action)).toEqual(["IDENTIFIER_LINKED"]);
  });

  it("of another person on a shared device moves exactly the stretch after it, up to the device's next login", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00", messageId: "m1" });
    tablet.resolve({ deviceId: "E", time: "10:10", messageId: "m2" });
    tablet.resolve({ deviceId: "E", time: "10:20", messageId: "m3" });
    tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:30", messageId: "m4" });
    tablet.resolve({ deviceId: "E", time: "10:40", messageId: "m5" });

    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:15", messageId: "m6" });
    expect(adam.created).toBe(true);
    expect(adam.profileId).not.toBe(bob.profileId);
    const moved = {
      deviceId: "E",
      from: at("10:15"),
      until: at("10:30"),
      fromProfileId: bob.assignedProfileId,
      toProfileId: adam.assignedProfileId,
    };
    expect(adam.reattributed).toEqual([moved]);
    expect(tablet.lastAudit().find((entry) => entry.action === "ACTIVITY_REATTRIBUTED")).toMatchObject({
      profileIds: [bob.assignedProfileId, adam.assignedProfileId],
      deviceIds: ["E"],
      identifiers: [],
      reattribution: moved,
    });

    expect(["10:10", "10:20", "10:40"].map((time) => tablet.attribution("E", time))).toEqual([
      bob.assignedProfileId,
      adam.assignedProfileId,
      bob.assignedProfileId,
    ]);
    expect(tablet.stretches("E")).toEqual([
      `…–10:00:00: ${bob.assignedProfileId}`,
      `10:00:00–10:15:00: ${bob.assignedProfileId}`,
      `10:15:00–10:30:00: ${adam.assignedProfileId}`,
      `10:30:00–…: ${bob.assignedProfileId}`,
    ]);
    // Bob logged in last: he stays the tablet's current user.
    expect(tablet.current("E")).toBe(bob.assignedProfileId);
  });

  it("moves the receipts of the observations in the moved stretch: a repeated messageId answers where the event belongs now", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    const first = tablet.resolve({ deviceId: "E", time: "10:20", messageId: "m-late" });
    tablet.resolve({ deviceId: "E", time: "10:05", messageId: "m-early" });
    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:15" });

    const repeat = tablet.resolve({ deviceId: "E", time: "10:20", messageId: "m-late" });
    expect(repeat).toEqual({ ...first, assignedProfileId: adam.assignedProfileId, profileId: adam.profileId, warnings: expect.any(Array) });
    expect(repeat.warnings.map((warning) => warning.code)).toEqual(["DUPLICATE_MESSAGE"]);
    expect(tablet.resolve({ deviceId: "E", time: "10:05", messageId: "m-early" }).assignedProfileId).toBe(bob.assignedProfileId);
  });

  it("of another person after the device's latest login moves the rest of the timeline, and that person becomes current", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    tablet.resolve({ deviceId: "E", time: "10:20" });
    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:15" });
    expect(adam.reattributed).toEqual([
      { deviceId: "E", from: at("10:15"), until: null, fromProfileId: bob.assignedProfileId, toProfileId: adam.assignedProfileId },
    ]);
    expect(tablet.current("E")).toBe(adam.assignedProfileId);
    expect(tablet.attribution("E", "10:20")).toBe(adam.assignedProfileId);
    expect(tablet.resolve({ deviceId: "E", time: "10:12" }).assignedProfileId).toBe(bob.assignedProfileId);
  });

  it("of Bob coming back takes his own profile id on the device again, from that moment on", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:10" });
    tablet.resolve({ deviceId: "E", time: "10:25" });
    const back = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:20" });
    expect(back).toMatchObject({ assignedProfileId: bob.assignedProfileId, created: false });
    expect(back.reattributed).toEqual([
      { deviceId: "E", from: at("10:20"), until: null, fromProfileId: adam.assignedProfileId, toProfileId: bob.assignedProfileId },
    ]);
    expect(tablet.store.database.devices.get("E")?.profileIds.size).toBe(2);
    expect(tablet.current("E")).toBe(bob.assignedProfileId);
  });

  it("is decided against the stretch holding its timestamp and does not undo a link made before it arrived (rule 9)", () => {
    // Time order would stitch the 10:00 event to Jane; but Bob's 10:20 login arrived first and
    // already linked that profile id to Bob, so Jane's late 10:10 login starts a stretch of her own.
    const device = new TimelineHarness();
    const anonymous = device.resolve({ deviceId: "A", time: "10:00" });
    const bob = device.resolve({ deviceId: "A", userId: "Bob", time: "10:20" });
    expect(bob.assignedProfileId).toBe(anonymous.assignedProfileId);
    const jane = device.resolve({ deviceId: "A", userId: "Jane", time: "10:10" });
    expect(jane.created).toBe(true);
    expect(jane.warnings).toEqual([]);
    expect(device.attribution("A", "10:00")).toBe(bob.assignedProfileId);
    expect(device.attribution("A", "10:15")).toBe(jane.assignedProfileId);
    expect(device.attribution("A", "10:25")).toBe(bob.assignedProfileId);
    expect(device.current("A")).toBe(bob.assignedProfileId);
  });

  it("earlier than anything on the device cuts the first stretch there; the time before it stays with the first profile id", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "09:00" });
    // Nothing had happened on the device between 09:00 and 10:00: nothing moved, so nothing is reported.
    expect(adam).toMatchObject({ created: true, reattributed: [] });
    expect(tablet.lastAudit().map((entry) => entry.action)).not.toContain("ACTIVITY_REATTRIBUTED");
    expect(tablet.attribution("E", "08:00")).toBe(bob.assignedProfileId);
    expect(tablet.attribution("E", "09:30")).toBe(adam.assignedProfileId);
    expect(tablet.current("E")).toBe(bob.assignedProfileId);
  });
});

describe("rule 10: logins in timestamp order", () => {
  it("never move anything: a repeated login and a stitching login report no reattribution", () => {
    const tablet = new TimelineHarness();
    const answers = [
      tablet.resolve({ deviceId: "E", time: "10:00" }),
      tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:01" }),
      tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:02" }),
      tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:03" }),
      tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:04" }),
    ];
    expect(answers.flatMap((answer) => answer.reattributed)).toEqual([]);
    expect(tablet.store.plans.flatMap((plan) => plan.steps.filter((step) => step.kind === "reattribute"))).toEqual([]);
  });

  it("keep a device's stretches in order, and a repeated login of the same person cuts a stretch for the same profile id", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:30" });
    expect(tablet.stretches("E")).toEqual([
      `…–10:00:00: ${bob.assignedProfileId}`,
      `10:00:00–10:30:00: ${bob.assignedProfileId}`,
      `10:30:00–…: ${bob.assignedProfileId}`,
    ]);
  });
});

describe("rule 10: observations with the same timestamp", () => {
  it("are ordered by arrival: a login stamped the same instant as earlier activity takes over only what arrives after it", () => {
    const tablet = new TimelineHarness();
    const bob = tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    const before = tablet.resolve({ deviceId: "E", time: "10:05", messageId: "m1" });
    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:05" });
    const after = tablet.resolve({ deviceId: "E", time: "10:05" });
    expect(before.assignedProfileId).toBe(bob.assignedProfileId);
    expect(adam.reattributed).toEqual([]);
    expect(after.assignedProfileId).toBe(adam.assignedProfileId);
    expect(tablet.receipt("m1")?.assignedProfileId).toBe(bob.assignedProfileId);
    // Asked about that instant, the device answers with whoever it was after everything that arrived.
    expect(tablet.attribution("E", "10:05")).toBe(adam.assignedProfileId);
  });

  it("include observations without a timestamp, stamped on receipt: they keep their arrival order exactly as before rule 10", () => {
    const tablet = new TimelineHarness();
    const [bob, anonymous, adam, later] = tablet.batch([
      { deviceId: "E", userId: "Bob" },
      { deviceId: "E" },
      { deviceId: "E", userId: "Adam" },
      { deviceId: "E" },
    ]);
    expect(anonymous?.assignedProfileId).toBe(bob?.assignedProfileId);
    expect(later?.assignedProfileId).toBe(adam?.assignedProfileId);
    expect([bob, anonymous, adam, later].flatMap((answer) => answer?.reattributed ?? [])).toEqual([]);
  });
});

describe("rule 10: a batch", () => {
  it("decides its out-of-order observations against one timeline in its own order, as if they arrived one by one", () => {
    const inputs = [
      { deviceId: "E", userId: "Bob", time: "10:00", messageId: "m1" },
      { deviceId: "E", time: "10:20", messageId: "m2" },
      { deviceId: "E", userId: "Adam", time: "10:10", messageId: "m3" },
      { deviceId: "E", time: "10:05", messageId: "m4" },
      { deviceId: "E", time: "10:20", messageId: "m2" },
    ];
    const batched = new TimelineHarness();
    const single = new TimelineHarness();
    expect(batched.batch(inputs)).toEqual(inputs.map((input) => single.resolve(input)));
    expect(batched.store.database.toData()).toEqual(single.store.database.toData());
  });
});

describe("rule 10: the late window", () => {
  const rules = rulesWith({ lateWindow: "1h" });

  it("attributes an anonymous observation stamped more than the window before the device's newest activity by arrival, with LATE_OBSERVATION", () => {
    const tablet = new TimelineHarness(rules);
    tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "11:30" });
    const late = tablet.resolve({ deviceId: "E", time: "10:15" });
    expect(late.assignedProfileId).toBe(adam.assignedProfileId);
    expect(late.warnings.map((warning) => warning.code)).toEqual(["LATE_OBSERVATION"]);
    // Within the window, the timestamp decides, without a warning.
    const inWindow = tablet.resolve({ deviceId: "E", time: "10:45" });
    expect(inWindow.warnings).toEqual([]);
  });

  it("decides a login stamped beyond the window against the device's current user, moving nothing", () => {
    const tablet = new TimelineHarness(rules);
    tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    const bobAt1130 = tablet.resolve({ deviceId: "E", time: "11:30", messageId: "m1" });
    const carol = tablet.resolve({ deviceId: "E", userId: "Carol", time: "09:00" });
    expect(carol).toMatchObject({ created: true, reattributed: [] });
    expect(carol.warnings.map((warning) => warning.code)).toEqual(["LATE_OBSERVATION"]);
    // Placed at the device's newest activity, after everything that arrived before it.
    expect(tablet.current("E")).toBe(carol.assignedProfileId);
    expect(tablet.receipt("m1")?.assignedProfileId).toBe(bobAt1130.assignedProfileId);
    expect(tablet.attribution("E", "09:00")).toBe(bobAt1130.assignedProfileId);
    expect(tablet.attribution("E", "11:29")).toBe(bobAt1130.assignedProfileId);
  });

  it("is 7 days by default, measured per device; observations without a device have none", () => {
    const tablet = new TimelineHarness();
    tablet.resolve({ deviceId: "E", time: "11:00" });
    const sixDays = tablet.resolve({ deviceId: "E", timestamp: new Date(at("11:00").getTime() - 6 * 86_400_000) });
    const eightDays = tablet.resolve({ deviceId: "E", timestamp: new Date(at("11:00").getTime() - 8 * 86_400_000) });
    expect(sixDays.warnings).toEqual([]);
    expect(eightDays.warnings.map((warning) => warning.code)).toEqual(["LATE_OBSERVATION"]);
    expect(tablet.resolve({ deviceId: "F", timestamp: new Date(at("11:00").getTime() - 8 * 86_400_000) }).warnings).toEqual([]);
    expect(tablet.resolve({ userId: "u1", timestamp: new Date(at("11:00").getTime() - 30 * 86_400_000) }).warnings).toEqual([]);
  });
});

describe("rule 10 in a snapshot loaded without timelines", () => {
  it("decides by arrival alone, as before rule 10 (a store that keeps no timelines)", () => {
    const tablet = new TimelineHarness(undefined, false);
    tablet.resolve({ deviceId: "E", userId: "Bob", time: "10:00" });
    const adam = tablet.resolve({ deviceId: "E", userId: "Adam", time: "10:05" });
    expect(tablet.resolve({ deviceId: "E", time: "10:02" }).assignedProfileId).toBe(adam.assignedProfileId);
    expect(tablet.store.plans.flatMap((plan) => plan.steps.filter((step) => step.kind === "startStretch"))).toEqual([]);
  });
});
