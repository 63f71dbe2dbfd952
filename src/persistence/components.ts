// The one component loader: a merged profile (a connected component of profile ids) as stored,
// for the resolution store (the rules' snapshot), the admin operations and the profile reads.
import type { ManagedTransaction } from "neo4j-driver";
import { type Identifier, identifierKey } from "../rules/model.js";
import { byString } from "../rules/order.js";
import type { Component } from "../rules/snapshot.js";
import type { TraitState } from "../rules/traits.js";
import { bool, fields, list, obj, optStr, str, strList } from "./rows.js";
import { statement } from "./statements.js";
import { traitPairs } from "./trait-rows.js";

const LOAD_PROFILES = statement("persistence/load-profiles");

export interface StoredIdentifierLink {
  type: string;
  value: string;
  profileId: string;
  /** The IDENTIFIER_LINKED entry that made the link (null on links older than audit ids). */
  auditId: string | null;
}

export interface StoredMergeLink {
  from: string;
  to: string;
  auditId: string | null;
  forced: boolean;
}

export interface StoredDevice {
  id: string;
  /** The device's current profile id, and that profile id's profile. */
  current: string | null;
  currentProfile: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  /** Every profile id of the device, in this profile or not. */
  profileIds: string[];
}

/** One merged profile as stored: its profile ids, its links and its devices. */
export interface StoredProfile {
  root: string;
  /** The profile's revision: a new one whenever anything in it changed ("-": never since revisions). */
  rev: string;
  /** Sorted, so the first is the root. */
  profileIds: string[];
  /** When each profile id was created (ISO-8601), by profile id. */
  createdAt: Map<string, string>;
  identifierLinks: StoredIdentifierLink[];
  mergeLinks: StoredMergeLink[];
  devices: StoredDevice[];
  /** Rule 11: the traits of each profile id that holds any, when read (loadProfiles' withTraits). */
  traits: Map<string, Map<string, TraitState>>;
}

function decodeProfile(row: Record<string, unknown>): StoredProfile {
  const members = list(row["members"], "members", (entry, what) => {
    const member = obj(entry, what);
    return { id: str(member["id"], `${what}.id`), createdAt: str(member["createdAt"], `${what}.createdAt`) };
  });
  return {
    root: str(row["root"], "root"),
    rev: optStr(row["rev"], "rev") ?? "-",
    profileIds: members.map((member) => member.id).sort(byString),
    createdAt: new Map(members.map((member) => [member.id, member.createdAt])),
    identifierLinks: list(row["identifierLinks"], "identifierLinks", (entry, what) => {
      const link = obj(entry, what);
      return {
        type: str(link["type"], `${what}.type`),
        value: str(link["value"], `${what}.value`),
        profileId: str(link["profileId"], `${what}.profileId`),
        auditId: optStr(link["auditId"], `${what}.auditId`),
      };
    }),
    mergeLinks: list(row["mergeLinks"], "mergeLinks", (entry, what) => {
      const link = obj(entry, what);
      return {
        from: str(link["from"], `${what}.from`),
        to: str(link["to"], `${what}.to`),
        auditId: optStr(link["auditId"], `${what}.auditId`),
        forced: bool(link["forced"], `${what}.forced`),
      };
    }),
    devices: list(row["devices"], "devices", (entry, what) => {
      const device = obj(entry, what);
      return {
        id: str(device["id"], `${what}.id`),
        current: optStr(device["current"], `${what}.current`),
        currentProfile: optStr(device["currentProfile"], `${what}.currentProfile`),
        firstSeenAt: optStr(device["firstSeenAt"], `${what}.firstSeenAt`),
        lastSeenAt: optStr(device["lastSeenAt"], `${what}.lastSeenAt`),
        profileIds: strList(device["profileIds"], `${what}.profileIds`),
      };
    }),
    traits: new Map(
      list(row["traits"], "traits", (entry, what): [string, Map<string, TraitState>] => {
        if (!Array.isArray(entry) || entry.length !== 2) throw new Error(`unexpected row shape: ${what} is not a [profileId, traits] pair`);
        return [str(entry[0], `${what}.profileId`), new Map(traitPairs(entry[1], `${what}.traits`))];
      }),
    ),
  };
}

/**
 * The whole profiles named by their roots, and those of the devices' current profile ids, one row
 * each. A root that is no longer a root (merged away or deleted) is absent from the answer.
 * Reads only: callers that will change the profiles lock their roots first (locks.ts). Traits
 * (rule 11) come only `withTraits`: a writer reads those it writes under their locks.
 */
export async function loadProfiles(
  tx: ManagedTransaction,
  space: string,
  by: { roots?: readonly string[]; deviceIds?: readonly string[] },
  withTraits = false,
): Promise<StoredProfile[]> {
  const result = await tx.run(LOAD_PROFILES, { space, roots: by.roots ?? [], deviceIds: by.deviceIds ?? [], withTraits });
  return result.records.map((record) => decodeProfile(fields(record)));
}

/** The identifiers of a profile, each once, sorted by type and value. */
export const distinctIdentifiers = (links: Iterable<{ type: string; value: string }>): Identifier[] =>
  [...new Map([...links].map(({ type, value }) => [identifierKey({ type, value }), { type, value }])).values()].sort(
    (a, b) => byString(a.type, b.type) || byString(a.value, b.value),
  );

/** A stored profile in the shape the rules read (rules/snapshot.ts). */
export function asComponent(profile: StoredProfile): Component {
  return {
    root: profile.root,
    profileIds: new Set(profile.profileIds),
    identifiers: new Map(distinctIdentifiers(profile.identifierLinks).map((identifier) => [identifierKey(identifier), identifier])),
    devices: new Set(profile.devices.map((device) => device.id)),
  };
}
