// Reads merged profiles through the persistence core's one component loader. A profile id's
// merged-profile id is materialised (ProfileId.profile), so every lookup is an index seek or two,
// and each read is one auto-committed statement (ONE_STATEMENT: one round trip).
import DataLoader from "dataloader";
import { type Executor, ONE_STATEMENT } from "../neo4j/executor.js";
import { distinctIdentifiers, loadProfiles, type StoredProfile } from "../persistence/components.js";
import { optStr } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { Identifier } from "../rules/model.js";
import { type Json, mergeProfileIds, shown, type TraitState, traitsObject } from "../rules/traits.js";

const ROOTS_OF_PROFILE_IDS = statement("profiles/roots-of-profile-ids");
const ROOT_BY_IDENTIFIER = statement("profiles/root-by-identifier");
const ROOT_BY_DEVICE = statement("profiles/root-by-device");

export interface DeviceView {
  id: string;
  /** The profile of the device's current (last known) profile id. */
  profileId: string | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
}

export interface ProfileView {
  id: string;
  ids: string[];
  identifiers: Identifier[];
  devices: DeviceView[];
  createdAt: Date;
  /** Rule 11: the profile's traits as one object (the newest value per name over its profile ids). */
  traits: Record<string, Json>;
  /** Every trait of every profile id, by name then profile id; a removal's value is null. */
  traitList: TraitView[];
}

export interface TraitView {
  name: string;
  value: Json;
  at: Date;
  profileId: string;
}

/** What each profile id's traits show (rules/traits.ts `shown`), as the contract's Trait list. */
export function traitListOf(traits: ReadonlyMap<string, ReadonlyMap<string, TraitState>>): TraitView[] {
  const views: TraitView[] = [];
  for (const [profileId, own] of traits) {
    for (const [name, state] of own) {
      const shownWrite = shown(state);
      if (shownWrite) views.push({ name, value: shownWrite.value, at: new Date(shownWrite.at), profileId });
    }
  }
  return views.sort((a, b) => a.name.localeCompare(b.name) || a.profileId.localeCompare(b.profileId));
}

const toDate = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

function toProfileView(profile: StoredProfile): ProfileView {
  const created = [...profile.createdAt.values()].sort()[0];
  return {
    id: profile.root,
    ids: profile.profileIds,
    identifiers: distinctIdentifiers(profile.identifierLinks).sort(
      (a, b) => a.type.localeCompare(b.type) || a.value.localeCompare(b.value),
    ),
    devices: profile.devices
      .map((device) => ({
        id: device.id,
        profileId: device.currentProfile,
        firstSeenAt: toDate(device.firstSeenAt),
        lastSeenAt: toDate(device.lastSeenAt),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    createdAt: new Date(created as string),
    traits: traitsObject(mergeProfileIds(profile.traits.values())),
    traitList: traitListOf(profile.traits),
  };
}

export class ProfileReader {
  constructor(private readonly executor: Executor) {}

  /** The merged-profile id of each profile id (null when unknown or deleted), in order. */
  async rootsOf(space: string, ids: readonly string[]): Promise<Array<string | null>> {
    const result = await this.executor.read(
      { operation: "rootsOf", space },
      (tx) => tx.run(ROOTS_OF_PROFILE_IDS, { space, ids }),
      ONE_STATEMENT,
    );
    const roots = new Map(result.records.map((record) => [String(record.get("id")), optStr(record.get("root"), "root")]));
    return ids.map((id) => roots.get(id) ?? null);
  }

  async rootByIdentifier(space: string, identifier: Identifier): Promise<string | null> {
    const result = await this.executor.read(
      { operation: "rootByIdentifier", space },
      (tx) => tx.run(ROOT_BY_IDENTIFIER, { space, ...identifier }),
      ONE_STATEMENT,
    );
    return optStr(result.records[0]?.get("root"), "root");
  }

  /** The merged-profile id of a device's current profile id (null for an unknown device). */
  async rootByDevice(space: string, deviceId: string): Promise<string | null> {
    const result = await this.executor.read(
      { operation: "rootByDevice", space },
      (tx) => tx.run(ROOT_BY_DEVICE, { space, deviceId }),
      ONE_STATEMENT,
    );
    return optStr(result.records[0]?.get("root"), "root");
  }

  /** The whole profile of a device's current profile id (null for an unknown device), read in one statement. */
  async profileByDevice(space: string, deviceId: string): Promise<ProfileView | null> {
    const [profile] = await this.executor.read(
      { operation: "profileByDevice", space },
      (tx) => loadProfiles(tx, space, { deviceIds: [deviceId] }, true),
      ONE_STATEMENT,
    );
    return profile ? toProfileView(profile) : null;
  }

  /** Whole profiles by their ids (roots), in order; null for a root that is no longer a profile. */
  async loadProfiles(space: string, roots: readonly string[]): Promise<Array<ProfileView | null>> {
    const profiles = await this.executor.read(
      { operation: "loadProfiles", space },
      (tx) => loadProfiles(tx, space, { roots }, true),
      ONE_STATEMENT,
    );
    const byRoot = new Map(profiles.map((profile) => [profile.root, toProfileView(profile)]));
    return roots.map((root) => byRoot.get(root) ?? null);
  }
}

// The request's loader of whole profiles (RequestContext.loaders.profile): made anew for every
// request (src/app/context.ts), so a profile several fields ask for is read once, batched.
export interface ProfileLoaders {
  /** Whole profiles by their id (root). */
  profile: DataLoader<string, ProfileView | null>;
}

export const profileLoaders = (profiles: ProfileReader, space: string): ProfileLoaders => ({
  profile: new DataLoader((roots: readonly string[]) => profiles.loadProfiles(space, roots), { maxBatchSize: 1000 }),
});
