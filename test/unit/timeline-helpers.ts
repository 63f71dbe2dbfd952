// Helpers for rule 10's tests: observations stamped at moments of one day, fed through the simulated
// store (which loads only the stretches a batch needs), and the timeline invariants of a database.
import type { AuditDraft } from "../../src/rules/decide.js";
import type { ObservationInput, Resolution } from "../../src/rules/model.js";
import { normaliseObservation } from "../../src/rules/normalise.js";
import { DEFAULT_IDENTITY_RULES, type IdentityRules } from "../../src/rules/rules-config.js";
import type { Snapshot } from "../../src/rules/snapshot.js";
import { comparePositions } from "../../src/rules/timeline.js";
import { sequentialIds } from "./helpers.js";
import { SimulatedStore } from "./simulated-store.js";

/** When the observations of these tests are received; their timestamps are earlier that day. */
export const RECEIVED_AT = new Date("2026-11-23T12:00:00Z");

/** A moment of the test day: `at("10:05")`, `at("10:05:30")`. */
export const at = (time: string): Date => new Date(`2026-11-23T${time.length === 5 ? `${time}:00` : time}Z`);

export type Stamped = ObservationInput & { time?: string };

export class TimelineHarness {
  readonly store: SimulatedStore;
  constructor(
    readonly rules: IdentityRules = DEFAULT_IDENTITY_RULES,
    timelines = true,
  ) {
    this.store = new SimulatedStore(rules, sequentialIds(), timelines);
  }

  /** One observation, stamped at `time` (or on receipt), as a batch of its own. */
  resolve(input: Stamped): Resolution {
    return this.batch([input])[0] as Resolution;
  }

  batch(inputs: readonly Stamped[]): Resolution[] {
    const observations = inputs.map(({ time, ...input }, index) =>
      normaliseObservation(
        { ...input, ...(time === undefined ? {} : { timestamp: at(time) }) },
        this.rules,
        RECEIVED_AT,
        `inputs[${index}]`,
      ),
    );
    return this.store.resolveBatch(observations);
  }

  /** Which profile id the device's activity at `time` belongs to now. */
  attribution(deviceId: string, time: string): string | undefined {
    return this.store.attribution(deviceId, at(time));
  }

  current(deviceId: string): string | undefined {
    return this.store.database.devices.get(deviceId)?.current;
  }

  profileOf(profileId: string): string {
    return this.store.database.componentOf(profileId).root;
  }

  /** The audit entries of the last observation. */
  lastAudit(): AuditDraft[] {
    return (this.store.plans.at(-1)?.steps ?? []).flatMap((step) => (step.kind === "audit" ? [step.entry] : []));
  }

  /** A repeated messageId's answer, without changing anything. */
  receipt(messageId: string): Resolution | undefined {
    return this.store.database.messages.get(messageId);
  }

  /** Each stretch of a device as `from–until: profile id` (times as HH:MM:SS, `…` for open ends). */
  stretches(deviceId: string): string[] {
    const time = (position: { at: Date } | null) => (position === null ? "…" : position.at.toISOString().slice(11, 19));
    return (this.store.database.devices.get(deviceId)?.timeline?.stretches ?? []).map(
      (stretch) => `${time(stretch.from)}–${time(stretch.until)}: ${stretch.profileId}`,
    );
  }
}

/**
 * Every broken timeline invariant of a database that holds whole timelines: stretches in order,
 * each ending where the next begins (no gap, no overlap), the first reaching back and the last
 * running on, each attributed to a profile id of that device that exists, the latest one's being
 * the device's current profile id.
 */
export function timelineViolations(database: Snapshot): string[] {
  const found: string[] = [];
  for (const device of database.devices.values()) {
    const stretches = device.timeline?.stretches;
    if (!stretches) continue;
    if (stretches.length === 0) found.push(`device ${device.id} has an empty timeline`);
    if (stretches[0]?.from !== null) found.push(`device ${device.id}'s first stretch does not reach back`);
    if (stretches.at(-1)?.until !== null) found.push(`device ${device.id}'s last stretch does not run on`);
    stretches.forEach((stretch, index) => {
      if (!device.profileIds.has(stretch.profileId)) found.push(`device ${device.id} has a stretch for ${stretch.profileId}, not its own`);
      if (!database.rootOf.has(stretch.profileId))
        found.push(`device ${device.id} has a stretch for ${stretch.profileId}, which does not exist`);
      if (stretch.from !== null && stretch.until !== null && comparePositions(stretch.from, stretch.until) > 0) {
        found.push(`device ${device.id} has a stretch ending before it starts`);
      }
      const next = stretches[index + 1];
      if (next && (stretch.until === null || next.from === null || comparePositions(stretch.until, next.from) !== 0)) {
        found.push(`device ${device.id}: stretch ${index} does not end where stretch ${index + 1} begins`);
      }
    });
    const latest = stretches.at(-1)?.profileId;
    if (latest !== undefined && latest !== device.current)
      found.push(`device ${device.id}'s current ${device.current} is not its latest stretch's ${latest}`);
  }
  return found;
}

/** Each value replaced by the index of its first occurrence: equal shapes repeat and differ in the same places. */
export const shape = <T>(values: readonly T[]): number[] => values.map((value) => values.indexOf(value));
