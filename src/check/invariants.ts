// The invariant checker: scans one space of the graph (graph-scan.reader.ts) and reports every way
// it breaks the promises of docs/identity-rules.md. Used by `npm run check` and by the tests after every
// stress run.
import type { Executor } from "../neo4j/executor.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { profileRoots } from "../rules/components.js";
import { type GraphScan, type StretchScan, scanSpace } from "./graph-scan.reader.js";

export type ViolationCode =
  | "IDENTIFIER_IN_TWO_PROFILES"
  | "OVER_TYPE_LIMIT"
  | "OVER_DEVICE_CAP"
  | "WRONG_PROFILE_ID"
  | "DEVICE_WITHOUT_CURRENT"
  | "DEVICE_CURRENT_NOT_ITS_OWN"
  | "DEVICE_WITHOUT_PROFILE_ID"
  | "PROFILE_ID_ON_TWO_DEVICES"
  | "ORPHAN_IDENTIFIER"
  | "CROSS_SPACE_LINK"
  | "UNANSWERED_MESSAGE"
  | "TIMELINE_BROKEN"
  | "STRETCH_NOT_ITS_DEVICE"
  | "DEVICE_CURRENT_NOT_LATEST"
  | "ORPHAN_TRAIT";

export interface Violation {
  code: ViolationCode;
  message: string;
}

/** Scans a space and returns every violation; an empty list means the graph is clean. */
export async function checkSpace(executor: Executor, space: string, rules: IdentityRules): Promise<Violation[]> {
  return findViolations(await scanSpace(executor, space), rules);
}

/** The checks themselves, over a scan of a space: pure, so they can be tested on hand-made graphs. */
export function findViolations(graph: GraphScan, rules: IdentityRules): Violation[] {
  const violations: Violation[] = [];
  const report = (code: ViolationCode, message: string): void => {
    violations.push({ code, message });
  };

  // Connected components over the links (identifiers and manual merges); devices never join.
  const roots = profileRoots(
    graph.profileIds.map((p) => p.id),
    graph.identifiers.flatMap(({ type, value, profileIds }) => profileIds.map((profileId) => ({ identifier: { type, value }, profileId }))),
    graph.profileIds.flatMap((p) => p.merges.map((merge) => ({ from: p.id, to: merge.to }))),
  );
  const rootOf = (profileId: string): string => roots.get(profileId) ?? profileId;
  const forcedRoots = new Set(graph.profileIds.filter((p) => p.merges.some((merge) => merge.forced)).map((p) => rootOf(p.id)));

  // Each profile id's materialised profile is its component's smallest id.
  for (const profileId of graph.profileIds) {
    const root = rootOf(profileId.id);
    if (profileId.profile !== root) {
      report(
        "WRONG_PROFILE_ID",
        `profile id ${profileId.id} says its profile is ${profileId.profile ?? "(none)"}, but its component's oldest id is ${root}`,
      );
    }
  }

  // No identifier in two profiles (by the materialised ids, which is what lookups read).
  const materialised = new Map(graph.profileIds.map((p) => [p.id, p.profile]));
  const perProfile = new Map<string, { types: Map<string, Set<string>>; devices: Set<string> }>();
  const profileOf = (root: string) => {
    let entry = perProfile.get(root);
    if (!entry) {
      entry = { types: new Map(), devices: new Set() };
      perProfile.set(root, entry);
    }
    return entry;
  };
  for (const identifier of graph.identifiers) {
    const label = `${identifier.type}:${identifier.value}`;
    if (identifier.profileIds.length === 0) {
      report("ORPHAN_IDENTIFIER", `identifier ${label} is linked to no profile id`);
      continue;
    }
    const profiles = new Set(identifier.profileIds.map((id) => materialised.get(id) ?? id));
    if (profiles.size > 1) report("IDENTIFIER_IN_TWO_PROFILES", `identifier ${label} is in profiles ${[...profiles].sort().join(", ")}`);
    const root = rootOf(identifier.profileIds[0] as string);
    const values = profileOf(root).types;
    const set = values.get(identifier.type) ?? new Set<string>();
    set.add(identifier.value);
    values.set(identifier.type, set);
  }

  // Devices: one current profile id, among its own; each profile id on at most one device.
  const deviceOfProfileId = new Map<string, string>();
  for (const device of graph.devices) {
    if (device.profileIds.length === 0) report("DEVICE_WITHOUT_PROFILE_ID", `device ${device.id} has no profile id`);
    if (device.currents.length !== 1) {
      report("DEVICE_WITHOUT_CURRENT", `device ${device.id} has ${device.currents.length} current profile ids (expected exactly 1)`);
    } else if (!device.profileIds.includes(device.currents[0] as string)) {
      report("DEVICE_CURRENT_NOT_ITS_OWN", `device ${device.id}'s current profile id ${device.currents[0]} is not one of its profile ids`);
    }
    for (const profileId of device.profileIds) {
      const other = deviceOfProfileId.get(profileId);
      if (other !== undefined) report("PROFILE_ID_ON_TWO_DEVICES", `profile id ${profileId} belongs to devices ${other} and ${device.id}`);
      deviceOfProfileId.set(profileId, device.id);
      profileOf(rootOf(profileId)).devices.add(device.id);
    }
  }

  // Limits hold in every profile, except where an admin forced a merge past them.
  for (const [root, { types, devices }] of perProfile) {
    if (forcedRoots.has(root)) continue;
    for (const [type, values] of types) {
      const limit = rules.types.get(type)?.limit ?? Infinity;
      if (values.size > limit) report("OVER_TYPE_LIMIT", `profile ${root} holds ${values.size} ${type} values (limit ${limit})`);
    }
    if (devices.size > rules.deviceCap) report("OVER_DEVICE_CAP", `profile ${root} holds ${devices.size} devices (cap ${rules.deviceCap})`);
  }

  for (const edge of graph.crossSpace) {
    report(
      "CROSS_SPACE_LINK",
      `${edge.n} ${edge.type} relationship(s) join ${edge.fromLabel} nodes of this space to ${edge.toLabel} nodes of another space`,
    );
  }
  if (graph.unanswered > 0)
    report("UNANSWERED_MESSAGE", `${graph.unanswered} message receipt(s) have no answer (a half-written observation)`);

  // Rule 11: every trait belongs to a profile id of the space that says it holds traits (a batch
  // reads a profile id's traits only where it says so; a trait of a gone profile id is unreachable personal data).
  for (const trait of graph.traits ?? []) {
    if (!trait.found) report("ORPHAN_TRAIT", `trait ${trait.name} belongs to profile id ${trait.profileId}, which is not in the space`);
    else if (!trait.flagged)
      report("ORPHAN_TRAIT", `trait ${trait.name} of profile id ${trait.profileId} is hidden: the profile id does not say it holds traits`);
  }
  checkTimelines(graph, report);
  return violations;
}

/**
 * Rule 10: each device's stretches are in order and without gap or overlap (each ends where the
 * next begins, the first reaches back, the latest runs on), each is attributed to an existing
 * profile id of that device, and the latest one's profile id is the device's current one.
 */
function checkTimelines(graph: GraphScan, report: (code: ViolationCode, message: string) => void): void {
  const devices = new Map(graph.devices.map((device) => [device.id, device]));
  const byDevice = new Map<string, StretchScan[]>();
  for (const stretch of graph.stretches ?? []) byDevice.set(stretch.deviceId, [...(byDevice.get(stretch.deviceId) ?? []), stretch]);
  const where = (stretch: StretchScan) => `${stretch.from === "" ? "the start" : `${stretch.from}#${stretch.fromSeq}`}`;
  for (const [deviceId, stretches] of byDevice) {
    const device = devices.get(deviceId);
    if (!device) {
      report("STRETCH_NOT_ITS_DEVICE", `${stretches.length} stretch(es) belong to device ${deviceId}, which does not exist`);
      continue;
    }
    stretches.forEach((stretch, index) => {
      if (!device.profileIds.includes(stretch.profileId) || stretch.attributedTo.join() !== stretch.profileId) {
        report(
          "STRETCH_NOT_ITS_DEVICE",
          `device ${deviceId}'s stretch from ${where(stretch)} is attributed to ${stretch.profileId} (linked to ${stretch.attributedTo.join(", ") || "nothing"}), not an existing profile id of the device`,
        );
      }
      if (index === 0 && stretch.from !== "")
        report("TIMELINE_BROKEN", `device ${deviceId}'s first stretch starts at ${where(stretch)}, not at the start`);
      const next = stretches[index + 1];
      if (next === undefined) {
        if (stretch.until !== null)
          report("TIMELINE_BROKEN", `device ${deviceId}'s latest stretch ends at ${stretch.until} instead of running on`);
      } else if (stretch.until !== next.from || stretch.untilSeq !== next.fromSeq) {
        report(
          "TIMELINE_BROKEN",
          `device ${deviceId}'s stretch from ${where(stretch)} ends at ${stretch.until ?? "(open)"}#${stretch.untilSeq}, but the next starts at ${where(next)}`,
        );
      }
    });
    const latest = stretches.at(-1);
    if (latest && device.currents.length === 1 && device.currents[0] !== latest.profileId) {
      report(
        "DEVICE_CURRENT_NOT_LATEST",
        `device ${deviceId}'s current profile id ${device.currents[0]} is not its latest stretch's ${latest.profileId}`,
      );
    }
  }
}
