// The reads of explainLink (cypher/explain/): where a ref lives (which profiles), and the links of
// those profiles. The materialised ProfileId.profile makes both index seeks; the path itself is found
// in TypeScript (link-path.ts), where "a device joins nothing" is one plain, tested line.
import type { ManagedTransaction } from "neo4j-driver";
import { list, obj, optStr, str, strList } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { IdentityRef, Link } from "./link-path.js";

/** Where a ref lives: the profiles (roots) it belongs to, and the one to name when it is its own answer. */
export interface RefPlacement {
  roots: string[];
  /** A device's current profile; the profile of an identifier or profile id. */
  home: string | null;
}

const DEVICE_PLACEMENT = statement("explain/device-placement");

const IDENTIFIER_PLACEMENT = statement("explain/identifier-placement");

const PROFILE_ID_PLACEMENT = statement("explain/profile-id-placement");

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
  return { roots: strList(record.get("roots"), "roots"), home: optStr(record.get("home"), "home") };
}

// Every link inside the given profiles, plus the given devices' own profile-id edges, each with
// when it was made and the audit entry that made it.
const PROFILE_LINKS = statement("explain/profile-links");

/** An edge of profile-links.cypher: when it was made, the audit entry that made it, and what it joins (`end`). */
function edge<T>(value: unknown, what: string, end: (row: Record<string, unknown>) => T): T & { at: string; auditId: string | null } {
  const row = obj(value, what);
  return { ...end(row), at: str(row["at"], `${what}.at`), auditId: optStr(row["auditId"], `${what}.auditId`) };
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
    const profileId = str(record.get("profileId"), "profileId");
    rootOf.set(profileId, str(record.get("root"), "root"));
    const pid: IdentityRef = { kind: "profileId", profileId };
    const identifiedBy = list(record.get("identifiedBy"), "identifiedBy", (value, what) =>
      edge(value, what, (row) => ({ type: str(row["type"], `${what}.type`), value: str(row["value"], `${what}.value`) })),
    );
    for (const { type, value, at, auditId } of identifiedBy) {
      links.push({ kind: "IDENTIFIER", a: { kind: "identifier", identifier: { type, value } }, b: pid, at, auditId });
    }
    const mergedWith = list(record.get("mergedWith"), "mergedWith", (value, what) =>
      edge(value, what, (row) => ({ profileId: str(row["profileId"], `${what}.profileId`) })),
    );
    for (const { profileId: other, at, auditId } of mergedWith) {
      links.push({ kind: "MANUAL_MERGE", a: pid, b: { kind: "profileId", profileId: other }, at, auditId });
    }
    const devices = list(record.get("devices"), "devices", (value, what) =>
      edge(value, what, (row) => ({ deviceId: str(row["deviceId"], `${what}.deviceId`) })),
    );
    for (const { deviceId, at, auditId } of devices) {
      links.push({ kind: "DEVICE_PROFILE_ID", a: { kind: "device", deviceId }, b: pid, at, auditId });
    }
  }
  return { links, rootOf };
}
