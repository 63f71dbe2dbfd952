// Property-based tests of the pure rules: random observation sequences over small pools of devices,
// identifiers (some blocked, some spelt differently) and messageIds, under random limits and a small
// device cap, must keep the graph's invariants after every step (docs/identity-rules.md; the same
// invariants src/check/invariants.ts checks on Neo4j).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advance, type DecideContext } from "../../src/rules/decide.js";
import { ErrorCode, IdgraphError } from "../../src/errors.js";
import type { Observation, ObservationInput, Resolution } from "../../src/rules/model.js";
import { normaliseObservation } from "../../src/rules/normalise.js";
import type { IdentityRules } from "../../src/rules/rules-config.js";
import { Snapshot } from "../../src/rules/snapshot.js";
import { rulesWith, sequentialIds, withLimits } from "./helpers.js";
import { SimulatedStore } from "./simulated-store.js";

const RECEIVED_AT = new Date("2026-11-23T00:00:00Z");

// Pools: real values, spellings that normalise to them, and blocked values.
const devicePool = ["d1", "d2", "d3", "d4", "d5", "d6", " d1 ", "null", "0000-0000", " "];
const userPool = ["u1", "u2", "u3", "u4", "u5", "U1", "undefined"];
const emailPool = ["a@x.io", "b@x.io", "c@x.io", "d@x.io", " A@X.io ", "EMAIL"];
const phonePool = ["+1 555", "+1-555", "+2 (666)", "777", "0"];
const messagePool = ["m1", "m2", "m3", "m4", "m5", "m6"];

const observationInput: fc.Arbitrary<ObservationInput> = fc
  .record({
    deviceId: fc.option(fc.constantFrom(...devicePool), { nil: undefined, freq: 5 }),
    userId: fc.option(fc.constantFrom(...userPool), { nil: undefined, freq: 2 }),
    emails: fc.subarray(emailPool, { maxLength: 2 }),
    phones: fc.subarray(phonePool, { maxLength: 1 }),
    messageId: fc.option(fc.constantFrom(...messagePool), { nil: undefined, freq: 2 }),
  })
  .map(({ deviceId, userId, emails, phones, messageId }) => ({
    deviceId,
    userId,
    identifiers: [...emails.map((value) => ({ type: "email", value })), ...phones.map((value) => ({ type: "phone", value }))],
    messageId,
  }));

const identityRules: fc.Arbitrary<IdentityRules> = fc
  .record({
    deviceCap: fc.constantFrom(1, 2, 3, 3, 50),
    user_id: fc.constantFrom(1, 1, 1, 2),
    email: fc.constantFrom(1, 1, 2, 5),
    phone: fc.constantFrom(1, 2),
  })
  .map(({ deviceCap, ...limits }) => rulesWith({ deviceCap, identifierTypes: withLimits(limits) }));

/** The observation normalised, or undefined when rule 1 refuses it (which must be BAD_USER_INPUT). */
function normalised(input: ObservationInput, rules: IdentityRules): Observation | undefined {
  try {
    return normaliseObservation(input, rules, RECEIVED_AT);
  } catch (error) {
    expect(error).toBeInstanceOf(IdgraphError);
    expect((error as IdgraphError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return undefined;
  }
}

/** A snapshot as plain sorted data, to compare two of them regardless of insertion order. */
function canonical(snapshot: Snapshot) {
  const sorted = (values: Iterable<string>) => [...values].sort();
  return {
    components: [...snapshot.components.values()]
      .map((component) => ({
        root: component.root,
        profileIds: sorted(component.profileIds),
        identifiers: sorted(component.identifiers.keys()),
        devices: sorted(component.devices),
      }))
      .sort((a, b) => (a.root < b.root ? -1 : 1)),
    rootOf: [...snapshot.rootOf].sort(),
    identifierLinks: [...snapshot.identifierLinks].map(([key, link]) => [key, sorted(link.profileIds)]).sort(),
    devices: [...snapshot.devices.values()].map((device) => [device.id, device.current, sorted(device.profileIds)]).sort(),
    messages: [...snapshot.messages]
      .map(([messageId, resolution]) => [messageId, JSON.parse(JSON.stringify(resolution)) as unknown])
      .sort(),
  };
}

/** Every broken invariant of a snapshot that holds the whole graph, as readable messages. */
function violations(snapshot: Snapshot, rules: IdentityRules): string[] {
  const found: string[] = [];
  // rootOf and components agree, and a profile's id is its smallest profile id.
  let members = 0;
  for (const [root, component] of snapshot.components) {
    if (component.root !== root) found.push(`component keyed ${root} says its root is ${component.root}`);
    const smallest = [...component.profileIds].sort()[0];
    if (smallest !== root) found.push(`profile ${root} is not its smallest profile id ${smallest}`);
    for (const profileId of component.profileIds) {
      members++;
      if (snapshot.rootOf.get(profileId) !== root) found.push(`rootOf(${profileId}) is ${snapshot.rootOf.get(profileId)}, not ${root}`);
    }
  }
  if (members !== snapshot.rootOf.size) found.push(`rootOf knows ${snapshot.rootOf.size} profile ids, the components ${members}`);

  // No identifier in two profiles, and each profile's identifiers are exactly those linked to it.
  const identifiersOf = new Map<string, Set<string>>();
  for (const [key, link] of snapshot.identifierLinks) {
    const roots = new Set([...link.profileIds].map((profileId) => snapshot.rootOf.get(profileId)));
    if (roots.size !== 1) found.push(`identifier ${key} is in ${roots.size} profiles: ${[...roots].join(", ")}`);
    for (const root of roots) if (root !== undefined) identifiersOf.set(root, (identifiersOf.get(root) ?? new Set()).add(key));
  }
  for (const [root, component] of snapshot.components) {
    const linked = [...(identifiersOf.get(root) ?? [])].sort();
    if (JSON.stringify(linked) !== JSON.stringify([...component.identifiers.keys()].sort())) {
      found.push(`profile ${root} lists identifiers ${[...component.identifiers.keys()]} but is linked to ${linked}`);
    }
    // Within every limit.
    const perType = new Map<string, number>();
    for (const identifier of component.identifiers.values()) perType.set(identifier.type, (perType.get(identifier.type) ?? 0) + 1);
    for (const [type, count] of perType) {
      const limit = rules.types.get(type)?.limit ?? 0;
      if (count > limit) found.push(`profile ${root} holds ${count} ${type} values, over its limit of ${limit}`);
    }
  }

  // Devices, counted by their HAS_PROFILE_ID profile ids: within the cap, and as the components say.
  const devicesOf = new Map<string, Set<string>>();
  const deviceOfProfileId = new Map<string, string>();
  for (const device of snapshot.devices.values()) {
    if (!device.profileIds.has(device.current)) found.push(`device ${device.id}'s current ${device.current} is not one of its profile ids`);
    if (!snapshot.rootOf.has(device.current)) found.push(`device ${device.id}'s current ${device.current} does not exist`);
    for (const profileId of device.profileIds) {
      const other = deviceOfProfileId.get(profileId);
      if (other !== undefined) found.push(`profile id ${profileId} belongs to devices ${other} and ${device.id}`);
      deviceOfProfileId.set(profileId, device.id);
      const root = snapshot.rootOf.get(profileId);
      if (root === undefined) found.push(`device ${device.id} has a profile id ${profileId} that does not exist`);
      else devicesOf.set(root, (devicesOf.get(root) ?? new Set()).add(device.id));
    }
  }
  for (const [root, component] of snapshot.components) {
    const devices = devicesOf.get(root) ?? new Set<string>();
    if (devices.size > rules.deviceCap) found.push(`profile ${root} holds ${devices.size} devices, over the cap of ${rules.deviceCap}`);
    if (JSON.stringify([...devices].sort()) !== JSON.stringify([...component.devices].sort())) {
      found.push(`profile ${root} lists devices ${[...component.devices]} but holds ${[...devices]}`);
    }
  }
  return found;
}

// Enough to reach every rule (see the last test) while keeping the unit project fast; raise it for a deep run.
const RUNS = Number(process.env.IDGRAPH_PROPERTY_RUNS ?? 250);
// A loaded CI machine can be slow; this is a safety net, not a timing claim.
const TIMEOUT = 60_000 * Math.max(1, RUNS / 250);

describe("random observation sequences", { timeout: TIMEOUT }, () => {
  it("keep every invariant after every step, answer as the full-graph rules do, and honour repeated messageIds", () => {
    fc.assert(
      fc.property(identityRules, fc.array(observationInput, { minLength: 1, maxLength: 40 }), (rules, inputs) => {
        // The store's way (neighbourhood snapshot, steps written back) beside one full snapshot.
        const store = new SimulatedStore(rules);
        const full = new Snapshot();
        const fullContext: DecideContext = { rules, newId: sequentialIds(), actor: "system" };
        const firstAnswers = new Map<string, Resolution>();

        for (const input of inputs) {
          const observation = normalised(input, rules);
          if (observation === undefined) continue;
          const before = canonical(store.database);
          const [answer] = store.resolveBatch([observation]) as [Resolution];
          expect(answer).toEqual(advance(full, observation, fullContext).resolution);
          const db = store.database;

          const first = observation.messageId === undefined ? undefined : firstAnswers.get(observation.messageId);
          if (first !== undefined) {
            // Rule 8: the first answer, DUPLICATE_MESSAGE, and nothing changed.
            expect(answer).toEqual({ ...first, warnings: [...first.warnings, expect.objectContaining({ code: "DUPLICATE_MESSAGE" })] });
            expect(canonical(db)).toEqual(before);
            continue;
          }
          if (observation.messageId !== undefined) firstAnswers.set(observation.messageId, answer);

          expect(violations(db, rules)).toEqual([]);
          expect(canonical(db)).toEqual(canonical(full));
          // The answer describes the graph right after the observation.
          expect(db.rootOf.get(answer.assignedProfileId)).toBe(answer.profileId);
          if (observation.deviceId !== undefined) {
            expect(db.devices.get(observation.deviceId)?.current).toBe(answer.assignedProfileId);
          }
          for (const merged of answer.mergedProfileIds) expect(db.rootOf.get(merged)).toBe(answer.profileId);
          expect(answer.warnings.some((warning) => warning.code === "DUPLICATE_MESSAGE")).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("give the same answers and the same graph whether resolved as batches or one by one (rule 9)", () => {
    fc.assert(
      fc.property(
        identityRules,
        fc.array(observationInput, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 40 }),
        (rules, inputs, batchSizes) => {
          // A batch with one refused observation is refused whole (batch-order.test.ts); here every observation is valid.
          const observations = inputs.flatMap((input) => normalised(input, rules) ?? []);
          const oneByOne = new SimulatedStore(rules);
          const batched = new SimulatedStore(rules);
          const singleAnswers = observations.map((observation) => oneByOne.resolveBatch([observation])[0]);
          const batchAnswers: Array<Resolution | undefined> = [];
          let start = 0;
          for (let n = 0; start < observations.length; n++) {
            const size = batchSizes[n % batchSizes.length] as number;
            batchAnswers.push(...batched.resolveBatch(observations.slice(start, start + size)));
            start += size;
          }
          expect(batchAnswers).toEqual(singleAnswers);
          expect(canonical(batched.database)).toEqual(canonical(oneByOne.database));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("use every rule of the page along the way (the generators reach conflicts, caps, ghosts and duplicates)", () => {
    // Guards the properties above against generators that never reach the interesting cases.
    const seen = new Set<string>();
    fc.assert(
      fc.property(identityRules, fc.array(observationInput, { minLength: 1, maxLength: 40 }), (rules, inputs) => {
        const store = new SimulatedStore(rules);
        for (const input of inputs) {
          const observation = normalised(input, rules);
          if (observation === undefined) {
            seen.add("BAD_USER_INPUT");
            continue;
          }
          const [answer] = store.resolveBatch([observation]) as [Resolution];
          for (const warning of answer.warnings) seen.add(warning.code);
          if (answer.mergedProfileIds.length > 0) seen.add("merged");
          if (answer.created && store.database.devices.get(observation.deviceId ?? "")?.profileIds.size === 2) seen.add("appended");
        }
      }),
      { numRuns: 100, seed: 42 },
    );
    expect([...seen].sort()).toEqual(
      [
        "BAD_USER_INPUT",
        "BLOCKED_IDENTIFIER",
        "DEVICE_LIMIT_REACHED",
        "DUPLICATE_MESSAGE",
        "IDENTIFIER_CONFLICT",
        "appended",
        "merged",
      ].sort(),
    );
  });
});
