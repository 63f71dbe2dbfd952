// The fast path for observations that change nothing (src/rules/batch.ts) as a property: random
// batches of random observations — mostly steady traffic (known devices with the identifiers
// already linked to them), with logins, new devices, shared devices, late and duplicate messages —
// give the same answers, the same plans (the same writes) and the same graph when the store loads
// whole only the profiles the rules ask for as when it loads every profile a batch touches.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Identifier, Observation, ObservationInput } from "../../src/rules/model.js";
import { normaliseObservation } from "../../src/rules/normalise.js";
import type { IdentityRules } from "../../src/rules/rules-config.js";
import { rulesWith, withLimits } from "./helpers.js";
import { SimulatedStore } from "./simulated-store.js";

const RECEIVED_AT = new Date("2026-11-23T12:00:00Z");
const START = Date.parse("2026-11-23T10:00:00Z");
const RUNS = Number(process.env.IDGRAPH_PROPERTY_RUNS ?? 250);

const people = [
  { userId: "u1", email: "a@x.io", devices: ["d1", "d2"] },
  { userId: "u2", email: "b@x.io", devices: ["d3"] },
  { userId: "u3", email: undefined, devices: ["d4", "d5"] },
  { userId: "u4", email: "c@x.io", devices: ["d6"] },
];

/** One observation: usually a person's event on one of their devices, sometimes anything at all. */
const observationInput: fc.Arbitrary<ObservationInput> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        person: fc.constantFrom(...people),
        device: fc.nat(),
        identified: fc.boolean(),
        withEmail: fc.boolean(),
      })
      .map(({ person, device, identified, withEmail }) => ({
        deviceId: person.devices[device % person.devices.length],
        userId: identified ? person.userId : undefined,
        identifiers: identified && withEmail && person.email ? [{ type: "email", value: person.email }] : [],
      })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        deviceId: fc.option(fc.constantFrom("d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"), { nil: undefined, freq: 6 }),
        userId: fc.option(fc.constantFrom("u1", "u2", "u3", "u4", "u5"), { nil: undefined, freq: 2 }),
        email: fc.option(fc.constantFrom("a@x.io", "b@x.io", "c@x.io", "d@x.io"), { nil: undefined, freq: 3 }),
      })
      .map(({ deviceId, userId, email }) => {
        const identifiers: Identifier[] = email === undefined ? [] : [{ type: "email", value: email }];
        return { deviceId: deviceId ?? (userId === undefined && identifiers.length === 0 ? "d1" : undefined), userId, identifiers };
      }),
  },
);

const step = fc.record({
  input: observationInput,
  /** Minutes after the previous observation's moment; negative: a late one. */
  minutes: fc.integer({ min: -30, max: 10 }),
  /** Repeat an earlier messageId (rule 8) instead of a new one. */
  repeat: fc.option(fc.nat(), { nil: undefined, freq: 10 }),
});

const identityRules: fc.Arbitrary<IdentityRules> = fc
  .record({ deviceCap: fc.constantFrom(1, 2, 3, 50), user_id: fc.constantFrom(1, 1, 2), email: fc.constantFrom(1, 2) })
  .map(({ deviceCap, ...limits }) => rulesWith({ deviceCap, identifierTypes: withLimits(limits), lateWindow: "1h" }));

function observationsOf(
  steps: Array<{ input: ObservationInput; minutes: number; repeat: number | undefined }>,
  rules: IdentityRules,
): Observation[] {
  let at = START;
  return steps.map(({ input, minutes, repeat }, index) => {
    at += minutes * 60_000;
    const messageId = repeat !== undefined && index > 0 ? `m${repeat % index}` : `m${index}`;
    return normaliseObservation({ ...input, messageId, timestamp: new Date(at) }, rules, RECEIVED_AT);
  });
}

function batchesOf<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  const batches: T[][] = [];
  let from = 0;
  for (let i = 0; from < items.length; i++) {
    const size = sizes[i % sizes.length] as number;
    batches.push(items.slice(from, from + size));
    from += size;
  }
  return batches;
}

describe("observations that change nothing, decided on the batch's neighbourhood alone", {
  timeout: 60_000 * Math.max(1, RUNS / 250),
}, () => {
  it("give the same answers, writes and graph as deciding on whole profiles, for random batches", () => {
    let partialBatches = 0;
    fc.assert(
      fc.property(
        identityRules,
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
        (rules, steps, sizes) => {
          const observations = observationsOf(steps, rules);
          const whole = new SimulatedStore(rules);
          const fast = new SimulatedStore(rules, undefined, true, true);
          for (const batch of batchesOf(observations, sizes)) {
            expect(fast.resolveBatch(batch)).toEqual(whole.resolveBatch(batch));
          }
          expect(fast.plans).toEqual(whole.plans);
          expect(fast.database.toData()).toEqual(whole.database.toData());
          partialBatches += fast.wholeLoads.length;
        },
      ),
      { numRuns: RUNS },
    );
    expect(partialBatches).toBeGreaterThan(0);
  });

  it("load no profile whole for a batch of steady traffic", () => {
    const rules = rulesWith({});
    const store = new SimulatedStore(rules, undefined, true, true);
    const login = (deviceId: string, userId: string, minute: number, messageId: string) =>
      normaliseObservation({ deviceId, userId, messageId, timestamp: new Date(START + minute * 60_000) }, rules, RECEIVED_AT);
    const anonymous = (deviceId: string, minute: number, messageId: string) =>
      normaliseObservation({ deviceId, messageId, timestamp: new Date(START + minute * 60_000) }, rules, RECEIVED_AT);
    store.resolveBatch([login("d1", "u1", 0, "a"), login("d2", "u1", 1, "b"), login("d3", "u2", 2, "c")]);
    const [first] = store.resolveBatch([login("d1", "u1", 0, "a")]);
    const answers = store.resolveBatch([
      anonymous("d1", 5, "e1"),
      login("d2", "u1", 6, "e2"),
      login("d3", "u2", 7, "e3"),
      login("d1", "u1", 0, "a"),
    ]);
    expect(store.wholeLoads.at(-1)).toBe(0);
    expect(
      store.plans.slice(-4).every((plan) => plan.steps.every((s) => ["touchDevice", "startStretch", "receipt"].includes(s.kind))),
    ).toBe(true);
    expect(answers.map((answer) => answer.profileId)).toEqual([
      first?.profileId,
      first?.profileId,
      answers[2]?.profileId,
      first?.profileId,
    ]);
    expect(answers[2]?.profileId).not.toBe(first?.profileId);
  });
});
