// The small part of the identity graph that observations touch, held in memory: the rules read it,
// and advance it as they plan, so a batch can be decided against one snapshot loaded once.
import { type Identifier, identifierKey, type Resolution } from "./model.js";

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
}

export interface SnapshotData {
  components: Component[];
  /** Profile ids each of the loaded identifiers is attached to (absent: the identifier is new). */
  identifierLinks: Array<{ identifier: Identifier; profileIds: string[] }>;
  devices: DeviceState[];
  /** Answers already given to messageIds, for rule 8. */
  messages: Array<{ messageId: string; resolution: Resolution }>;
}

export class Snapshot {
  readonly components = new Map<string, Component>();
  readonly rootOf = new Map<string, string>();
  readonly identifierLinks = new Map<string, { identifier: Identifier; profileIds: Set<string> }>();
  readonly devices = new Map<string, DeviceState>();
  readonly messages = new Map<string, Resolution>();
  /** Profile ids whose merged-profile id changed since the snapshot was loaded. */
  readonly rerooted = new Set<string>();

  static from(data: SnapshotData): Snapshot {
    const snapshot = new Snapshot();
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
      snapshot.devices.set(device.id, { id: device.id, current: device.current, profileIds: new Set(device.profileIds) });
    }
    for (const { messageId, resolution } of data.messages) snapshot.messages.set(messageId, resolution);
    return snapshot;
  }

  /** A deep copy, so a caller's snapshot is never changed by deciding on it. */
  clone(): Snapshot {
    const copy = Snapshot.from(this.toData());
    for (const profileId of this.rerooted) copy.rerooted.add(profileId);
    return copy;
  }

  toData(): SnapshotData {
    return {
      components: [...this.components.values()],
      identifierLinks: [...this.identifierLinks.values()].map(({ identifier, profileIds }) => ({
        identifier,
        profileIds: [...profileIds],
      })),
      devices: [...this.devices.values()].map((device) => ({ ...device, profileIds: new Set(device.profileIds) })),
      messages: [...this.messages].map(([messageId, resolution]) => ({ messageId, resolution })),
    };
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
    if (deviceId !== undefined) {
      const device = this.devices.get(deviceId);
      if (device) device.profileIds.add(profileId);
      else this.devices.set(deviceId, { id: deviceId, current: profileId, profileIds: new Set([profileId]) });
    }
    return component;
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
    return other && other !== target ? [this.merge(target, other)] : [];
  }

  /** Joins two components; the smaller (older) root wins. Returns the root that was merged away. */
  merge(a: Component, b: Component): string {
    const [winner, loser] = a.root < b.root ? [a, b] : [b, a];
    for (const profileId of loser.profileIds) {
      winner.profileIds.add(profileId);
      this.rootOf.set(profileId, winner.root);
      this.rerooted.add(profileId);
    }
    for (const [key, identifier] of loser.identifiers) winner.identifiers.set(key, identifier);
    for (const device of loser.devices) winner.devices.add(device);
    this.components.delete(loser.root);
    return loser.root;
  }
}
