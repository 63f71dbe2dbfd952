// A pure stand-in for ResolutionStore: the "database" is a full Snapshot; every batch loads only the
// neighbourhood its observations touch (as loadSnapshot does), is decided on it with advance(), and
// only the plan's steps are written back (as applySteps does). Comparing it with advancing one full
// snapshot checks that the rules need nothing beyond the neighbourhood and that the steps say
// everything the rules changed. Device timelines (rule 10) are loaded as the store loads them: only
// the stretches holding the batch's timestamps, and each device's latest.
import { advance, type DecideContext, type Plan } from "../../src/rules/decide.js";
import { IdentityService } from "../../src/identity/identity-service.js";
import { type Identifier, identifierKey, type Observation, type Resolution } from "../../src/rules/model.js";
import type { ResolutionStore } from "../../src/identity/resolution-store.js";
import type { IdentityRules } from "../../src/rules/rules-config.js";
import { type Component, type DeviceState, Snapshot } from "../../src/rules/snapshot.js";
import { comparePositions, copyTimeline, holds, momentOf, type Position } from "../../src/rules/timeline.js";
import { sequentialIds } from "./helpers.js";

export class SimulatedStore {
  readonly database: Snapshot;
  readonly context: DecideContext;
  /** Every plan applied, in order: their steps carry the audit entries the store writes. */
  readonly plans: Plan[] = [];
  /** `timelines`: whether devices keep timelines (rule 10), as the store does; off, every device is decided by arrival alone. */
  constructor(rules: IdentityRules, newId: () => string = sequentialIds(), timelines = true) {
    this.context = { rules, newId, actor: "system" };
    this.database = new Snapshot(timelines);
  }

  /** The part of the database a batch touches: its devices, identifiers and messageIds, and the whole profiles they belong to. */
  loadSnapshot(observations: readonly Observation[]): Snapshot {
    const db = this.database;
    const deviceIds = new Set(observations.flatMap((o) => (o.deviceId === undefined ? [] : [o.deviceId])));
    const identifiers = new Map<string, Identifier>();
    for (const observation of observations)
      for (const identifier of observation.identifiers) identifiers.set(identifierKey(identifier), identifier);
    const messageIds = new Set(observations.flatMap((o) => (o.messageId === undefined ? [] : [o.messageId])));

    const roots = new Set<string>();
    const devices = [...deviceIds].flatMap((id): DeviceState[] => {
      const device = db.devices.get(id);
      if (!device) return [];
      for (const profileId of device.profileIds) roots.add(db.rootOf.get(profileId) as string);
      const loaded: DeviceState = { id, current: device.current, profileIds: new Set(device.profileIds) };
      if (device.timeline) {
        const moments = observations.filter((o) => o.deviceId === id).map((o) => momentOf(o.at));
        const timeline = copyTimeline(device.timeline);
        timeline.stretches = timeline.stretches.filter(
          (stretch) => stretch.until === null || moments.some((moment) => holds(stretch, moment)),
        );
        loaded.timeline = timeline;
      }
      return [loaded];
    });
    const identifierLinks = [...identifiers.values()].map((identifier) => {
      const profileIds = [...(db.identifierLinks.get(identifierKey(identifier))?.profileIds ?? [])];
      for (const profileId of profileIds) roots.add(db.rootOf.get(profileId) as string);
      return { identifier, profileIds };
    });
    const components: Component[] = [...roots].map((root) => db.components.get(root) as Component);
    const messages = [...messageIds].flatMap((messageId) => {
      const resolution = db.messages.get(messageId);
      return resolution ? [{ messageId, resolution, place: db.places.get(messageId) }] : [];
    });
    return Snapshot.from({ components, identifierLinks, devices, messages, timelines: db.timelines });
  }

  /** Decides a batch on its neighbourhood, in order, and writes back only what the plans' steps say. */
  resolveBatch(observations: readonly Observation[]): Resolution[] {
    const snapshot = this.loadSnapshot(observations);
    const db = this.database;
    const rootsBefore = new Map(db.rootOf);
    const resolutions: Resolution[] = [];
    for (const observation of observations) {
      const plan = advance(snapshot, observation, this.context);
      this.plans.push(plan);
      const touches: Array<{ deviceId: string; at: Date; position: Position }> = [];
      for (const step of plan.steps) {
        switch (step.kind) {
          case "createProfileId":
            db.addProfileId(step.profileId, step.deviceId);
            break;
          case "setCurrent":
            db.setCurrent(step.deviceId, step.profileId);
            break;
          case "link":
            db.link(step.identifier, step.profileId);
            break;
          case "receipt":
            // The store keeps receipts as JSON.
            db.messages.set(step.messageId, JSON.parse(JSON.stringify(step.resolution)) as Resolution);
            if (step.place) db.places.set(step.messageId, step.place);
            break;
          case "openTimeline":
            if (db.devices.get(step.deviceId)?.timeline?.stretches[0]?.profileId !== step.profileId) {
              throw new Error(`device ${step.deviceId} opened no timeline for ${step.profileId}`);
            }
            break;
          case "startStretch": {
            const from = step.stretch.from as Position;
            const { cut, started } = db.startStretch(step.deviceId, from, step.stretch.profileId);
            // The neighbourhood's timeline must have cut the same stretch as the whole one.
            const same = (a: Position | null, b: Position | null) => (a === null ? b === null : b !== null && comparePositions(a, b) === 0);
            if (!same(cut.from, step.cut) || !same(started.until, step.stretch.until)) {
              throw new Error(
                `device ${step.deviceId}: the batch cut another stretch at ${from.at.toISOString()}#${from.seq} than the database`,
              );
            }
            break;
          }
          case "reattribute": {
            const { deviceId, fromProfileId, toProfileId } = step.reattribution;
            db.moveReceipts(deviceId, step.from, step.until, fromProfileId, toProfileId);
            break;
          }
          case "touchDevice":
            // Applied after the plan: the device may be created by a later step of it.
            if (step.position !== undefined) touches.push({ deviceId: step.deviceId, at: step.at, position: step.position });
            break;
          case "audit":
            break;
        }
      }
      for (const touch of touches) db.touchTimeline(touch.deviceId, touch.position, touch.at);
      resolutions.push(plan.resolution);
    }
    // The store re-roots exactly the profile ids the snapshot says moved: they must agree with the database.
    for (const [profileId, root] of db.rootOf) {
      if (root !== (rootsBefore.get(profileId) ?? profileId) && !snapshot.rerooted.has(profileId)) {
        throw new Error(`profile id ${profileId} moved to ${root} but the snapshot does not say so`);
      }
    }
    for (const profileId of snapshot.rerooted) {
      if (db.rootOf.get(profileId) !== snapshot.rootOf.get(profileId)) {
        throw new Error(
          `re-rooting disagrees for ${profileId}: snapshot ${snapshot.rootOf.get(profileId)}, database ${db.rootOf.get(profileId)}`,
        );
      }
    }
    return resolutions;
  }

  /** Rule 10's `attribution(deviceId, at)` on the whole database. */
  attribution(deviceId: string, at: Date): string | undefined {
    return this.database.attribution(deviceId, at);
  }
}

/**
 * An IdentityService over a simulated store: validation and batching exactly as in production, no
 * Neo4j. Without timelines unless asked: the service stamps each call with the clock, so timelines
 * of two runs differ by milliseconds and whole databases would not compare equal.
 */
export function simulatedService(
  rules: IdentityRules,
  { timelines = false }: { timelines?: boolean } = {},
): { service: IdentityService; store: SimulatedStore; batches: Observation[][] } {
  const store = new SimulatedStore(rules, sequentialIds(), timelines);
  const batches: Observation[][] = [];
  const fake = {
    resolveBatch: async (observations: Observation[]) => {
      batches.push(observations);
      return store.resolveBatch(observations);
    },
  };
  return { service: new IdentityService(fake as unknown as ResolutionStore, rules), store, batches };
}
