// The Cypher of explainLink. Reads only: where a ref lives (which profiles), and the links of those
// profiles. The materialised ProfileId.profile makes both index seeks; the path itself is found in
// TypeScript (link-path.ts), where "a device joins nothing" is one plain, tested line.
import type { ManagedTransaction } from "neo4j-driver";
import type { IdentityRef, Link } from "./link-path.js";

/** Where a ref lives: the profiles (roots) it belongs to, and the one to name when it is its own answer. */
export interface RefPlacement {
  roots: string[];
  /** A device's current profile; the profile of an identifier or profile id. */
  home: string | null;
}

const DEVICE_PLACEMENT = `
MATCH (d:Device {space: $space, id: $deviceId})
RETURN COLLECT { MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId) RETURN DISTINCT p.profile AS root ORDER BY root } AS roots,
       COLLECT { MATCH (d)-[:CURRENT]->(c:ProfileId) RETURN c.profile }[0] AS home`;

const IDENTIFIER_PLACEMENT = `
MATCH (i:Identifier {space: $space, type: $type, value: $value})
WITH COLLECT { MATCH (i)-[:IDENTIFIES]->(p:ProfileId) RETURN DISTINCT p.profile AS root ORDER BY root } AS roots
RETURN roots, roots[0] AS home`;

const PROFILE_ID_PLACEMENT = `
MATCH (p:ProfileId {space: $space, id: $profileId})
RETURN [p.profile] AS roots, p.profile AS home`;

/** Null when the ref is not in the space (never seen, or deleted). */
export async function placeRef(tx: ManagedTransaction, space: string, ref: IdentityRef): Promise<RefPlacement | null> {
  const result =
    ref.kind === "device"
      ? await tx.run(DEVICE_PLACEMENT, { space, deviceId: ref.deviceId })
      : ref.kind === "identifier"
        ? await tx.run(IDENTIFIER_PLACEMENT, { space, ...ref.identifier })
        : await tx.run(PROFILE_ID_PLACEMENT, { space, profileId: ref.profileId });
  const record = result.records[0];
  if (!record) return null;
  return { roots: record.get("roots") as string[], home: (record.get("home") as string | null) ?? null };
}

// Every link inside the given profiles, plus the given devices' own profile-id edges. A device's
// edge names the PROFILE_CREATED entry that gave the device that profile id.
const PROFILE_LINKS = `
UNWIND $roots AS root
MATCH (p:ProfileId {space: $space, profile: root})
RETURN p.id AS profileId, root,
       COLLECT { MATCH (p)<-[r:IDENTIFIES]-(i:Identifier)
                 RETURN {type: i.type, value: i.value, at: r.at, auditId: r.auditId} } AS identifiedBy,
       COLLECT { MATCH (p)-[r:MERGED_WITH]->(q:ProfileId)
                 RETURN {profileId: q.id, at: r.at, auditId: r.auditId} } AS mergedWith,
       COLLECT { MATCH (d:Device)-[r:HAS_PROFILE_ID]->(p) WHERE d.id IN $deviceIds
                 RETURN {deviceId: d.id, at: r.at,
                         auditId: [(p)<-[:ABOUT]-(a:AuditEntry {action: 'PROFILE_CREATED'}) WHERE d.id IN a.deviceIds | a.id][0]} } AS devices`;

interface RawEdge {
  at: string;
  auditId: string | null;
}

export interface ProfileLinks {
  links: Link[];
  /** The profile (root) of every profile id loaded. */
  rootOf: Map<string, string>;
}

export async function loadProfileLinks(
  tx: ManagedTransaction,
  space: string,
  roots: readonly string[],
  deviceIds: readonly string[],
): Promise<ProfileLinks> {
  const result = await tx.run(PROFILE_LINKS, { space, roots, deviceIds });
  const links: Link[] = [];
  const rootOf = new Map<string, string>();
  for (const record of result.records) {
    const profileId = record.get("profileId") as string;
    rootOf.set(profileId, record.get("root") as string);
    const pid: IdentityRef = { kind: "profileId", profileId };
    for (const edge of record.get("identifiedBy") as Array<RawEdge & { type: string; value: string }>) {
      const identifier: IdentityRef = { kind: "identifier", identifier: { type: edge.type, value: edge.value } };
      links.push({ kind: "IDENTIFIER", a: identifier, b: pid, at: edge.at, auditId: edge.auditId ?? null });
    }
    for (const edge of record.get("mergedWith") as Array<RawEdge & { profileId: string }>) {
      links.push({
        kind: "MANUAL_MERGE",
        a: pid,
        b: { kind: "profileId", profileId: edge.profileId },
        at: edge.at,
        auditId: edge.auditId ?? null,
      });
    }
    for (const edge of record.get("devices") as Array<RawEdge & { deviceId: string }>) {
      links.push({
        kind: "DEVICE_PROFILE_ID",
        a: { kind: "device", deviceId: edge.deviceId },
        b: pid,
        at: edge.at,
        auditId: edge.auditId ?? null,
      });
    }
  }
  return { links, rootOf };
}
