// The worked tables of the seed documents (001: CleverTap "Assigning Identities", 004: "Advanced
// Identity Management") as acceptance tests of the pure rules, row by row from
// test/fixtures/seed-tables.json (docs/identity-rules.md, "The worked tables").
import { describe, expect, it } from "vitest";
import type { Resolution } from "../../src/rules/model.js";
import { type SeedTable, seedTables } from "../support/seed-tables.js";
import { RulesHarness } from "./helpers.js";

const tables = seedTables;

/** Each value replaced by the index of its first occurrence: two lists have the same shape when they repeat and differ in the same places. */
const shape = <T>(values: readonly T[]): number[] => values.map((value) => values.indexOf(value));

function feed(table: SeedTable): { harness: RulesHarness; answers: Resolution[] } {
  const harness = new RulesHarness();
  const answers = table.rows.map((row) => harness.resolve({ deviceId: row.device, userId: row.userId }));
  return { harness, answers };
}

// The documents' CleverTap ID column is the *profile's* id right after each event, i.e.
// Resolution.profileId, not assignedProfileId. The last table of 001 decides it: on row 3 device Q
// (anonymous profile 9) logs in as Smith and the table shows 8. The rules stitch Q's anonymous
// profile id into Smith's profile, so the event is *assigned* to Q's own profile id (9, which is
// what survives a demerge), while the merged profile's id is the older 8. In every other table the
// two columns coincide.
describe("the worked tables of the seed documents", () => {
  it("cover the five tables of 001 and the two of 004", () => {
    expect(tables.filter((table) => table.source.startsWith("001_"))).toHaveLength(5);
    expect(tables.filter((table) => table.source.startsWith("004_"))).toHaveLength(2);
  });

  it.each(tables)("$source, “$name”: the profile ids repeat exactly where the CleverTap IDs repeat", (table) => {
    const { answers } = feed(table);
    const rows = table.rows.map((row, index) => ({ ...row, profileId: answers[index]?.profileId }));
    expect(shape(rows.map((row) => row.profileId)), JSON.stringify(rows, null, 1)).toEqual(shape(table.rows.map((row) => row.cleverTapId)));
  });

  it.each(tables)("$source, “$name”: no row is refused or warned about", (table) => {
    const { answers } = feed(table);
    expect(answers.flatMap((answer) => answer.warnings)).toEqual([]);
  });

  it("“same user id on multiple devices, with anonymous events”: the anonymous id 9 now belongs to profile 8, holding both devices", () => {
    const table = tables.filter((candidate) => candidate.source.startsWith("001_")).at(-1) as SeedTable;
    expect(table.name).toBe("same user id on multiple devices, with anonymous events");
    const { harness, answers } = feed(table);
    const [smithOnP, anonymousOnQ, smithOnQ] = answers as [Resolution, Resolution, Resolution];

    expect(harness.profileOf(anonymousOnQ.assignedProfileId)).toBe(smithOnP.profileId);
    const profile = harness.state.componentOf(anonymousOnQ.assignedProfileId);
    expect([...profile.profileIds].sort()).toEqual([smithOnP.assignedProfileId, anonymousOnQ.assignedProfileId].sort());
    expect([...profile.devices].sort()).toEqual(["P", "Q"]);
    // Smith's login on Q is attributed to Q's own (formerly anonymous) profile id, which merged into 8.
    expect(smithOnQ.assignedProfileId).toBe(anonymousOnQ.assignedProfileId);
    expect(smithOnQ.mergedProfileIds).toEqual([anonymousOnQ.profileId]);
  });
});
