// A refusal that repeats (docs/identity-rules.md, "What the store keeps"): a device whose every event
// is refused — an email that belongs to someone else, a ghost device sending its user id — would
// make the store load whole profiles for each event, only for the rules to refuse again. The rules
// decide the same way on the same state, so a refusal is remembered on its device with what it was
// decided on: the observation's identifiers and the neighbourhood it saw, each profile named with
// its revision (a profile's root gets a new one whenever anything in the profile changes). An
// observation whose fingerprint equals the remembered one is answered as then, on the neighbourhood
// alone, and its audit entries count one more repeat. Pure: no I/O.
import type { AuditDraft, Plan, Step } from "./decide.js";
import { placeOnTimeline } from "./decide.js";
import { identifierKey, type Observation, type Warning } from "./model.js";
import type { IdentityRules } from "./rules-config.js";
import type { Snapshot } from "./snapshot.js";

/** What a device remembers of its last refusal. */
export interface RememberedRefusal {
  fingerprint: string;
  /** The profile id the refused observation was attributed to. */
  assigned: string;
  /** The refusals' warnings (IDENTIFIER_CONFLICT, DEVICE_LIMIT_REACHED), in order. */
  warnings: Warning[];
  audits: Array<Pick<AuditDraft, "action" | "reason" | "profileIds" | "identifiers">>;
}

const REFUSALS: ReadonlySet<string> = new Set(["IDENTITY_ERROR", "GHOST_PROFILE"]);
const UNCHANGING: ReadonlySet<Step["kind"]> = new Set(["touchDevice", "startStretch", "receipt"]);

/** The rules' settings that a decision depends on, as one string. */
export function rulesFingerprint(rules: IdentityRules): string {
  return JSON.stringify([[...rules.types], rules.deviceCap, rules.lateWindowMs]);
}

/**
 * What an observation on a known device is decided on, as one string: its identifiers, the
 * device's profile ids and its user at the observation's moment, the profile ids of its
 * identifiers, every one with its profile and that profile's revision; and the rules. Undefined
 * when the snapshot lacks the revision of one of those profiles (`missing` names them).
 */
export function fingerprintOf(
  state: Snapshot,
  observation: Observation,
  rules: IdentityRules,
  rulesKey: string,
  missing?: Set<string>,
): string | undefined {
  const { deviceId, identifiers } = observation;
  const device = deviceId === undefined ? undefined : state.devices.get(deviceId);
  if (!device || identifiers.length === 0 || observation.messageId === undefined) return undefined;
  let complete = true;
  const member = (profileId: string): string => {
    const root = state.rootOf.get(profileId);
    const rev = root === undefined ? undefined : state.revs.get(root);
    if (root !== undefined && rev === undefined) {
      complete = false;
      missing?.add(root);
    }
    return `${profileId}>${root ?? "?"}@${rev ?? "?"}`;
  };
  const { position, late } = placeOnTimeline(state, observation, rules);
  const holding = position === undefined ? device.current : state.stretchHolding(device.id, position)?.profileId;
  const parts = {
    rules: rulesKey,
    identifiers: identifiers.map(identifierKey),
    device: [...device.profileIds].sort().map(member),
    current: device.current,
    holding,
    late: late !== undefined,
    links: identifiers.map((identifier) =>
      [...(state.identifierLinks.get(identifierKey(identifier))?.profileIds ?? [])].sort().map(member),
    ),
  };
  return complete ? JSON.stringify(parts) : undefined;
}

/** The refusal a plan is, when it refuses and changes nothing else: what its device remembers. */
export function refusalOf(plan: Plan, fingerprint: string): RememberedRefusal | undefined {
  const audits = plan.steps.flatMap((step) => (step.kind === "audit" ? [step.entry] : []));
  if (audits.length === 0 || !audits.every((entry) => REFUSALS.has(entry.action))) return undefined;
  const others = plan.steps.filter((step) => step.kind !== "audit");
  const unchanging = others.every(
    (step) => UNCHANGING.has(step.kind) && (step.kind !== "startStretch" || step.cutProfileId === step.stretch.profileId),
  );
  if (!unchanging) return undefined;
  return {
    fingerprint,
    assigned: plan.resolution.assignedProfileId,
    warnings: plan.resolution.warnings.filter(
      (warning) => warning.code === "IDENTIFIER_CONFLICT" || warning.code === "DEVICE_LIMIT_REACHED",
    ),
    audits: audits.map(({ action, reason, profileIds, identifiers }) => ({ action, reason, profileIds, identifiers })),
  };
}
