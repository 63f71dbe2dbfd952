// A pure stand-in for ResolutionStore: the "database" is a full Snapshot; every batch loads only the
// neighbourhood its observations touch (as loadSnapshot does), is decided on it with advance(), and
// only the plan's steps are written back (as applySteps does). Comparing it with advancing one full
// snapshot checks that the rules need nothing beyond the neighbourhood and that the steps say
// everything the rules changed. Device timelines (rule 10) are loaded as the store loads them: only
// the stretches holding the batch's timestamps, and each device's latest. With `partial`, a batch
// loads whole only the profiles the rules ask for (src/rules/batch.ts), as the store's fast path
// does; every other profile comes as far as the neighbourhood shows it.
import { decideBatch } from "../../src/rules/batch.js";
import { advance, type DecideContext, type Plan } from "../../src/rules/decide.js";
import { IdentityService } from "../../src/identity/identity.service.js";
import { type Identifier, identifierKey, type Observation, type Resolution } from "../../src/rules/model.js";
import type { ResolutionStore } from "../../src/identity/resolution.store.js";
import type { IdentityRules } from "../../src/rules/rules-config.js";
import { type Component, type DeviceState, Snapshot } from "../../src/rules/snapshot.js";
import { comparePositions, copyTimeline, holds, momentOf, type Position } from "../../src/rules/timeline.js";
import type { TraitState } from "../../src/rules/traits.js";
import { sequentialIds } from "./helpers.js";

export class SimulatedStore {
  readonly database: Snapshot;
  readonly context: DecideContext;
  /** Every plan applied, in order: their steps carry the audit entries the store writes. */
  readonly plans: Plan[] = [];
  /** `timelines`: whether devices keep timelines (rule 10), as the store does; off, every device is decided by arrival alone. */
  /** Ids a batch drew in a pass the rules could not finish (partial mode), handed out again in the next. */
  private readonly replay: string[] = [];
  private readonly drawn: string[] = [];

  constructor(
    rules: IdentityRules,
    newId: () => string = sequentialIds(),
    timelines = true,
    private readonly partial = false,
  ) {
    const next = (): string => {
      const id = this.replay.shift() ?? newId();
      this.drawn.push(id);
      return id;
    };
    this.context = { rules, newId: next, actor: "system" };
    this.database = new Snapshot(timelines);
  }

  /**
   * The part of the database a batch touches: its devices, identifiers and messageIds, and the
   * profiles they belong to — whole, or in partial mode whole only those in `whole`.
   */
  loadSnapshot(observations: readonly Observation[], whole?: ReadonlySet<string>): Snapshot {
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
    const isWhole = (root: string): boolean => !this.partial || (whole?.has(root) ?? false);
    const components: Component[] = [...roots].map((root) => {
      const component = db.components.get(root) as Component;
      if (isWhole(root)) return component;
      // As far as the neighbourhood shows it: the batch's devices and identifiers in it, and their profile ids.
      const inIt = (profileId: string) => db.rootOf.get(profileId) === root;
      const shown: Component = { root, profileIds: new Set(), identifiers: new Map(), devices: new Set() };
      for (const device of devices)
        for (const profileId of device.profileIds)
          if (inIt(profileId)) {
            shown.profileIds.add(profileId);
            shown.devices.add(device.id);
          }
      for (const { identifier, profileIds } of identifierLinks)
        for (const profileId of profileIds)
          if (inIt(profileId)) {
            shown.profileIds.add(profileId);
            shown.identifiers.set(identifierKey(identifier), identifier);
          }
      return shown;
    });
    const partialRoots = [...roots].filter((root) => !isWhole(root));
    // The store marks profiles an admin merged past a limit; here, those that are past one.
    const waivedRoots = partialRoots.filter((root) => {
      const perType = new Map<string, number>();
      for (const identifier of (db.components.get(root) as Component).identifiers.values())
        perType.set(identifier.type, (perType.get(identifier.type) ?? 0) + 1);
      return [...perType].some(([type, count]) => count > (this.context.rules.types.get(type)?.limit ?? Infinity));
    });
    const messages = [...messageIds].flatMap((messageId) => {
      const resolution = db.messages.get(messageId);
      return resolution ? [{ messageId, resolution, place: db.places.get(messageId) }] : [];
    });
    // Rule 11: every profile id the batch names has its traits read, under its lock as the store reads them to write.
    const named = new Set([...devices.flatMap((device) => [...device.profileIds]), ...identifierLinks.flatMap((link) => link.profileIds)]);
    for (const component of components) for (const profileId of component.profileIds) named.add(profileId);
    const traits = [...named].map((profileId): [string, Map<string, TraitState>] => [profileId, new Map(db.traits.get(profileId) ?? [])]);
    return Snapshot.from({
      components,
      identifierLinks,
      devices,
      messages,
      timelines: db.timelines,
      partialRoots,
      waivedRoots,
      traits,
      traitsLocked: named,
    });
  }

  /** Profiles loaded whole by each batch (partial mode): how much the fast path saved. */
  readonly wholeLoads: number[] = [];

  /** A batch's plans, decided as the store decides them. */
  private decide(observations: readonly Observation[]): { snapshot: Snapshot; plans: Plan[] } {
    this.drawn.length = 0;
    if (!this.partial) {
      const snapshot = this.loadSnapshot(observations);
      return { snapshot, plans: observations.map((observation) => advance(snapshot, observation, this.context)) };
    }
    const whole = new Set<string>();
    for (;;) {
      const snapshot = this.loadSnapshot(observations, whole);
      this.drawn.length = 0;
      const decision = decideBatch(snapshot, observations, this.context);
      if ("plans" in decision) {
        this.wholeLoads.push(whole.size);
        return { snapshot, plans: decision.plans };
      }
      this.replay.unshift(...this.drawn);
      for (const root of decision.needs) {
        if (whole.has(root)) throw new Error(`the rules asked again for profile ${root}, already whole`);
        whole.add(root);
      }
    }
  }

  /** Decides a batch on its neighbourhood, in order, and writes back only what the plans' steps say. */
  resolveBatch(observations: readonly Observation[]): Resolution[] {
    const { snapshot, plans } = this.decide(observations);
    const db = this.database;
    const rootsBefore = new Map(db.rootOf);
    const resolutions: Resolution[] = [];
    for (const plan of plans) {
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
          case "traits":
            // The store writes a profile id's traits as the batch left them.
            db.traits.set(step.profileId, new Map(snapshot.traits.get(step.profileId)));
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
