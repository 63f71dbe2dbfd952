// What the explorer draws and lists, derived from API data only: a profile, its history (which
// says what made each link) and the current profiles of its shared devices' other people.
export interface Identifier {
  type: string;
  value: string;
}
export interface Device {
  id: string;
  profileId: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}
export interface Profile {
  id: string;
  ids: string[];
  createdAt: string;
  identifiers: Identifier[];
  devices: Device[];
}
export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actor: string;
  reason: string | null;
  profileIds: string[];
  identifiers: Identifier[];
  deviceIds: string[];
  messageId: string | null;
  /** For a manual merge: whether an admin forced it past a limit. */
  forced?: boolean | null;
}

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
export type LinkKind = "device" | "identifier" | "manualMerge" | "notLinked";
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

  // Oldest first, so a later entry's mark wins; links are kept only while both ends are in the profile.
  for (const entry of [...history].reverse()) {
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
    addNode({ id: node, kind: "profileId", label: `other person ${short(other.id)}\n${who}`, faded: true, flagged: null });
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
  }
};
