// What the explorer lists of a profile's traits (rule 11), from Profile.traits and traitList alone:
// per name the value that shows, when and on which profile id it was set, and what the other
// profile ids hold for that name (what each side keeps after an unmerge).
import { describe, expect, it } from "vitest";
import { traitRows, traitText } from "../../web/explorer/traits.js";

const at = (time: string): string => `2026-12-01T${time}:00.000Z`;

describe("the explorer's list of a profile's traits", () => {
  it("shows per name the value Profile.traits shows, with when and where it was set, and the other profile ids' values", () => {
    const rows = traitRows({
      traits: { plan: "pro", address: { city: "Oslo" } },
      traitList: [
        { name: "plan", value: "free", at: at("10:01"), profileId: "P2" },
        { name: "plan", value: "pro", at: at("10:05"), profileId: "P1" },
        { name: "address", value: { city: "Oslo" }, at: at("09:00"), profileId: "P2" },
        { name: "coupon", value: null, at: at("10:10"), profileId: "P1" },
        { name: "coupon", value: "X1", at: at("10:02"), profileId: "P2" },
      ],
    });
    expect(rows.map((row) => [row.name, row.shown.value, row.shown.profileId, row.others.map((other) => other.profileId)])).toEqual([
      ["address", { city: "Oslo" }, "P2", []],
      ["coupon", null, "P1", ["P2"]],
      ["plan", "pro", "P1", ["P2"]],
    ]);
  });

  it("points at the write that shows, also when it is not the newest (set once: the oldest shows)", () => {
    // Set once on P1 at 10:00 and on P2 at 09:00: the oldest shows.
    const [row] = traitRows({
      traits: { source: "ad" },
      traitList: [
        { name: "source", value: "newsletter", at: at("10:00"), profileId: "P1" },
        { name: "source", value: "ad", at: at("09:00"), profileId: "P2" },
      ],
    });
    expect(row?.shown).toEqual({ name: "source", value: "ad", at: at("09:00"), profileId: "P2" });
  });

  it("writes text as it is, other values as JSON, and a removal as removed", () => {
    expect([traitText("pro"), traitText(3), traitText({ a: [1] }), traitText(null)]).toEqual(["pro", "3", '{"a":[1]}', "removed"]);
  });
});
