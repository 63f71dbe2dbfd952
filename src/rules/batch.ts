// A batch decided in its order (rule 9) on a snapshot whose components may be partial: most SDK
// traffic is events that change nothing (a known device, carrying the identifiers already linked
// to the person on it), and deciding those needs only the batch's neighbourhood, not the whole
// profiles. The store loads whole only the profiles this function asks for. Pure: no I/O.
import { advance, checkMerge, type DecideContext, type Plan, placeOnTimeline, type Step } from "./decide.js";
import { identifierKey, type Observation } from "./model.js";
import type { IdentityRules } from "./rules-config.js";
import { fingerprintOf, refusalOf, rulesFingerprint } from "./refusals.js";
import type { Snapshot } from "./snapshot.js";

/**
 * The plans of a batch, or the roots whose whole profiles the rules need before they can decide it
 * — and, when a device's remembered refusal might spare those loads, the roots whose revisions would
 * tell (`revs`: the store reads them, without locks, and asks again).
 */
export type BatchDecision = ({ plans: Plan[] } | { needs: string[]; revs: string[]; traits: string[] }) & {
  /**
   * The observations (by index) that link, create or move something, or wait for whole profiles:
   * the store locks their identifiers (src/identity/resolution.store.ts). The others changed
   * nothing, or repeated a remembered refusal.
   */
  open: number[];
};

/** The profiles (roots) the rules may read to decide an observation: those of its device's profile ids and of its identifiers' links. */
export function touchedRoots(state: Snapshot, observation: Observation): Set<string> {
  const roots = new Set<string>();
  const add = (profileId: string): void => {
    const root = state.rootOf.get(profileId);
    if (root !== undefined) roots.add(root);
  };
  if (observation.deviceId !== undefined) for (const profileId of state.devices.get(observation.deviceId)?.profileIds ?? []) add(profileId);
  for (const identifier of observation.identifiers)
    for (const profileId of state.identifierLinks.get(identifierKey(identifier))?.profileIds ?? []) add(profileId);
  return roots;
}

/**
 * Whether an observation changes nothing: nothing to link, nothing to create, no one to move. It
 * repeats a messageId (rule 8); or it comes from a known device, anonymous (rules 2, 3) or with
 * identifiers all already linked to the profile of the device's user at that moment (rule 6,
 * rule 10); or it has no device and identifiers all already linked to one profile (rule 4). Its
 * plan is then its device's touch and timeline mark and its receipt. Exact on partial components
 * too: it reads only the neighbourhood, and whether the profile may exceed its limits (an admin
 * waived them), which the store reads with it.
 */
export function changesNothing(state: Snapshot, observation: Observation, rules: IdentityRules): boolean {
  const { deviceId, identifiers, messageId } = observation;
  if (messageId !== undefined && state.messages.has(messageId)) return true;
  let root: string | undefined;
  if (deviceId !== undefined) {
    const device = state.devices.get(deviceId);
    if (!device) return false;
    const { position } = placeOnTimeline(state, observation, rules);
    const user = position === undefined ? device.current : state.stretchHolding(deviceId, position)?.profileId;
    if (user === undefined) return false;
    if (identifiers.length === 0) return true;
    root = state.rootOf.get(user);
  } else if (identifiers.length === 0) return false;
  for (const identifier of identifiers) {
    const links = state.identifierLinks.get(identifierKey(identifier));
    if (!links || links.profileIds.size === 0) return false;
    for (const profileId of links.profileIds) {
      const linkedTo = state.rootOf.get(profileId);
      root ??= linkedTo;
      if (linkedTo === undefined || linkedTo !== root) return false;
    }
  }
  if (root === undefined) return false;
  // The anchor (rules 4 and 6) is this profile only while it is within its limits.
  if (state.partialRoots.has(root)) return !state.waivedRoots.has(root);
  const component = state.components.get(root);
  return component !== undefined && checkMerge([component], rules).overLimit === undefined;
}

/** What an observation that changes no one's identity writes: its device's touch and mark, its receipt, its traits (rule 11). */
const UNCHANGING: ReadonlySet<Step["kind"]> = new Set(["touchDevice", "startStretch", "receipt", "traits"]);

/** A plan that changes no one's identity: at most its traits (rule 11), with their audit entry. */
export function keepsIdentity(plan: Plan): boolean {
  return plan.steps.every(
    (step) =>
      (step.kind === "audit" && step.entry.action === "TRAITS_CHANGED") ||
      (UNCHANGING.has(step.kind) && (step.kind !== "startStretch" || step.cutProfileId === step.stretch.profileId)),
  );
}

/** A plan that writes only what an observation that changes nothing writes (and moves no one, and changes no trait). */
export function isUnchanging(plan: Plan): boolean {
  return plan.steps.every(
    (step) => UNCHANGING.has(step.kind) && (step.kind !== "startStretch" || step.cutProfileId === step.stretch.profileId),
  );
}

/**
 * Decides a batch in order. An observation that touches only whole profiles is decided as always;
 * one that touches a partial profile must change nothing, or the batch needs that profile whole.
 * All such needs of one pass are returned together: observations after one that cannot be decided
 * yet are still looked at (an observation sharing its device, identifiers or profiles may depend
 * on it, so its partial profiles are asked for too), so a batch usually takes one extra load.
 * `state` is advanced; on needs, the caller discards it and decides again on a fuller snapshot.
 */
export function decideBatch(state: Snapshot, observations: readonly Observation[], context: DecideContext): BatchDecision {
  const plans: Plan[] = [];
  const needs = new Set<string>();
  const revs = new Set<string>();
  /** Profile ids whose traits an observation sets and the snapshot has not read (rule 11). */
  const traits = new Set<string>();
  const open: number[] = [];
  const rulesKey = rulesFingerprint(context.rules);
  const tainted = { devices: new Set<string>(), identifiers: new Set<string>(), roots: new Set<string>() };
  const touchesTainted = (observation: Observation, roots: Set<string>): boolean =>
    (observation.deviceId !== undefined && tainted.devices.has(observation.deviceId)) ||
    observation.identifiers.some((identifier) => tainted.identifiers.has(identifierKey(identifier))) ||
    [...roots].some((root) => tainted.roots.has(root));
  for (const [index, observation] of observations.entries()) {
    const roots = touchedRoots(state, observation);
    const partial = [...roots].filter((root) => state.partialRoots.has(root));
    const undecided = (needs.size > 0 || traits.size > 0) && touchesTainted(observation, roots);
    const remembered = observation.deviceId === undefined ? undefined : state.refusals.get(observation.deviceId);
    // Whether the device remembers refusing this very observation on this very state.
    const missing = new Set<string>();
    const fingerprint =
      remembered !== undefined || partial.length === 0 ? fingerprintOf(state, observation, context.rules, rulesKey, missing) : undefined;
    const repeats = !undecided && remembered !== undefined && fingerprint === remembered.fingerprint;
    if (undecided || (partial.length > 0 && !repeats && !changesNothing(state, observation, context.rules))) {
      for (const root of partial) needs.add(root);
      if (remembered !== undefined) for (const root of missing) revs.add(root);
      if (observation.deviceId !== undefined) tainted.devices.add(observation.deviceId);
      for (const identifier of observation.identifiers) tainted.identifiers.add(identifierKey(identifier));
      for (const root of roots) tainted.roots.add(root);
      open.push(index);
      continue;
    }
    const plan = advance(state, observation, context, repeats ? remembered : undefined);
    if (plan.unreadTraits !== undefined) {
      // Its traits go on a profile id whose traits are unread: the store reads them and the rules decide again.
      for (const profileId of plan.unreadTraits) traits.add(profileId);
      if (observation.deviceId !== undefined) tainted.devices.add(observation.deviceId);
      for (const identifier of observation.identifiers) tainted.identifiers.add(identifierKey(identifier));
      for (const root of touchedRoots(state, observation)) tainted.roots.add(root);
      continue;
    }
    if (partial.length > 0 && !keepsIdentity(plan) && !repeats)
      throw new Error(`observation ${observation.messageId ?? ""} changes a partial profile ${partial.join(", ")}`);
    // A refusal decided on whole profiles is remembered by its device, for the next time.
    const refusal = !repeats && fingerprint !== undefined && observation.deviceId !== undefined ? refusalOf(plan, fingerprint) : undefined;
    if (refusal && observation.deviceId !== undefined) state.rememberRefusal(observation.deviceId, refusal);
    if (!repeats && !keepsIdentity(plan)) open.push(index);
    plans.push(plan);
  }
  return needs.size > 0 || traits.size > 0
    ? { needs: [...needs].sort(), revs: [...revs].sort(), traits: [...traits].sort(), open }
    : { plans, open };
}
