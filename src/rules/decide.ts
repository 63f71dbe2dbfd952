// The resolution rules of docs/identity-rules.md as a pure function: a snapshot and an observation in,
// a plan out (what to create, link and merge, which warnings and audit entries). No I/O here.
import {
  type AuditAction,
  type Identifier,
  identifierKey,
  type Observation,
  type Reattribution,
  type Resolution,
  type Warning,
} from "./model.js";
import type { RememberedRefusal } from "./refusals.js";
import type { Json, TraitWrite } from "./traits.js";
import type { IdentityRules } from "./rules-config.js";
import type { Component, ReceiptPlace, Snapshot } from "./snapshot.js";
import { copyPosition, mayHoldActivity, type Position, type Stretch } from "./timeline.js";

export interface AuditDraft {
  id: string;
  action: AuditAction;
  at: Date;
  reason?: string | undefined;
  profileIds: string[];
  identifiers: Identifier[];
  deviceIds: string[];
  messageId?: string | undefined;
  /** For PROFILES_MERGED caused by a link: the IDENTIFIER_LINKED entry of that link. */
  causedBy?: string | undefined;
  /** For PROFILES_UNMERGED: the entry whose link it undid. */
  undoes?: string | undefined;
  /** For ACTIVITY_REATTRIBUTED: the stretch that moved (device, interval, both profile ids). */
  reattribution?: Reattribution | undefined;
}

/** One write, in the order the store applies them. */
export type Step =
  | { kind: "createProfileId"; profileId: string; deviceId: string | undefined; at: Date }
  /** `position`: where the observation sits on the device's timeline, when the device keeps one (rule 10). */
  | { kind: "touchDevice"; deviceId: string; at: Date; position?: Position | undefined }
  /** A new device's timeline: one stretch, all of it, for its first profile id. */
  | { kind: "openTimeline"; deviceId: string; profileId: string }
  /** An identified observation cut the stretch that started at `cut` (null: the device's first stretch) and starts `stretch`. */
  | { kind: "startStretch"; deviceId: string; cut: Position | null; cutProfileId: string; stretch: Stretch }
  /** `[from, until)` of the device moved to another profile id: receipts of observations there answer with it. */
  | { kind: "reattribute"; reattribution: Reattribution; from: Position; until: Position | null; toProfile: string }
  | { kind: "setCurrent"; deviceId: string; profileId: string }
  | { kind: "link"; identifier: Identifier; profileId: string; auditId: string; at: Date }
  | { kind: "audit"; entry: AuditDraft }
  | { kind: "receipt"; messageId: string; resolution: Resolution; at: Date; place?: ReceiptPlace | undefined }
  /**
   * Rule 11: traits of a profile id were written (`names`: the snapshot holds them as they are now);
   * `changed`: the names whose shown value changed, with it (null: removed), recorded by the
   * TRAITS_CHANGED entry `auditId` (none when nothing shows differently).
   */
  | { kind: "traits"; profileId: string; names: string[]; changed: Record<string, Json>; auditId?: string | undefined };

export interface Plan {
  steps: Step[];
  resolution: Resolution;
  /** The profile ids whose traits the observation sets or moves but the snapshot has not read: the store reads them, locked, and the rules decide again. */
  unreadTraits?: string[] | undefined;
}

export interface DecideContext {
  rules: IdentityRules;
  /** Monotonic, time-ordered ids: a later id always sorts after an earlier one. */
  newId: () => string;
  actor: string;
}

export interface MergeCheck {
  /** The first identifier type whose limit the merge would exceed. */
  overLimit?: string | undefined;
  overDeviceCap: boolean;
}

/** Would the union of these components, plus some identifiers, stay within every limit and the device cap? */
export function checkMerge(components: Array<Component | undefined>, rules: IdentityRules, extra: readonly Identifier[] = []): MergeCheck {
  const distinct = [...new Set(components.filter((c): c is Component => c !== undefined))];
  const identifiers = new Map<string, Identifier>();
  const devices = new Set<string>();
  for (const component of distinct) {
    for (const [key, identifier] of component.identifiers) identifiers.set(key, identifier);
    for (const device of component.devices) devices.add(device);
  }
  for (const identifier of extra) identifiers.set(identifierKey(identifier), identifier);
  const perType = new Map<string, number>();
  for (const identifier of identifiers.values()) perType.set(identifier.type, (perType.get(identifier.type) ?? 0) + 1);
  const overLimit = rules.typeOrder.find((type) => (perType.get(type) ?? 0) > (rules.types.get(type)?.limit ?? Infinity));
  return { overLimit, overDeviceCap: devices.size > rules.deviceCap };
}

/**
 * The profile an observation's identifiers point at (rules 4 and 6, "the highest-priority known
 * identifier"): the first known identifier in priority order — unless the new identifiers of
 * higher priority cannot join its profile. Adam's new user id sent with Bob's email is Adam, not
 * Bob: the user id outranks the email, so the email is the conflict, not the user id.
 */
function anchorOf(
  state: Snapshot,
  identifiers: Identifier[],
  rules: IdentityRules,
): { identifier: Identifier; component: Component } | undefined {
  const newer: Identifier[] = [];
  for (const identifier of identifiers) {
    const component = state.componentOfIdentifier(identifier);
    if (!component) {
      newer.push(identifier);
      continue;
    }
    return checkMerge([component], rules, newer).overLimit === undefined ? { identifier, component } : undefined;
  }
  return undefined;
}

/**
 * Rule 10: where an observation sits on its device's timeline, when the device keeps one. Beyond
 * the late window it is placed at the device's newest activity (`late`), i.e. by its arrival.
 */
export function placeOnTimeline(
  state: Snapshot,
  { deviceId, at }: Observation,
  rules: IdentityRules,
): { position: Position | undefined; late: Date | undefined } {
  const knownDevice = deviceId === undefined ? undefined : state.devices.get(deviceId);
  if (deviceId === undefined || !(knownDevice ? knownDevice.timeline !== undefined : state.timelines))
    return { position: undefined, late: undefined };
  const seq = (knownDevice?.timeline?.seq ?? 0) + 1;
  const newest = knownDevice?.timeline?.newest;
  if (newest !== undefined && at.getTime() < newest.getTime() - rules.lateWindowMs) return { position: { at: newest, seq }, late: newest };
  return { position: { at, seq }, late: undefined };
}

/**
 * Decides one observation and advances the snapshot to the state after its plan. Used by batches,
 * which decide many observations against one snapshot in their own order (rule 9).
 */
export function advance(state: Snapshot, observation: Observation, context: DecideContext, remembered?: RememberedRefusal): Plan {
  const { rules, newId } = context;
  const { deviceId, identifiers, at, messageId } = observation;
  const steps: Step[] = [];
  const warnings: Warning[] = [...observation.warnings];
  const created = new Set<string>();
  const mergedAway = new Set<string>();
  const reattributed: Reattribution[] = [];
  // Rule 11: profile ids whose traits the plan changes (what each shows now), and those it could not read.
  const traitChanges: Array<{ profileId: string; names: string[]; changed: Record<string, Json> }> = [];
  const unreadTraits: string[] = [];

  // Rule 8: a messageId seen before returns the first answer and changes nothing.
  if (messageId !== undefined) {
    const first = state.messages.get(messageId);
    if (first) {
      const duplicate: Warning = {
        code: "DUPLICATE_MESSAGE",
        message: `messageId ${messageId} was already applied; returning its first answer`,
      };
      return { steps: [], resolution: { ...first, reattributed: reviveReattributions(first), warnings: [...first.warnings, duplicate] } };
    }
  }

  // Every entry an observation causes names its device ("Audit history": devices involved).
  const audit = (entry: Omit<AuditDraft, "id" | "at" | "messageId" | "deviceIds"> & { id?: string }): string => {
    const id = entry.id ?? newId();
    steps.push({ kind: "audit", entry: { ...entry, id, at, messageId, deviceIds: deviceId === undefined ? [] : [deviceId] } });
    return id;
  };

  const createProfileId = (forDevice: string | undefined): string => {
    const profileId = newId();
    const newDevice = forDevice !== undefined && !state.devices.has(forDevice);
    state.addProfileId(profileId, forDevice);
    created.add(profileId);
    steps.push({ kind: "createProfileId", profileId, deviceId: forDevice, at });
    if (newDevice) steps.push({ kind: "setCurrent", deviceId: forDevice, profileId });
    if (newDevice && state.devices.get(forDevice)?.timeline) steps.push({ kind: "openTimeline", deviceId: forDevice, profileId });
    audit({ action: "PROFILE_CREATED", profileIds: [profileId], identifiers: [] });
    return profileId;
  };

  const setCurrent = (device: string, profileId: string): void => {
    if (state.devices.get(device)?.current === profileId) return;
    state.setCurrent(device, profileId);
    steps.push({ kind: "setCurrent", deviceId: device, profileId });
  };

  /** "Linking an identifier to a profile id": attach it, merging its profile in, only within every limit. */
  const link = (identifier: Identifier, profileId: string): void => {
    const target = state.componentOf(profileId);
    if (target.identifiers.has(identifierKey(identifier))) return;
    const other = state.componentOfIdentifier(identifier);
    const check = checkMerge([target, other], rules, [identifier]);
    if (check.overLimit !== undefined || check.overDeviceCap) {
      const involved = [profileId, ...(other ? [other.root] : [])];
      if (check.overLimit === undefined) {
        // Rule 7: the link would bring the profile past the device cap; the device stays a ghost.
        warnings.push({
          code: "DEVICE_LIMIT_REACHED",
          message: `not linked: the profile would hold more than ${rules.deviceCap} devices`,
          identifier,
        });
        audit({
          action: "GHOST_PROFILE",
          reason: `device cap of ${rules.deviceCap} reached`,
          profileIds: involved,
          identifiers: [identifier],
        });
      } else {
        warnings.push({
          code: "IDENTIFIER_CONFLICT",
          message: `not linked: the profile would hold more than ${rules.types.get(check.overLimit)?.limit} ${check.overLimit} value(s)`,
          identifier,
        });
        audit({
          action: "IDENTITY_ERROR",
          reason: `${check.overLimit} limit exceeded`,
          profileIds: involved,
          identifiers: [identifier],
        });
      }
      return;
    }
    const auditId = newId();
    const before = { target: target.root, other: other?.root };
    const merged = state.link(identifier, profileId);
    steps.push({ kind: "link", identifier, profileId, auditId, at });
    audit({ id: auditId, action: "IDENTIFIER_LINKED", profileIds: [profileId], identifiers: [identifier] });
    if (merged.length > 0 && before.other !== undefined) {
      const root = state.rootOf.get(profileId) ?? profileId;
      for (const loser of merged) if (!created.has(loser)) mergedAway.add(loser);
      audit({
        action: "PROFILES_MERGED",
        reason: `linked ${identifier.type}`,
        profileIds: [root, ...merged],
        identifiers: [identifier],
        causedBy: auditId,
      });
    }
  };

  const linkAll = (profileId: string): void => {
    for (const identifier of identifiers) link(identifier, profileId);
  };

  let assigned: string;
  const anchor = anchorOf(state, identifiers, rules);
  const firstKnown = anchor?.component;
  const knownDevice = deviceId === undefined ? undefined : state.devices.get(deviceId);

  const { position, late } = placeOnTimeline(state, observation, rules);
  if (late !== undefined)
    warnings.push({
      code: "LATE_OBSERVATION",
      message: `stamped ${at.toISOString()}, more than the late window before the device's newest activity (${late.toISOString()}): attributed by arrival`,
    });
  // The stretch of the device's timeline holding the observation: its profile id is the device's user at that moment.
  const holding = deviceId === undefined || position === undefined ? undefined : state.stretchHolding(deviceId, position);
  if (knownDevice && position && !holding) throw new Error(`snapshot is missing the stretch of device ${deviceId} at ${at.toISOString()}`);

  if (deviceId !== undefined)
    steps.push({ kind: "touchDevice", deviceId, at, ...(position ? { position: copyPosition(position) as Position } : {}) });

  if (remembered) {
    // A refusal repeated on the very state it was decided on (src/rules/refusals.ts): the same
    // answer, and its audit entries count one more repeat.
    assigned = remembered.assigned;
    warnings.push(...remembered.warnings);
    for (const entry of remembered.audits) audit({ ...entry, profileIds: [...entry.profileIds], identifiers: [...entry.identifiers] });
  } else if (identifiers.length === 0) {
    // Rules 2 and 3: anonymous activity goes to the device's user at that moment (rule 10), or a new profile id.
    assigned = knownDevice ? (holding?.profileId ?? knownDevice.current) : createProfileId(deviceId);
  } else if (deviceId === undefined) {
    // Rule 4: the profile of the highest-priority known identifier, or a new profile id.
    const attached = anchor ? [...(state.identifierLinks.get(identifierKey(anchor.identifier))?.profileIds ?? [])].sort()[0] : undefined;
    assigned = attached ?? createProfileId(undefined);
    linkAll(assigned);
  } else if (!knownDevice) {
    // Rule 5: a new device gets its own profile id, which joins the first identifier's profile.
    assigned = createProfileId(deviceId);
    linkAll(assigned);
  } else {
    // Rule 6: a known device, as it was at the observation's moment (rule 10).
    const current = holding?.profileId ?? knownDevice.current;
    const currentProfile = state.componentOf(current);
    const first = identifiers[0] as Identifier;
    const check = checkMerge([currentProfile, firstKnown, state.componentOfIdentifier(first)], rules, [first]);
    if (currentProfile === firstKnown || check.overLimit === undefined) {
      // Stitches the device's anonymous activity to the user, merging with the user's profile.
      assigned = current;
    } else {
      // Another person is on the device: never merge them. Their own profile id on it, or a new one.
      const ownOnDevice = firstKnown
        ? [...knownDevice.profileIds]
            .filter((profileId) => firstKnown.profileIds.has(profileId))
            .sort()
            .at(-1)
        : undefined;
      assigned = ownOnDevice ?? createProfileId(deviceId);
      if (position === undefined) setCurrent(deviceId, assigned);
    }
    linkAll(assigned);
  }

  if (deviceId !== undefined && position !== undefined) {
    const timeline = state.devices.get(deviceId)?.timeline;
    if (timeline && identifiers.length > 0) {
      // Rule 10: an identified observation says "from here on, this device's user is `assigned`".
      // The stretch it cuts keeps what came before; what came after, up to the next identified
      // observation, moves with it.
      const { cut, started } = state.startStretch(deviceId, position, assigned);
      steps.push({
        kind: "startStretch",
        deviceId,
        cut: copyPosition(cut.from),
        cutProfileId: cut.profileId,
        stretch: { ...started, from: copyPosition(started.from), until: copyPosition(started.until) },
      });
      if (cut.profileId !== assigned && mayHoldActivity(timeline, position, started.until)) {
        const reattribution: Reattribution = {
          deviceId,
          from: new Date(position.at.getTime()),
          until: started.until === null ? null : new Date(started.until.at.getTime()),
          fromProfileId: cut.profileId,
          toProfileId: assigned,
        };
        reattributed.push(reattribution);
        state.moveReceipts(deviceId, position, started.until, cut.profileId, assigned);
        // Rule 11: traits set by observations of the moved stretch move with it.
        const moved = state.moveTraits(deviceId, position, started.until, cut.profileId, assigned);
        if (moved === undefined) unreadTraits.push(cut.profileId, assigned);
        else if (moved.names.length > 0)
          traitChanges.push(
            { profileId: cut.profileId, names: moved.names, changed: moved.from },
            { profileId: assigned, names: moved.names, changed: moved.to },
          );
        steps.push({
          kind: "reattribute",
          reattribution,
          from: copyPosition(position) as Position,
          until: copyPosition(started.until),
          toProfile: state.componentOf(assigned).root,
        });
        audit({
          action: "ACTIVITY_REATTRIBUTED",
          reason: `activity from ${reattribution.from.toISOString()} ${reattribution.until === null ? "on" : `until ${reattribution.until.toISOString()}`} moved to ${assigned}`,
          profileIds: [cut.profileId, assigned],
          identifiers: [],
          reattribution,
        });
      }
      // The device's current profile id is its latest stretch's.
      if (started.until === null) setCurrent(deviceId, assigned);
    }
    state.touchTimeline(deviceId, position, at);
  }

  // Rule 11: the observation's traits, on the profile id it is attributed to, at its timestamp.
  if (observation.traits.length > 0) {
    const arrival = newId();
    const where =
      deviceId !== undefined && position !== undefined ? { deviceId, posAt: position.at.toISOString(), posSeq: position.seq } : undefined;
    const writes: TraitWrite[] = observation.traits.map((change) => ({
      ...change,
      at: at.toISOString(),
      arrival,
      ...(where ? { where } : {}),
    }));
    const changed = state.setTraits(assigned, writes);
    if (changed === undefined) unreadTraits.push(assigned);
    else traitChanges.push({ profileId: assigned, names: [...new Set(writes.map((write) => write.name))], changed });
  }
  for (const { profileId, names: written, changed } of traitChanges) {
    const names = Object.keys(changed).sort();
    // The audit records which traits changed, never their values (personal data).
    const auditId =
      names.length > 0
        ? audit({ action: "TRAITS_CHANGED", reason: `traits changed: ${names.join(", ")}`, profileIds: [profileId], identifiers: [] })
        : undefined;
    steps.push({ kind: "traits", profileId, names: written, changed, ...(auditId === undefined ? {} : { auditId }) });
  }

  const profile = state.componentOf(assigned);
  const resolution: Resolution = {
    profileId: profile.root,
    assignedProfileId: assigned,
    created: [...profile.profileIds].every((profileId) => created.has(profileId)),
    mergedProfileIds: [...mergedAway].filter((root) => root !== profile.root).sort(),
    reattributed,
    warnings,
  };
  if (messageId !== undefined) {
    const place: ReceiptPlace | undefined =
      deviceId !== undefined && position !== undefined ? { deviceId, position: copyPosition(position) as Position } : undefined;
    state.messages.set(messageId, resolution);
    if (place) state.places.set(messageId, place);
    steps.push({ kind: "receipt", messageId, resolution, at, ...(place ? { place } : {}) });
  }
  return unreadTraits.length === 0 ? { steps, resolution } : { steps, resolution, unreadTraits: [...new Set(unreadTraits)] };
}

/** A stored answer's reattributions with their dates back (receipts are kept as JSON; answers from before rule 10 have none). */
function reviveReattributions(answer: Resolution): Reattribution[] {
  return ((answer.reattributed as Reattribution[] | undefined) ?? []).map((reattribution) => ({
    ...reattribution,
    from: new Date(reattribution.from),
    until: reattribution.until === null ? null : new Date(reattribution.until),
  }));
}
