// "Why are these two in one profile?" as a pure function: the shortest chain of links between two
// things of the identity graph (docs/identity-rules.md, "link"). Profile ids are joined by identifiers
// (pid <-IDENTIFIES- identifier -IDENTIFIES-> pid) and manual merges; a device reaches its own
// profile ids, but a device is not a link, so the chain may pass a device only at either end.
import type { Identifier } from "../rules/model.js";

/** One thing of a profile: what explainLink takes and what each step names. */
export type IdentityRef =
  | { kind: "device"; deviceId: string }
  | { kind: "identifier"; identifier: Identifier }
  | { kind: "profileId"; profileId: string };

export type LinkKind = "IDENTIFIER" | "MANUAL_MERGE" | "DEVICE_PROFILE_ID";

/**
 * One stored edge, undirected for the search: IDENTIFIER joins an identifier and a profile id,
 * MANUAL_MERGE two profile ids, DEVICE_PROFILE_ID a device and one of its profile ids.
 */
export interface Link {
  kind: LinkKind;
  a: IdentityRef;
  b: IdentityRef;
  /** When the link was made (ISO). */
  at: string;
  /** The audit entry that made it, when there is one. */
  auditId: string | null;
}

/** A link as one step of a chain: from and to follow the chain, not the stored edge's direction. */
export interface PathStep {
  from: IdentityRef;
  to: IdentityRef;
  kind: LinkKind;
  at: string;
  auditId: string | null;
}

export function refKey(ref: IdentityRef): string {
  switch (ref.kind) {
    case "device":
      return `device\u0000${ref.deviceId}`;
    case "identifier":
      return `identifier\u0000${ref.identifier.type}\u0000${ref.identifier.value}`;
    case "profileId":
      return `profileId\u0000${ref.profileId}`;
  }
}

interface Adjacent {
  other: IdentityRef;
  link: Link;
}

/**
 * The shortest chain of links from `from` to `to`, or null when none exists; [] when they are the
 * same thing. Breadth-first; among chains of one length, older links are taken first so the answer
 * is the same on every call.
 */
export function shortestLinkPath(links: readonly Link[], from: IdentityRef, to: IdentityRef): PathStep[] | null {
  const start = refKey(from);
  const goal = refKey(to);
  if (start === goal) return [];

  const adjacency = new Map<string, Adjacent[]>();
  const add = (node: IdentityRef, adjacent: Adjacent): void => {
    const key = refKey(node);
    const list = adjacency.get(key);
    if (list) list.push(adjacent);
    else adjacency.set(key, [adjacent]);
  };
  const ordered = [...links].sort((x, y) => compare(x.at, y.at) || compare(refKey(x.a) + refKey(x.b), refKey(y.a) + refKey(y.b)));
  for (const link of ordered) {
    add(link.a, { other: link.b, link });
    add(link.b, { other: link.a, link });
  }

  const cameFrom = new Map<string, { previous: IdentityRef; link: Link }>();
  const seen = new Set([start]);
  let frontier: IdentityRef[] = [from];
  while (frontier.length > 0) {
    const next: IdentityRef[] = [];
    for (const node of frontier) {
      const key = refKey(node);
      // A device joins nothing: leave one only where the chain starts.
      if (node.kind === "device" && key !== start) continue;
      for (const { other, link } of adjacency.get(key) ?? []) {
        const otherKey = refKey(other);
        if (seen.has(otherKey)) continue;
        seen.add(otherKey);
        cameFrom.set(otherKey, { previous: node, link });
        if (otherKey === goal) return chainTo(other, cameFrom);
        next.push(other);
      }
    }
    frontier = next;
  }
  return null;
}

function chainTo(end: IdentityRef, cameFrom: ReadonlyMap<string, { previous: IdentityRef; link: Link }>): PathStep[] {
  const steps: PathStep[] = [];
  let node = end;
  for (let hop = cameFrom.get(refKey(node)); hop; hop = cameFrom.get(refKey(node))) {
    steps.push({ from: hop.previous, to: node, kind: hop.link.kind, at: hop.link.at, auditId: hop.link.auditId });
    node = hop.previous;
  }
  return steps.reverse();
}

const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
