// The invariant checker's verdicts on hand-made graphs: each broken promise is named.
import { describe, expect, it } from "vitest";
import type { GraphScan } from "../../src/check/graph-scan.reader.js";
import { findViolations } from "../../src/check/invariants.js";
import { compileRules, DEFAULT_RULES } from "../../src/rules/rules-config.js";

const rules = compileRules({ ...DEFAULT_RULES, deviceCap: 2 });

/** A clean space: one user on two devices (profile ids a and b), one anonymous device (c). */
function cleanGraph(): GraphScan {
  return {
    profileIds: [
      { id: "a", profile: "a", merges: [] },
      { id: "b", profile: "a", merges: [] },
      { id: "c", profile: "c", merges: [] },
    ],
    identifiers: [{ type: "user_id", value: "ann", profileIds: ["a", "b"] }],
    devices: [
      { id: "d1", profileIds: ["a"], currents: ["a"] },
      { id: "d2", profileIds: ["b"], currents: ["b"] },
      { id: "d3", profileIds: ["c"], currents: ["c"] },
    ],
    crossSpace: [],
    unanswered: 0,
  };
}

const codes = (graph: GraphScan) => findViolations(graph, rules).map((v) => v.code);

describe("the invariant checker", () => {
  it("finds nothing wrong in a clean graph", () => {
    expect(findViolations(cleanGraph(), rules)).toEqual([]);
  });

  it("reports a materialised profile id that is not the component's oldest id", () => {
    const graph = cleanGraph();
    graph.profileIds[1] = { id: "b", profile: "b", merges: [] };
    expect(codes(graph)).toContain("WRONG_PROFILE_ID");
  });

  it("reports an identifier reachable from two profiles", () => {
    const graph = cleanGraph();
    graph.identifiers.push({ type: "email", value: "x@example.com", profileIds: ["a", "c"] });
    expect(codes(graph)).toEqual(expect.arrayContaining(["IDENTIFIER_IN_TWO_PROFILES", "WRONG_PROFILE_ID"]));
  });

  it("reports a profile over a type's limit", () => {
    const graph = cleanGraph();
    graph.identifiers.push({ type: "user_id", value: "bob", profileIds: ["b"] });
    expect(codes(graph)).toEqual(["OVER_TYPE_LIMIT"]);
  });

  it("reports a profile over the device cap", () => {
    const graph = cleanGraph();
    graph.profileIds.push({ id: "e", profile: "a", merges: [] });
    graph.identifiers[0]?.profileIds.push("e");
    graph.devices.push({ id: "d4", profileIds: ["e"], currents: ["e"] });
    expect(codes(graph)).toEqual(["OVER_DEVICE_CAP"]);
  });

  it("forgives limits in a profile an admin merged with force", () => {
    const graph = cleanGraph();
    graph.profileIds[2] = { id: "c", profile: "a", merges: [] };
    graph.profileIds[0] = { id: "a", profile: "a", merges: [{ to: "c", forced: true }] };
    expect(codes(graph)).toEqual([]);
  });

  it("reports devices without exactly one current profile id of their own", () => {
    const graph = cleanGraph();
    graph.devices[0] = { id: "d1", profileIds: ["a"], currents: [] };
    graph.devices[1] = { id: "d2", profileIds: ["b"], currents: ["c"] };
    graph.devices.push({ id: "d5", profileIds: [], currents: [] });
    expect(codes(graph)).toEqual([
      "DEVICE_WITHOUT_CURRENT",
      "DEVICE_CURRENT_NOT_ITS_OWN",
      "DEVICE_WITHOUT_PROFILE_ID",
      "DEVICE_WITHOUT_CURRENT",
    ]);
  });

  it("reports a profile id shared by two devices (a profile id is one device's stretch of activity)", () => {
    const graph = cleanGraph();
    graph.devices[2] = { id: "d3", profileIds: ["c", "a"], currents: ["c"] };
    expect(codes(graph)).toContain("PROFILE_ID_ON_TWO_DEVICES");
  });

  it("reports orphan identifiers, links across spaces and half-written messages", () => {
    const graph = cleanGraph();
    graph.identifiers.push({ type: "email", value: "lost@example.com", profileIds: [] });
    graph.crossSpace.push({ type: "IDENTIFIES", fromLabel: "Identifier", toLabel: "ProfileId", n: 1 });
    graph.unanswered = 2;
    expect(codes(graph)).toEqual(["ORPHAN_IDENTIFIER", "CROSS_SPACE_LINK", "UNANSWERED_MESSAGE"]);
  });

  it("reports a trait whose profile id is gone, or that its profile id does not say it holds (rule 11)", () => {
    const graph = cleanGraph();
    graph.traits = [
      { profileId: "a", name: "plan", found: true, flagged: true },
      { profileId: "gone", name: "plan", found: false, flagged: false },
      { profileId: "b", name: "city", found: true, flagged: false },
    ];
    expect(codes(graph)).toEqual(["ORPHAN_TRAIT", "ORPHAN_TRAIT"]);
  });
});
