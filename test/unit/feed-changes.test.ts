// The feed's drafts from what a write knows (src/feed/change-drafts.ts): applied in order to a table
// `profile id -> profile`, they give every profile id's profile as the rules left it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyChanges,
  deletionChange,
  manualMergeChange,
  observationChanges,
  profilesBefore,
  splitChanges,
} from "../../src/feed/change-drafts.js";
import { RulesHarness, sequentialIds } from "./helpers.js";

const context = () => ({ newId: sequentialIds("C"), at: new Date("2026-11-23T00:00:00Z") });

describe("changes of observations", () => {
  it("a login on an anonymous device adds the identifier; a second device of the same user creates and merges nothing", () => {
    const rules = new RulesHarness();
    const step = (input: { deviceId?: string; userId?: string }) => {
      const before = profilesBefore(rules.state.components.values());
      const plan = rules.plan(input);
      return observationChanges(before, [{ deviceId: input.deviceId, steps: plan.steps }], context());
    };
    expect(step({ deviceId: "A" }).map((c) => [c.kind, c.memberships, c.deviceIds])).toEqual([
      ["PROFILE_CREATED", [{ profileId: "P00000001", belongsTo: "P00000001" }], ["A"]],
    ]);
    expect(step({ deviceId: "A", userId: "jane" }).map((c) => [c.kind, c.identifiers, c.deviceIds])).toEqual([
      ["IDENTIFIER_ADDED", [{ type: "user_id", value: "jane" }], ["A"]],
    ]);
    expect(step({ deviceId: "B", userId: "jane" }).map((c) => [c.kind, c.memberships])).toEqual([
      ["PROFILE_CREATED", [{ profileId: "P00000004", belongsTo: "P00000004" }]],
      ["IDENTIFIER_ADDED", [{ profileId: "P00000004", belongsTo: "P00000004" }]],
      [
        "PROFILES_MERGED",
        [
          { profileId: "P00000001", belongsTo: "P00000001" },
          { profileId: "P00000004", belongsTo: "P00000001" },
        ],
      ],
    ]);
  });

  it("for any sequence of observations, the table the changes build is every profile id's profile", () => {
    const observation = fc.record({
      deviceId: fc.option(fc.constantFrom("A", "B", "C", "D"), { nil: undefined }),
      userId: fc.option(fc.constantFrom("u1", "u2", "u3"), { nil: undefined }),
      email: fc.option(fc.constantFrom("a@x.io", "b@x.io"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(observation, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }), (batches) => {
        const rules = new RulesHarness();
        const table = new Map<string, string | null>();
        for (const batch of batches) {
          const before = profilesBefore(rules.state.components.values());
          const planned = batch
            .filter((o) => o.deviceId !== undefined || o.userId !== undefined || o.email !== undefined)
            .map((o) => ({
              deviceId: o.deviceId,
              steps: rules.plan({ deviceId: o.deviceId, userId: o.userId, identifiers: o.email ? [{ type: "email", value: o.email }] : [] })
                .steps,
            }));
          applyChanges(table, observationChanges(before, planned, context()));
        }
        expect(table).toEqual(new Map([...rules.state.rootOf].map(([profileId]) => [profileId, rules.profileOf(profileId)])));
      }),
      { numRuns: 200 },
    );
  });
});

describe("changes of admin operations", () => {
  it("a manual merge moves every profile id to the merged profile's id", () => {
    expect(manualMergeChange("P1", ["P3", "P1", "P2"], "A1", context()).memberships).toEqual([
      { profileId: "P1", belongsTo: "P1" },
      { profileId: "P2", belongsTo: "P1" },
      { profileId: "P3", belongsTo: "P1" },
    ]);
  });

  it("a split lists every piece, a lone profile id losing identifiers is IDENTIFIER_REMOVED, and a redundant link undone is no change", () => {
    const email = { type: "email", value: "a@x.io" };
    const pieces = new Map([
      ["P1", "P1"],
      ["P2", "P2"],
    ]);
    expect(splitChanges(pieces, [email], "A1", context()).map((c) => [c.kind, c.memberships])).toEqual([
      [
        "PROFILE_SPLIT",
        [
          { profileId: "P1", belongsTo: "P1" },
          { profileId: "P2", belongsTo: "P2" },
        ],
      ],
    ]);
    expect(splitChanges(new Map([["P1", "P1"]]), [email], "A1", context()).map((c) => c.kind)).toEqual(["IDENTIFIER_REMOVED"]);
    expect(splitChanges(new Map([["P1", "P1"]]), [], "A1", context())).toEqual([]);
  });

  it("a deletion carries tombstones only", () => {
    const change = deletionChange(["P2", "P1"], "A9", context());
    expect(change).toMatchObject({
      kind: "PROFILE_DELETED",
      memberships: [
        { profileId: "P1", belongsTo: null },
        { profileId: "P2", belongsTo: null },
      ],
      identifiers: [],
      deviceIds: [],
      auditEntryId: "A9",
    });
  });
});
