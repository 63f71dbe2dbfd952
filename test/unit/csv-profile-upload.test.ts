// CSV profile uploads, as CleverTap's: identifier columns name identities; rows that share one are
// one profile under the normal rules; property columns are not identity but the row's traits.
import { describe, expect, it } from "vitest";
import { csvColumns, csvHeaderProblem, csvRow } from "../../src/cli/import/csv-profiles.js";
import type { ObservationDraft } from "../../src/cli/import/draft.js";
import { RulesHarness } from "./helpers.js";

const TYPES = ["user_id", "email", "phone"];

describe("CSV header", () => {
  it("reads Identity, user_id, the identifier types and a device column case-insensitively; any other column is a trait", () => {
    expect(csvColumns(["Identity", "Email", "PHONE", "objectId", "Name", "messageId"], TYPES)).toEqual([
      { kind: "identifier", type: "user_id" },
      { kind: "identifier", type: "email" },
      { kind: "identifier", type: "phone" },
      { kind: "device" },
      { kind: "trait", name: "Name" },
      { kind: "messageId" },
    ]);
  });

  it("is refused when it names no identifier column", () => {
    expect(csvHeaderProblem(csvColumns(["Name", "City"], TYPES))).toMatch(/names no identifier column/);
  });
});

describe("CSV rows", () => {
  const columns = csvColumns(["Identity", "Email", "Phone", "Name"], TYPES);
  const draft = (row: string[]): ObservationDraft => {
    const outcome = csvRow(row, columns);
    if (outcome.kind !== "observation") throw new Error(JSON.stringify(outcome));
    return outcome.draft;
  };

  it("gives a row its identifiers; empty cells are absent", () => {
    expect(draft(["jane-42", "jane@example.com", "", "Jane"]).identifiers).toEqual([
      { type: "user_id", value: "jane-42" },
      { type: "email", value: "jane@example.com" },
    ]);
  });

  it("gives a row its other columns as traits, as written; an empty cell sets none", () => {
    expect(draft(["jane-42", "", "", " Jane "]).traits).toEqual({ Name: " Jane " });
    expect(draft(["jane-42", "", "", ""]).traits).toBeUndefined();
  });

  it("refuses a row with no identifier value or the wrong number of columns", () => {
    expect(csvRow(["", "", "", "Nobody"], columns)).toEqual({ kind: "refuse", reason: "the row has no identifier value" });
    expect(csvRow(["a", "b"], columns)).toEqual({ kind: "refuse", reason: "expected 4 columns, got 2" });
  });

  it("merges rows that share an identity into one profile, and keeps other rows apart", () => {
    const rules = new RulesHarness();
    const rows = [
      ["jane-42", "jane@example.com", "", "Jane"],
      ["", "JANE@example.com", "+1 555 0100", "Jane D."],
      ["john-7", "", "", "John"],
    ];
    const profiles = rows.map((row) => rules.profileOf(rules.resolve({ identifiers: draft(row).identifiers }).profileId));
    expect(profiles[1]).toBe(profiles[0]);
    expect(profiles[2]).not.toBe(profiles[0]);
  });
});
