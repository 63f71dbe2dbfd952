// A pure stand-in for ResolutionStore: the "database" is a full Snapshot; every batch loads only the
// neighbourhood its observations touch (as loadSnapshot does), is decided on it with advance(), and
// only the plan's steps are written back (as applySteps does). Comparing it with advancing one full
// snapshot checks that the rules need nothing beyond the neighbourhood and that the steps say
// everything the rules changed.
import { advance, type DecideContext } from "../../src/rules/decide.js";
import { IdentityService } from "../../src/identity/identity-service.js";
import { type Identifier, identifierKey, type Observation, type Resolution } from "../../src/rules/model.js";
import type { ResolutionStore } from "../../src/identity/resolution-store.js";
import type { IdentityRules } from "../../src/rules/rules-config.js";
import { type Component, Snapshot } from "../../src/rules/snapshot.js";
import { sequentialIds } from "./helpers.js";

export class SimulatedStore {
  readonly database = new Snapshot();
  readonly context: DecideContext;
  constructor(rules: IdentityRules, newId: () => string = sequentialIds()) {
    this.context = { rules, newId, actor: "system" };
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
    const devices = [...deviceIds].flatMap((id) => {
      const device = db.devices.get(id);
      if (!device) return [];
      for (const profileId of device.profileIds) roots.add(db.rootOf.get(profileId) as string);
      return [{ id, current: device.current, profileIds: new Set(device.profileIds) }];
    });
    const identifierLinks = [...identifiers.values()].map((identifier) => {
      const profileIds = [...(db.identifierLinks.get(identifierKey(identifier))?.profileIds ?? [])];
      for (const profileId of profileIds) roots.add(db.rootOf.get(profileId) as string);
      return { identifier, profileIds };
    });
    const components: Component[] = [...roots].map((root) => db.components.get(root) as Component);
    const messages = [...messageIds].flatMap((messageId) => {
      const resolution = db.messages.get(messageId);
      return resolution ? [{ messageId, resolution }] : [];
    });
    return Snapshot.from({ components, identifierLinks, devices, messages });
  }

  /** Decides a batch on its neighbourhood, in order, and writes back only what the plans' steps say. */
  resolveBatch(observations: readonly Observation[]): Resolution[] {
    const snapshot = this.loadSnapshot(observations);
    const db = this.database;
    const rootsBefore = new Map(db.rootOf);
    const resolutions: Resolution[] = [];
    for (const observation of observations) {
      const plan = advance(snapshot, observation, this.context);
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
            break;
          case "touchDevice":
          case "audit":
            break;
        }
      }
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
}

/** An IdentityService over a simulated store: validation and batching exactly as in production, no Neo4j. */
export function simulatedService(rules: IdentityRules): { service: IdentityService; store: SimulatedStore; batches: Observation[][] } {
  const store = new SimulatedStore(rules);
  const batches: Observation[][] = [];
  const fake = {
    resolveBatch: async (observations: Observation[]) => {
      batches.push(observations);
      return store.resolveBatch(observations);
    },
  };
  return { service: new IdentityService(fake as unknown as ResolutionStore, rules), store, batches };
}
