// Rule 10's promise as a property (docs/identity-rules.md): while identified observations arrive in
// timestamp order, anonymous ones may arrive in any order, early or late, and the profiles and the
// attribution of every observation are exactly those of the time-sorted sequence — up to the naming
// of profile ids, which follows creation order and so arrival.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Identifier, ObservationInput, Resolution } from "../../src/rules/model.js";
import { normaliseObservation } from "../../src/rules/normalise.js";
import type { IdentityRules } from "../../src/rules/rules-config.js";
import { rulesWith, withLimits } from "./helpers.js";
import { SimulatedStore } from "./simulated-store.js";
import { shape, timelineViolations } from "./timeline-helpers.js";

const RECEIVED_AT = new Date("2026-11-23T12:00:00Z");
const START = Date.parse("2026-11-23T10:00:00Z");

const devices = ["d1", "d2", "d3", "d4"];
const users = ["u1", "u2", "u3", "u4"];
const emails = ["a@x.io", "b@x.io", "c@x.io"];

interface Generated {
  input: ObservationInput;
  identified: boolean;
}

// A device most of the time; identifiers often; an observation with neither is given a device.
const observation: fc.Arbitrary<Generated> = fc
  .record({
    deviceId: fc.option(fc.constantFrom(...devices), { nil: undefined, freq: 8 }),
    userId: fc.option(fc.constantFrom(...users), { nil: undefined, freq: 2 }),
    email: fc.option(fc.constantFrom(...emails), { nil: undefined, freq: 3 }),
  })
  .map(({ deviceId, userId, email }) => {
    const identifiers: Identifier[] = email === undefined ? [] : [{ type: "email", value: email }];
    const identified = userId !== undefined || identifiers.length > 0;
    return { input: { deviceId: deviceId ?? (identified ? undefined : "d1"), userId, identifiers }, identified };
  });

const identityRules: fc.Arbitrary<IdentityRules> = fc
  .record({ deviceCap: fc.constantFrom(1, 2, 50), email: fc.constantFrom(1, 2) })
  .map(({ deviceCap, email }) => rulesWith({ deviceCap, identifierTypes: withLimits({ email }) }));

/**
 * A sequence in timestamp order (a minute apart, each with its own messageId), and an arrival
 * order: the identified observations in their order, each anonymous one slotted in anywhere.
 */
const scenario = fc
  .array(observation, { minLength: 1, maxLength: 30 })
  .chain((sequence) =>
    fc.record({
      sequence: fc.constant(sequence),
      slots: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: sequence.length, maxLength: sequence.length }),
      batchSizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
    }),
  )
  .map(({ sequence, slots, batchSizes }) => {
    const identifiedCount = sequence.filter((item) => item.identified).length;
    let rank = 0;
    const keyed = sequence.map((item, index) => {
      const [slot, tie] = slots[index] as [number, number];
      // Identified: odd keys in their order; anonymous: an even key between any two of them.
      const key = item.identified ? 2 * rank++ + 1 : 2 * (slot % (identifiedCount + 1));
      return { index, key, tie };
    });
    const arrival = keyed.sort((a, b) => a.key - b.key || a.tie - b.tie).map(({ index }) => index);
    return { sequence, arrival, batchSizes };
  });

interface Outcome {
  answers: Resolution[];
  store: SimulatedStore;
}

function run(rules: IdentityRules, sequence: readonly Generated[], arrival: readonly number[], batchSizes: readonly number[]): Outcome {
  const store = new SimulatedStore(rules);
  const observations = sequence.map(({ input }, index) =>
    normaliseObservation({ ...input, timestamp: new Date(START + index * 60_000), messageId: `m${index}` }, rules, RECEIVED_AT),
  );
  const answers: Resolution[] = [];
  let start = 0;
  for (let n = 0; start < arrival.length; n++) {
    const size = batchSizes[n % batchSizes.length] as number;
    const batch = arrival.slice(start, start + size);
    store.resolveBatch(batch.map((index) => observations[index] as (typeof observations)[number])).forEach((answer, position) => {
      answers[batch[position] as number] = answer;
    });
    start += size;
  }
  return { answers, store };
}

/** Per observation in timestamp order: where its activity belongs now (a device's attribution, or its answer without a device). */
function attributions(outcome: Outcome, sequence: readonly Generated[]): string[] {
  return sequence.map(({ input }, index) =>
    input.deviceId == null
      ? (outcome.answers[index] as Resolution).assignedProfileId
      : (outcome.store.attribution(input.deviceId, new Date(START + index * 60_000)) as string),
  );
}

/** The final graph up to naming: profiles of the observations and of each identifier, profile ids per device, sizes. */
function graphShape(outcome: Outcome, sequence: readonly Generated[]) {
  const db = outcome.store.database;
  const rootOf = (profileId: string) => db.rootOf.get(profileId) ?? "gone";
  const attributed = attributions(outcome, sequence);
  const identifierRoots = [...users.map((value) => ({ type: "user_id", value })), ...emails.map((value) => ({ type: "email", value }))].map(
    (identifier) => {
      const component = db.componentOfIdentifier(identifier);
      return component ? component.root : `none:${identifier.value}`;
    },
  );
  const deviceIds = sequence.flatMap(({ input }, index) => (input.deviceId == null ? [] : [index]));
  return {
    // Device activity by attribution; every observation and identifier by profile.
    attributions: shape(deviceIds.map((index) => attributed[index])),
    profiles: shape([...attributed.map(rootOf), ...identifierRoots]),
    profileIdsPerDevice: devices.map((deviceId) => db.devices.get(deviceId)?.profileIds.size ?? 0),
    profileIds: db.rootOf.size,
    profileCount: db.components.size,
  };
}

const RUNS = Number(process.env.IDGRAPH_PROPERTY_RUNS ?? 200);
const TIMEOUT = 60_000 * Math.max(1, RUNS / 200);

describe("rule 10: identified observations in timestamp order, anonymous ones in any order", { timeout: TIMEOUT }, () => {
  it("end with the profiles and attributions of the time-sorted sequence, receipts that agree, and whole timelines", () => {
    fc.assert(
      fc.property(identityRules, scenario, (rules, { sequence, arrival, batchSizes }) => {
        const sorted = run(
          rules,
          sequence,
          sequence.map((_, index) => index),
          [1],
        );
        const shuffled = run(rules, sequence, arrival, batchSizes);
        expect(graphShape(shuffled, sequence)).toEqual(graphShape(sorted, sequence));

        // In timestamp order nothing is ever moved; out of order, every receipt follows its stretch.
        expect(sorted.answers.flatMap((answer) => answer.reattributed)).toEqual([]);
        for (const outcome of [sorted, shuffled]) {
          const attributed = attributions(outcome, sequence);
          expect(sequence.map((_, index) => outcome.store.database.messages.get(`m${index}`)?.assignedProfileId)).toEqual(attributed);
          expect(outcome.answers.flatMap((answer) => answer.warnings.map((warning) => warning.code))).not.toContain("LATE_OBSERVATION");
          expect(timelineViolations(outcome.store.database)).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("reach the cases that matter: late anonymous events, moved stretches, merges and refused links", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(identityRules, scenario, (rules, { sequence, arrival, batchSizes }) => {
        const { answers } = run(rules, sequence, arrival, batchSizes);
        if (arrival.some((index, position) => position > 0 && index < (arrival[position - 1] as number))) seen.add("out of order");
        for (const answer of answers) {
          if (answer.reattributed.length > 0) seen.add("reattributed");
          if (answer.mergedProfileIds.length > 0) seen.add("merged");
          for (const warning of answer.warnings) seen.add(warning.code);
        }
      }),
      { numRuns: 100, seed: 7 },
    );
    expect([...seen].sort()).toEqual(["DEVICE_LIMIT_REACHED", "IDENTIFIER_CONFLICT", "merged", "out of order", "reattributed"].sort());
  });
});
