// What the explorer draws and lists, derived from API data only: a profile, its history (which
// says what made each link) and the current profiles of its shared devices' other people.
import type { AuditEntryFieldsFragment, ChangeFieldsFragment, ProfileFieldsFragment } from "../shared/gql/graphql.js";

/** The API's types, as the explorer's operations ask for them (queries.ts, typed by `npm run codegen`). */
export type AuditEntry = AuditEntryFieldsFragment;
export type Profile = ProfileFieldsFragment;
export type Change = ChangeFieldsFragment;
export type Identifier = Profile["identifiers"][number];
export type Device = Profile["devices"][number];
/** A stretch of a device's activity that moved to another profile id (rule 10); `until` null: on to the present. */
export type Reattribution = Change["reattributions"][number];

export type NodeKind = "device" | "profileId" | "identifier";
export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Another person's (a shared device's other profile): drawn faded. */
  faded: boolean;
  /** A ghost profile or identity error touched it. */
  flagged: string | null;
}
export type LinkKind = "device" | "identifier" | "manualMerge" | "notLinked" | "moved";
export interface GraphLink {
  id: string;
  source: string;
  target: string;
  kind: LinkKind;
  label: string;
  /** The audit entry that made (or refused) the link. */
  entry: AuditEntry | null;
  faded: boolean;
  /** A manual merge forced past a limit. */
  forced?: boolean;
}
export interface ProfileGraph {
  nodes: GraphNode[];
  links: GraphLink[];
}

export const deviceNode = (id: string): string => `d:${id}`;
export const profileIdNode = (id: string): string => `p:${id}`;
export const identifierNode = (i: Identifier): string => `i:${i.type}:${i.value}`;
const identifierKey = (i: Identifier): string => `${i.type}\u0000${i.value}`;

/** Each undone entry's id → the PROFILES_UNMERGED entry that undid it. */
export function undoneBy(history: readonly AuditEntry[]): Map<string, AuditEntry> {
  const undone = new Map<string, AuditEntry>();
  for (const entry of history) if (entry.action === "PROFILES_UNMERGED" && entry.undoes) undone.set(entry.undoes, entry);
  return undone;
}

const ISO = "\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z";
const MOVED = new RegExp(`^activity from (${ISO}) (?:on|until (${ISO})) moved to `);

/**
 * What an ACTIVITY_REATTRIBUTED entry moved: its device, its profile ids (from, to) and the interval
 * its reason states (`activity from <t> until <t> moved to <id>`, or `… on moved to …` when open).
 */
export function reattributionOf(entry: AuditEntry): Reattribution | null {
  if (entry.action !== "ACTIVITY_REATTRIBUTED") return null;
  const [fromProfileId, toProfileId] = entry.profileIds;
  const deviceId = entry.deviceIds[0];
  const interval = MOVED.exec(entry.reason ?? "");
  if (!fromProfileId || !toProfileId || !deviceId || !interval?.[1]) return null;
  return { deviceId, from: interval[1], until: interval[2] ?? null, fromProfileId, toProfileId };
}

/** A short local time span for a drawing's label: `09:59–10:05`, `09:59 on`. */
export const span = (r: Pick<Reattribution, "from" | "until">): string => {
  const hm = (iso: string): string => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return r.until ? `${hm(r.from)}–${hm(r.until)}` : `${hm(r.from)} on`;
};

/** Builds the drawing: entries newest first (as the API gives them). */
export function buildGraph(profile: Profile, history: AuditEntry[], others: Profile[]): ProfileGraph {
  const nodes = new Map<string, GraphNode>();
  const links = new Map<string, GraphLink>();
  const ids = new Set(profile.ids);
  const identifiers = new Set(profile.identifiers.map(identifierKey));
  const devices = new Set(profile.devices.map((d) => d.id));
  const addNode = (node: GraphNode): void => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  };
  const addLink = (link: GraphLink): void => {
    if (!links.has(link.id) && nodes.has(link.source) && nodes.has(link.target)) links.set(link.id, link);
  };

  for (const id of profile.ids) addNode({ id: profileIdNode(id), kind: "profileId", label: short(id), faded: false, flagged: null });
  for (const d of profile.devices) addNode({ id: deviceNode(d.id), kind: "device", label: d.id, faded: false, flagged: null });
  for (const i of profile.identifiers) {
    addNode({ id: identifierNode(i), kind: "identifier", label: `${i.type}: ${i.value}`, faded: false, flagged: null });
  }

  // Oldest first, so a later entry's mark wins; links are kept only while both ends are in the profile
  // and the link was not undone since.
  const undone = undoneBy(history);
  for (const entry of [...history].reverse()) {
    if (undone.has(entry.id)) continue;
    const [first, ...rest] = entry.profileIds;
    switch (entry.action) {
      case "PROFILE_CREATED":
        for (const d of entry.deviceIds) {
          if (first && ids.has(first) && devices.has(d)) {
            addLink({
              id: `dev:${d}:${first}`,
              source: deviceNode(d),
              target: profileIdNode(first),
              kind: "device",
              label: "device",
              entry,
              faded: false,
            });
          }
        }
        break;
      case "IDENTIFIER_LINKED":
        for (const i of entry.identifiers) {
          if (first && ids.has(first) && identifiers.has(identifierKey(i))) {
            links.delete(`id:${identifierNode(i)}:${first}`);
            addLink({
              id: `id:${identifierNode(i)}:${first}`,
              source: identifierNode(i),
              target: profileIdNode(first),
              kind: "identifier",
              label: entry.actor === "system" ? `${i.type}` : `${i.type} (by ${entry.actor})`,
              entry,
              faded: false,
            });
          }
        }
        break;
      case "PROFILES_MERGED":
        // A merge caused by a link is drawn as that identifier link; a manual merge has no identifier.
        if (entry.identifiers.length === 0 && first && ids.has(first)) {
          for (const other of rest) {
            if (!ids.has(other)) continue;
            addLink({
              id: `merge:${entry.id}:${other}`,
              source: profileIdNode(first),
              target: profileIdNode(other),
              kind: "manualMerge",
              label: `${entry.forced ? "forced" : "manual"} merge by ${entry.actor}${entry.reason ? `: ${entry.reason}` : ""}`,
              entry,
              faded: false,
              forced: entry.forced === true,
            });
          }
        }
        break;
      case "ACTIVITY_REATTRIBUTED": {
        // The moved stretch, drawn from its device to the profile id that has it now (another
        // person's, faded, when it left this profile).
        const moved = reattributionOf(entry);
        if (!moved || !devices.has(moved.deviceId)) break;
        const mine = ids.has(moved.toProfileId);
        if (!mine) {
          addNode({
            id: profileIdNode(moved.toProfileId),
            kind: "profileId",
            label: `other person ${short(moved.toProfileId)}`,
            faded: true,
            flagged: null,
          });
        }
        addLink({
          id: `moved:${entry.id}`,
          source: deviceNode(moved.deviceId),
          target: profileIdNode(moved.toProfileId),
          kind: "moved",
          label: `moved ${span(moved)}`,
          entry,
          faded: false,
        });
        break;
      }
      case "GHOST_PROFILE":
      case "IDENTITY_ERROR": {
        const mark = entry.action === "GHOST_PROFILE" ? "ghost profile" : "identity error";
        for (const id of entry.profileIds) {
          const node = nodes.get(profileIdNode(id));
          if (node && !node.faded) node.flagged = `${mark}: ${entry.reason ?? ""}`.trim();
        }
        for (const d of entry.deviceIds) {
          const node = nodes.get(deviceNode(d));
          if (node) node.flagged = `${mark}: ${entry.reason ?? ""}`.trim();
        }
        // The identifier that was not linked, beside the profile id it was refused for.
        for (const i of entry.identifiers) {
          if (first && ids.has(first) && !identifiers.has(identifierKey(i))) {
            addNode({ id: identifierNode(i), kind: "identifier", label: `${i.type}: ${i.value}`, faded: true, flagged: mark });
            addLink({
              id: `refused:${entry.id}:${identifierNode(i)}`,
              source: identifierNode(i),
              target: profileIdNode(first),
              kind: "notLinked",
              label: `not linked: ${mark}`,
              entry,
              faded: true,
            });
          }
        }
        break;
      }
      default:
        break;
    }
  }

  // A shared device's other people: the device's current profile when it is not this one.
  for (const other of others) {
    if (other.id === profile.id) continue;
    const node = profileIdNode(other.id);
    const who = other.identifiers[0] ? `${other.identifiers[0].type}: ${other.identifiers[0].value}` : "anonymous";
    const label = `other person ${short(other.id)}\n${who}`;
    const known = nodes.get(node);
    if (known) known.label = label;
    addNode({ id: node, kind: "profileId", label, faded: true, flagged: null });
    for (const d of other.devices) {
      if (devices.has(d.id)) {
        addLink({
          id: `shared:${d.id}:${other.id}`,
          source: deviceNode(d.id),
          target: node,
          kind: "device",
          label: "shared device",
          entry: null,
          faded: true,
        });
      }
    }
  }
  return { nodes: [...nodes.values()], links: [...links.values()] };
}

/** The last characters of a ULID: enough to tell a profile's ids apart in a drawing. */
export const short = (id: string): string => (id.length > 12 ? `…${id.slice(-8)}` : id);

/** The links an admin can undo with unmerge: identifier links and manual merges. */
export const undoableLinks = (graph: ProfileGraph): GraphLink[] =>
  graph.links.filter((l) => !l.faded && l.entry !== null && (l.kind === "identifier" || l.kind === "manualMerge"));

export const describeLink = (link: GraphLink): string => {
  const end = (id: string): string => id.replace(/^[dpi]:/, "").replace(/^([^:]+):/, "$1: ");
  switch (link.kind) {
    case "identifier":
      return `${end(link.source)} → profile id ${end(link.target)}`;
    case "manualMerge":
      return `profile id ${end(link.source)} ⇄ profile id ${end(link.target)} (${link.forced ? "forced" : "manual"} merge)`;
    case "device":
      return `device ${end(link.source)} → profile id ${end(link.target)}`;
    case "notLinked":
      return `${end(link.source)} not linked to ${end(link.target)}`;
    case "moved": {
      const moved = link.entry ? reattributionOf(link.entry) : null;
      return moved
        ? `device ${moved.deviceId}: activity ${span(moved)} moved from profile id ${moved.fromProfileId} to profile id ${moved.toProfileId}`
        : `device ${end(link.source)}: activity moved to profile id ${end(link.target)}`;
    }
  }
};
