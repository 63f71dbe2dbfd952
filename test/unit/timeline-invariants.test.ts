// The invariant checker's verdicts on device timelines (rule 10), on hand-made graphs: stretches in
// order without gap or overlap, each attributed to an existing profile id of its device, the
// latest one's being the device's current profile id.
import { describe, expect, it } from "vitest";
import type { GraphScan, StretchScan } from "../../src/check/graph-scan.reader.js";
import { findViolations } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";

const T1 = "2026-11-23T10:00:00.000Z";
const T2 = "2026-11-23T10:20:00.000Z";

const stretch = (from: string, fromSeq: number, until: string | null, untilSeq: number | null, profileId: string): StretchScan => ({
  deviceId: "E",
  from,
  fromSeq,
  until,
  untilSeq,
  profileId,
  attributedTo: [profileId],
});

/** The shared tablet E: Bob (b) from the start, Adam (a) from T2. */
function tablet(): GraphScan {
  return {
    profileIds: [
      { id: "a", profile: "a", merges: [] },
      { id: "b", profile: "b", merges: [] },
    ],
    identifiers: [
      { type: "user_id", value: "Bob", profileIds: ["b"] },
      { type: "user_id", value: "Adam", profileIds: ["a"] },
    ],
    devices: [{ id: "E", profileIds: ["a", "b"], currents: ["a"] }],
    crossSpace: [],
    unanswered: 0,
    stretches: [stretch("", 0, T1, 1, "b"), stretch(T1, 1, T2, 3, "b"), stretch(T2, 3, null, null, "a")],
  };
}

const codes = (graph: GraphScan) => findViolations(graph, DEFAULT_IDENTITY_RULES).map((violation) => violation.code);

describe("the invariant checker on device timelines", () => {
  it("accepts a whole timeline, and a device from before timelines that has none", () => {
    expect(findViolations(tablet(), DEFAULT_IDENTITY_RULES)).toEqual([]);
    expect(codes({ ...tablet(), stretches: [] })).toEqual([]);
  });

  it("reports a gap or an overlap between two stretches", () => {
    const gap = tablet();
    gap.stretches = [stretch("", 0, T1, 1, "b"), stretch(T1, 2, T2, 3, "b"), stretch(T2, 3, null, null, "a")];
    expect(codes(gap)).toEqual(["TIMELINE_BROKEN"]);
  });

  it("reports a first stretch that does not reach back and a latest one that does not run on", () => {
    const graph = tablet();
    graph.stretches = [stretch(T1, 1, T2, 3, "b"), stretch(T2, 3, T2, 4, "a")];
    expect(codes(graph)).toEqual(["TIMELINE_BROKEN", "TIMELINE_BROKEN"]);
  });

  it("reports a stretch attributed to a profile id that is not the device's, or that is gone", () => {
    const stranger = tablet();
    stranger.stretches = [stretch("", 0, T2, 3, "x"), stretch(T2, 3, null, null, "a")];
    expect(codes(stranger)).toEqual(["STRETCH_NOT_ITS_DEVICE"]);
    const unlinked = tablet();
    unlinked.stretches = [{ ...stretch("", 0, T2, 3, "b"), attributedTo: [] }, stretch(T2, 3, null, null, "a")];
    expect(codes(unlinked)).toEqual(["STRETCH_NOT_ITS_DEVICE"]);
  });

  it("reports the stretches of a device that no longer exists (a delete that left its id behind)", () => {
    expect(codes({ ...tablet(), devices: [] })).toContain("STRETCH_NOT_ITS_DEVICE");
  });

  it("reports a device whose current profile id is not its latest stretch's", () => {
    const graph = tablet();
    graph.devices = [{ id: "E", profileIds: ["a", "b"], currents: ["b"] }];
    expect(codes(graph)).toEqual(["DEVICE_CURRENT_NOT_LATEST"]);
  });
});
