// The small part of the identity graph that observations touch, held in memory: the rules read it,
// and advance it as they plan, so a batch can be decided against one snapshot loaded once.
import { type Identifier, identifierKey, type Resolution } from "./model.js";
import type { RememberedRefusal } from "./refusals.js";
import { type Json, mergeProfileIds, mergeTrait, shownValue, splitTrait, type TraitState, type TraitWrite } from "./traits.js";
import { comparePositions, copyPosition, copyTimeline, holds, momentOf, type Position, type Stretch, type Timeline } from "./timeline.js";

export interface Component {
  /** The profile's id: its smallest (oldest) profile id. */
  root: string;
  profileIds: Set<string>;
  /** Identifiers linked to any profile id of the component, by identifierKey. */
  identifiers: Map<string, Identifier>;
  /** Devices with a profile id in the component. */
  devices: Set<string>;
}

export interface DeviceState {
  id: string;
  /** The device's current profile id ("last known user"). */
  current: string;
  /** Every profile id of the device, one per person who used it. */
  profileIds: Set<string>;
  /**
   * The part of the device's timeline the batch needs (rule 10). Absent when the store keeps no
   * timeline for the device: it is then decided by arrival alone, as before rule 10.
   */
  timeline?: Timeline | undefined;
}

/** Where an answered observation sits on its device's timeline, so its receipt can follow a moved stretch. */
export interface ReceiptPlace {
  deviceId: string;
  position: Position;
}

export interface SnapshotData {
  components: Component[];
  /** Profile ids each of the loaded identifiers is attached to (absent: the identifier is new). */
  identifierLinks: Array<{ identifier: Identifier; profileIds: string[] }>;
  devices: DeviceState[];
  /** Answers already given to messageIds, for rule 8. */
  messages: Array<{ messageId: string; resolution: Resolution; place?: ReceiptPlace | undefined }>;
  /** Whether devices first seen in this snapshot start a timeline (rule 10); a store that keeps none leaves it off. */
  timelines?: boolean | undefined;
  /**
   * Roots of components given only as far as the batch's neighbourhood shows them (the profile ids
   * of its devices and identifiers, not the whole profile): the fast path for observations that
   * change nothing (src/rules/batch.ts). Every other component is whole.
   */
  partialRoots?: Iterable<string> | undefined;
  /** Of the partial components, those an admin merged past a limit (mergeProfiles with force). */
  waivedRoots?: Iterable<string> | undefined;
  /** Each known profile's revision, by its root: a new one whenever anything in the profile changed (src/rules/refusals.ts). */
  revs?: Iterable<[string, string]> | undefined;
  /** The refusal each device remembers (src/rules/refusals.ts). */
  refusals?: Iterable<[string, RememberedRefusal]> | undefined;
  /** Rule 11: the traits of the profile ids whose traits are known, by profile id (an empty map: it holds none). */
  traits?: Iterable<[string, Map<string, TraitState>]> | undefined;
  /** Of those, the profile ids whose traits were read under their locks: the rules may write only those. */
  traitsLocked?: Iterable<string> | undefined;
}

export class Snapshot {
  readonly components = new Map<string, Component>();
  readonly rootOf = new Map<string, string>();
  readonly identifierLinks = new Map<string, { identifier: Identifier; profileIds: Set<string> }>();
  readonly devices = new Map<string, DeviceState>();
  readonly messages = new Map<string, Resolution>();
  /** Timeline places of the answers in `messages` that have one. */
  readonly places = new Map<string, ReceiptPlace>();
  /** Profile ids whose merged-profile id changed since the snapshot was loaded. */
  readonly rerooted = new Set<string>();
  /** Components known only as far as the batch's neighbourhood shows them (SnapshotData.partialRoots). */
  readonly partialRoots = new Set<string>();
  /** Partial components whose limits an admin waived (SnapshotData.waivedRoots). */
  readonly waivedRoots = new Set<string>();
  /** Profiles' revisions by root (SnapshotData.revs); a profile changed since loading gets a revision of this snapshot's own. */
  readonly revs = new Map<string, string>();
  /** The refusal each device remembers; `remembered` names the devices whose refusal changed since loading. */
  readonly refusals = new Map<string, RememberedRefusal>();
  readonly remembered = new Set<string>();
  /** Rule 11: the traits of the profile ids known here, by profile id; a profile id missing has not been read. */
  readonly traits = new Map<string, Map<string, TraitState>>();
  /** Of those, the profile ids read under their locks or created here: the only ones the rules write traits on. */
  readonly traitsLocked = new Set<string>();
  private changes = 0;

  /** `timelines`: whether devices first seen here start a timeline (rule 10). Loaded snapshots say so in their data. */
  constructor(readonly timelines = true) {}

  static from(data: SnapshotData): Snapshot {
    const snapshot = new Snapshot(data.timelines ?? false);
    for (const component of data.components) {
      const copy: Component = {
        root: component.root,
        profileIds: new Set(component.profileIds),
        identifiers: new Map(component.identifiers),
        devices: new Set(component.devices),
      };
      snapshot.components.set(copy.root, copy);
      for (const profileId of copy.profileIds) snapshot.rootOf.set(profileId, copy.root);
    }
    for (const { identifier, profileIds } of data.identifierLinks) {
      if (profileIds.length > 0) snapshot.identifierLinks.set(identifierKey(identifier), { identifier, profileIds: new Set(profileIds) });
    }
    for (const device of data.devices) {
      snapshot.devices.set(device.id, {
        id: device.id,
        current: device.current,
        profileIds: new Set(device.profileIds),
        ...(device.timeline ? { timeline: copyTimeline(device.timeline) } : {}),
      });
    }
    for (const root of data.partialRoots ?? []) snapshot.partialRoots.add(root);
    for (const root of data.waivedRoots ?? []) snapshot.waivedRoots.add(root);
    for (const [root, rev] of data.revs ?? []) snapshot.revs.set(root, rev);
    for (const [deviceId, refusal] of data.refusals ?? []) snapshot.refusals.set(deviceId, refusal);
    for (const [profileId, traits] of data.traits ?? []) snapshot.traits.set(profileId, new Map(traits));
    for (const profileId of data.traitsLocked ?? []) snapshot.traitsLocked.add(profileId);
    for (const { messageId, resolution, place } of data.messages) {
      snapshot.messages.set(messageId, resolution);
      if (place) snapshot.places.set(messageId, { deviceId: place.deviceId, position: copyPosition(place.position) as Position });
    }
    return snapshot;
  }

  /** A deep copy, so a caller's snapshot is never changed by deciding on it. */
  clone(): Snapshot {
    const copy = Snapshot.from(this.toData());
    for (const profileId of this.rerooted) copy.rerooted.add(profileId);
    for (const deviceId of this.remembered) copy.remembered.add(deviceId);
    copy.changes = this.changes;
    return copy;
  }

  toData(): SnapshotData {
    return {
      components: [...this.components.values()],
      identifierLinks: [...this.identifierLinks.values()].map(({ identifier, profileIds }) => ({
        identifier,
        profileIds: [...profileIds],
      })),
      devices: [...this.devices.values()].map((device) => ({
        ...device,
        profileIds: new Set(device.profileIds),
        ...(device.timeline ? { timeline: copyTimeline(device.timeline) } : {}),
      })),
      messages: [...this.messages].map(([messageId, resolution]) => {
        const place = this.places.get(messageId);
        return place ? { messageId, resolution, place } : { messageId, resolution };
      }),
      timelines: this.timelines,
      partialRoots: [...this.partialRoots],
      waivedRoots: [...this.waivedRoots],
      revs: [...this.revs],
      refusals: [...this.refusals],
      traits: [...this.traits].map(([profileId, traits]): [string, Map<string, TraitState>] => [profileId, new Map(traits)]),
      traitsLocked: [...this.traitsLocked],
    };
  }

  /**
   * Which profile id a device's activity at a moment belongs to (rule 10's `attribution`): the
   * profile id of the stretch holding it, or the device's current one when it keeps no timeline.
   */
  attribution(deviceId: string, at: Date): string | undefined {
    const device = this.devices.get(deviceId);
    if (!device) return undefined;
    return device.timeline ? this.stretchHolding(deviceId, momentOf(at))?.profileId : device.current;
  }

  /** The loaded stretch of a device holding a position. */
  stretchHolding(deviceId: string, position: Position): Stretch | undefined {
    return this.devices.get(deviceId)?.timeline?.stretches.find((stretch) => holds(stretch, position));
  }

  componentOf(profileId: string): Component {
    const root = this.rootOf.get(profileId);
    const component = root === undefined ? undefined : this.components.get(root);
    if (!component) throw new Error(`snapshot is missing profile id ${profileId}`);
    return component;
  }

  /** The component an identifier belongs to, when it is known. */
  componentOfIdentifier(identifier: Identifier): Component | undefined {
    const links = this.identifierLinks.get(identifierKey(identifier));
    const first = links?.profileIds.values().next().value;
    return first === undefined ? undefined : this.componentOf(first);
  }

  // --- changes: each mirrors one write the store makes -------------------------------------

  addProfileId(profileId: string, deviceId: string | undefined): Component {
    const component: Component = {
      root: profileId,
      profileIds: new Set([profileId]),
      identifiers: new Map(),
      devices: new Set(deviceId === undefined ? [] : [deviceId]),
    };
    this.components.set(profileId, component);
    this.rootOf.set(profileId, profileId);
    this.traits.set(profileId, new Map());
    this.traitsLocked.add(profileId);
    this.changed(profileId);
    if (deviceId !== undefined) {
      const device = this.devices.get(deviceId);
      if (device) device.profileIds.add(profileId);
      else {
        // A new device's first profile id holds its whole timeline until someone logs in (rule 10).
        const timeline: Timeline = {
          stretches: [{ from: null, until: null, profileId }],
          seq: 0,
          earliest: undefined,
          newest: undefined,
        };
        this.devices.set(deviceId, {
          id: deviceId,
          current: profileId,
          profileIds: new Set([profileId]),
          ...(this.timelines ? { timeline } : {}),
        });
      }
    }
    return component;
  }

  /** Counts an observation at `position` (stamped `at`) on its device's timeline: its arrival number, the earliest position and the newest timestamp. */
  touchTimeline(deviceId: string, position: Position, at: Date): void {
    const timeline = this.devices.get(deviceId)?.timeline;
    if (!timeline) return;
    timeline.seq = Math.max(timeline.seq, position.seq);
    if (timeline.earliest === undefined || comparePositions(position, timeline.earliest) < 0)
      timeline.earliest = copyPosition(position) as Position;
    if (timeline.newest === undefined || at > timeline.newest) timeline.newest = new Date(at.getTime());
  }

  /**
   * Cuts the stretch holding `from` there: from `from` on, up to where that stretch ended, the
   * device's activity belongs to `profileId`. Returns the stretch that was cut (now ending at
   * `from`, with its profile id) and the new one.
   */
  startStretch(deviceId: string, from: Position, profileId: string): { cut: Stretch; started: Stretch } {
    const timeline = this.devices.get(deviceId)?.timeline;
    const index = timeline?.stretches.findIndex((stretch) => holds(stretch, from)) ?? -1;
    const cut = timeline?.stretches[index];
    if (!timeline || !cut) throw new Error(`snapshot holds no stretch of device ${deviceId} at ${from.at.toISOString()}#${from.seq}`);
    const started: Stretch = { from: copyPosition(from), until: copyPosition(cut.until), profileId };
    cut.until = copyPosition(from);
    timeline.stretches.splice(index + 1, 0, started);
    return { cut, started };
  }

  /** Moves the answers of observations in `[from, until)` of a device to `profileId` (rule 10: receipts follow their stretch). */
  moveReceipts(deviceId: string, from: Position, until: Position | null, fromProfileId: string, profileId: string): void {
    for (const [messageId, place] of this.places) {
      if (place.deviceId !== deviceId) continue;
      if (comparePositions(place.position, from) < 0 || (until !== null && comparePositions(place.position, until) >= 0)) continue;
      const answer = this.messages.get(messageId);
      if (!answer || answer.assignedProfileId !== fromProfileId) continue;
      this.messages.set(messageId, { ...answer, assignedProfileId: profileId, profileId: this.rootOf.get(profileId) ?? profileId });
    }
  }

  setCurrent(deviceId: string, profileId: string): void {
    const device = this.devices.get(deviceId);
    if (!device) throw new Error(`snapshot is missing device ${deviceId}`);
    device.current = profileId;
  }

  /** Attaches an identifier to a profile id; the identifier's component (if any) merges in. Returns the root merged away, if any. */
  link(identifier: Identifier, profileId: string): string[] {
    const key = identifierKey(identifier);
    const other = this.componentOfIdentifier(identifier);
    const links = this.identifierLinks.get(key);
    if (links) links.profileIds.add(profileId);
    else this.identifierLinks.set(key, { identifier, profileIds: new Set([profileId]) });
    const target = this.componentOf(profileId);
    target.identifiers.set(key, identifier);
    this.changed(target.root);
    return other && other !== target ? [this.merge(target, other)] : [];
  }

  /** Joins two components; the smaller (older) root wins. Returns the root that was merged away. */
  merge(a: Component, b: Component): string {
    const partial = [a.root, b.root].find((root) => this.partialRoots.has(root));
    if (partial !== undefined) throw new Error(`profile ${partial} is loaded only in part and cannot be merged`);
    const [winner, loser] = a.root < b.root ? [a, b] : [b, a];
    for (const profileId of loser.profileIds) {
      winner.profileIds.add(profileId);
      this.rootOf.set(profileId, winner.root);
      this.rerooted.add(profileId);
    }
    for (const [key, identifier] of loser.identifiers) winner.identifiers.set(key, identifier);
    for (const device of loser.devices) winner.devices.add(device);
    this.components.delete(loser.root);
    this.changed(winner.root);
    return loser.root;
  }

  /** A profile changed: it gets a revision no stored profile has, so no remembered refusal matches it. */
  private changed(root: string): void {
    this.revs.set(root, `~${++this.changes}`);
  }

  /**
   * Rule 11: merges an observation's trait writes into a profile id's traits; returns the names whose
   * shown value changed, with the new value (null: removed). Undefined when the profile id's traits
   * were not read: the store reads them, under the profile id's lock, and the rules decide again.
   */
  setTraits(profileId: string, writes: readonly TraitWrite[]): Record<string, Json> | undefined {
    const own = this.traits.get(profileId);
    if (!own || !this.traitsLocked.has(profileId)) return undefined;
    const changed: Record<string, Json> = {};
    for (const write of writes) {
      const before = own.get(write.name);
      const after = mergeTrait(before, write);
      own.set(write.name, after);
      const value = shownValue(after);
      if (JSON.stringify(shownValue(before)) !== JSON.stringify(value)) changed[write.name] = value ?? null;
    }
    return changed;
  }

  /**
   * Rule 10 and 11: the traits written by observations in `[from, until)` of a device move from one
   * profile id to another with their stretch. Returns what each one's shown traits changed to, or
   * undefined when either's traits were not read.
   */
  moveTraits(
    deviceId: string,
    from: Position,
    until: Position | null,
    fromProfileId: string,
    toProfileId: string,
  ): { names: string[]; from: Record<string, Json>; to: Record<string, Json> } | undefined {
    const source = this.traits.get(fromProfileId);
    if (!source) return undefined;
    // Nothing of the stretch to move: the target's traits need not even be known.
    if (source.size === 0) return { names: [], from: {}, to: {} };
    const target = this.traits.get(toProfileId);
    if (!target || !this.traitsLocked.has(fromProfileId) || !this.traitsLocked.has(toProfileId)) return undefined;
    const changes = { names: [] as string[], from: {} as Record<string, Json>, to: {} as Record<string, Json> };
    const within = (where: { deviceId: string; posAt: string; posSeq: number }): boolean => {
      if (where.deviceId !== deviceId) return false;
      const position = { at: new Date(where.posAt), seq: where.posSeq };
      return comparePositions(position, from) >= 0 && (until === null || comparePositions(position, until) < 0);
    };
    for (const [name, state] of [...source]) {
      const { stays, moves } = splitTrait(state, within);
      if (!moves) continue;
      changes.names.push(name);
      const before = { from: shownValue(state), to: shownValue(target.get(name)) };
      if (stays) source.set(name, stays);
      else source.delete(name);
      const merged = mergeProfileIds([new Map(target.has(name) ? [[name, target.get(name) as TraitState]] : []), new Map([[name, moves]])]);
      target.set(name, merged.get(name) as TraitState);
      if (JSON.stringify(before.from) !== JSON.stringify(shownValue(stays))) changes.from[name] = shownValue(stays) ?? null;
      if (JSON.stringify(before.to) !== JSON.stringify(shownValue(target.get(name))))
        changes.to[name] = shownValue(target.get(name)) ?? null;
    }
    return changes;
  }

  /** A device remembers a refusal (src/rules/refusals.ts). */
  rememberRefusal(deviceId: string, refusal: RememberedRefusal): void {
    this.refusals.set(deviceId, refusal);
    this.remembered.add(deviceId);
  }
}
