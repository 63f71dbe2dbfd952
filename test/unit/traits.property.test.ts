// Rule 11's promise about time, on the pure model (src/rules/traits.ts): whatever order a trait's
// writes arrive in, what it shows is what replaying them in timestamp order shows — a set replaces,
// a removal removes, a set-once fills only an empty trait; and the profile ids of a profile merge
// the same way, whatever their order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Json, mergeProfileIds, mergeTrait, shown, type TraitState, type TraitWrite, traitsObject } from "../../src/rules/traits.js";

const stamp = (minute: number) => new Date(Date.parse("2026-12-01T10:00:00Z") + minute * 60_000).toISOString();

const writes = fc
  .array(
    fc.record({
      kind: fc.constantFrom<"set" | "once">("set", "set", "once"),
      minute: fc.integer({ min: 0, max: 20 }),
      value: fc.oneof(fc.constantFrom<Json>(null), fc.constantFrom<Json>("free", "pro", 42, true, { a: [1] })),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((list) =>
    list.map(
      (write, index): TraitWrite => ({
        name: "plan",
        kind: write.kind,
        value: write.kind === "once" && write.value === null ? "once" : write.value,
        at: stamp(write.minute),
        arrival: String(index).padStart(4, "0"),
      }),
    ),
  );

/** Replays writes in timestamp order (equal times: by arrival): what the trait shows at the end. */
function replay(all: readonly TraitWrite[]): Json | undefined {
  let value: Json | undefined;
  for (const write of [...all].sort((a, b) => (a.at === b.at ? (a.arrival < b.arrival ? -1 : 1) : a.at < b.at ? -1 : 1))) {
    if (write.kind === "set") value = write.value;
    else if (value === undefined || value === null) value = write.value;
  }
  return value;
}

const merged = (all: readonly TraitWrite[]): TraitState | undefined => all.reduce<TraitState | undefined>(mergeTrait, undefined);

describe("a trait's writes, in any order (rule 11)", () => {
  it("show what their timestamp order shows", () => {
    fc.assert(
      fc.property(
        writes.chain((all) => fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }))),
        ([all, arrived]) => {
          expect(shown(merged(arrived))?.value ?? undefined).toEqual(replay(all) ?? undefined);
          // The merged state itself does not depend on the order.
          expect(merged(arrived)).toEqual(merged(all));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("merge across a profile's profile ids as if they were one", () => {
    fc.assert(
      fc.property(writes, fc.array(fc.nat({ max: 2 }), { minLength: 12, maxLength: 12 }), (all, owners) => {
        const byProfileId = [0, 1, 2].map((owner) => {
          const state = merged(all.filter((_, index) => owners[index] === owner));
          return new Map(state ? [["plan", state]] : []);
        });
        const profile = mergeProfileIds(byProfileId);
        expect(traitsObject(profile)).toEqual(replay(all) === undefined || replay(all) === null ? {} : { plan: replay(all) });
      }),
      { numRuns: 500 },
    );
  });
});

describe("the cases rule 11 names", () => {
  const set = (minute: number, value: Json, arrival = "a"): TraitWrite => ({
    name: "plan",
    kind: "set",
    value,
    at: stamp(minute),
    arrival,
  });
  const once = (minute: number, value: Json, arrival = "a"): TraitWrite => ({
    name: "plan",
    kind: "once",
    value,
    at: stamp(minute),
    arrival,
  });

  it("never lets a late identify replace a newer value", () => {
    expect(shown(merged([set(10, "pro"), set(5, "free")]))?.value).toBe("pro");
  });

  it("lets the later arrival win between two writes stamped the same", () => {
    expect(shown(merged([set(5, "free", "1"), set(5, "pro", "2")]))?.value).toBe("pro");
    expect(shown(merged([set(5, "pro", "2"), set(5, "free", "1")]))?.value).toBe("pro");
  });

  it("sets once only where there is no value yet, the oldest winning", () => {
    expect(shown(merged([once(5, "first"), once(3, "earlier"), once(8, "later")]))?.value).toBe("earlier");
    expect(shown(merged([set(1, "pro"), once(5, "free")]))?.value).toBe("pro");
  });

  it("keeps a removal as a value of its own: a set-once after it fills the trait again", () => {
    expect(shown(merged([set(1, "pro"), set(2, null)]))?.value).toBeNull();
    expect(shown(merged([set(1, "pro"), set(2, null), once(3, "free")]))?.value).toBe("free");
    expect(traitsObject(new Map([["plan", merged([set(1, "pro"), set(2, null)]) as TraitState]]))).toEqual({});
  });
});
