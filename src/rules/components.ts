// Merged profiles as connected components of profile ids over the links (identifier attachments
// and manual merges), recomputed in memory: after an admin operation removes links, and by the
// invariant checker against the materialised ids. Pure.
import { identifierKey, type Identifier } from "./model.js";
import { byString } from "./order.js";
import { UnionFind } from "./union-find.js";

export interface IdentifierLink {
  identifier: Identifier;
  profileId: string;
}

export interface MergeLink {
  from: string;
  to: string;
}

/**
 * The merged-profile id (the component's smallest profile id) of every given profile id, over the
 * given links. Identifiers join the profile ids they are attached to but never name a profile.
 * Links to profile ids outside `profileIds` are ignored: the caller passes whole components.
 */
export function profileRoots(
  profileIds: Iterable<string>,
  identifierLinks: Iterable<IdentifierLink>,
  mergeLinks: Iterable<MergeLink>,
): Map<string, string> {
  const members = new Set(profileIds);
  const sets = new UnionFind();
  for (const profileId of members) sets.add(`p:${profileId}`);
  for (const { from, to } of mergeLinks) {
    if (members.has(from) && members.has(to)) sets.union(`p:${from}`, `p:${to}`);
  }
  for (const { identifier, profileId } of identifierLinks) {
    if (members.has(profileId)) sets.union(`i:${identifierKey(identifier)}`, `p:${profileId}`);
  }
  const roots = new Map<string, string>();
  for (const group of sets.groups().values()) {
    const groupProfileIds = group.filter((node) => node.startsWith("p:")).map((node) => node.slice(2));
    if (groupProfileIds.length === 0) continue;
    // Profile ids are time-ordered: the smallest is the oldest, the profile's id.
    const root = groupProfileIds.reduce((min, id) => (id < min ? id : min));
    for (const profileId of groupProfileIds) roots.set(profileId, root);
  }
  return roots;
}

/** The components as lists: root -> its profile ids, sorted. */
export function groupByRoot(roots: ReadonlyMap<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [profileId, root] of roots) {
    const group = groups.get(root);
    if (group) group.push(profileId);
    else groups.set(root, [profileId]);
  }
  for (const group of groups.values()) group.sort();
  return new Map([...groups].sort(([a], [b]) => byString(a, b)));
}
