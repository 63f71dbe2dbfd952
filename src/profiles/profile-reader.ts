// Reads merged profiles. A profile id's merged-profile id is materialised (ProfileId.profile), so
// every lookup is an index seek or two, never a traversal.
import type { Record as Neo4jRecord } from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import type { Identifier } from "../rules/model.js";

export interface DeviceView {
  id: string;
  profileId: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

export interface ProfileView {
  id: string;
  ids: string[];
  identifiers: Identifier[];
  devices: DeviceView[];
  createdAt: string;
}

const ROOTS_OF_PROFILE_IDS = `
UNWIND $ids AS id
OPTIONAL MATCH (p:ProfileId {space: $space, id: id})
RETURN id, p.profile AS root`;

const ROOT_BY_IDENTIFIER = `
MATCH (:Identifier {space: $space, type: $type, value: $value})-[:IDENTIFIES]->(p:ProfileId)
RETURN p.profile AS root LIMIT 1`;

// A profile's members by the ProfileId(space, profile) index, then its fields from their edges.
const MEMBERS = `
CALL (root) {
  MATCH (p:ProfileId {space: $space, profile: root})
  RETURN collect(p) AS members
}`;

const PROFILE_FIELDS = `
WITH root, members WHERE size(members) > 0
RETURN root,
       [p IN members | p.id] AS ids,
       reduce(first = null, p IN members | CASE WHEN first IS NULL OR p.createdAt < first THEN p.createdAt ELSE first END) AS createdAt,
       COLLECT { UNWIND members AS p MATCH (p)<-[:IDENTIFIES]-(i:Identifier)
                 RETURN DISTINCT {type: i.type, value: i.value} AS identifier } AS identifiers,
       COLLECT { UNWIND members AS p MATCH (p)<-[:HAS_PROFILE_ID]-(d:Device)
                 WITH DISTINCT d
                 OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
                 RETURN {id: d.id, profileId: c.profile, firstSeenAt: d.firstSeenAt, lastSeenAt: d.lastSeenAt} } AS devices`;

const LOAD_PROFILES = `
UNWIND $roots AS root
${MEMBERS}
${PROFILE_FIELDS}`;

// The device's profile in one statement: one transaction instead of a root lookup and a load.
const ROOT_BY_DEVICE = `
MATCH (:Device {space: $space, id: $deviceId})-[:CURRENT]->(p:ProfileId)
RETURN p.profile AS root`;

const PROFILE_BY_DEVICE = `
MATCH (:Device {space: $space, id: $deviceId})-[:CURRENT]->(c:ProfileId)
WITH c.profile AS root
${MEMBERS}
${PROFILE_FIELDS}`;

const toProfileView = (record: Neo4jRecord): ProfileView => {
  const root = record.get("root") as string;
  return {
    id: root,
    ids: (record.get("ids") as string[]).sort(),
    identifiers: (record.get("identifiers") as Identifier[]).sort((a, b) => a.type.localeCompare(b.type) || a.value.localeCompare(b.value)),
    devices: (record.get("devices") as DeviceView[]).sort((a, b) => a.id.localeCompare(b.id)),
    createdAt: record.get("createdAt") as string,
  };
};

export class ProfileReader {
  constructor(private readonly executor: Executor) {}

  /** The merged-profile id of each profile id (null when unknown or deleted), in order. */
  async rootsOf(space: string, ids: readonly string[]): Promise<Array<string | null>> {
    const result = await this.executor.read((tx) => tx.run(ROOTS_OF_PROFILE_IDS, { space, ids }));
    const roots = new Map(result.records.map((record) => [record.get("id") as string, record.get("root") as string | null]));
    return ids.map((id) => roots.get(id) ?? null);
  }

  async rootByIdentifier(space: string, identifier: Identifier): Promise<string | null> {
    const result = await this.executor.read((tx) => tx.run(ROOT_BY_IDENTIFIER, { space, ...identifier }));
    return (result.records[0]?.get("root") as string | undefined) ?? null;
  }

  /** The merged-profile id of a device's current profile id (null for an unknown device). */
  async rootByDevice(space: string, deviceId: string): Promise<string | null> {
    const result = await this.executor.read((tx) => tx.run(ROOT_BY_DEVICE, { space, deviceId }));
    return (result.records[0]?.get("root") as string | undefined) ?? null;
  }

  /** The whole profile of a device's current profile id (null for an unknown device), read in one statement. */
  async profileByDevice(space: string, deviceId: string): Promise<ProfileView | null> {
    const result = await this.executor.read((tx) => tx.run(PROFILE_BY_DEVICE, { space, deviceId }));
    const record = result.records[0];
    return record ? toProfileView(record) : null;
  }

  /** Whole profiles by their ids (roots), in order; null for a root that is no longer a profile. */
  async loadProfiles(space: string, roots: readonly string[]): Promise<Array<ProfileView | null>> {
    const result = await this.executor.read((tx) => tx.run(LOAD_PROFILES, { space, roots }));
    const byRoot = new Map<string, ProfileView>();
    for (const record of result.records) {
      const view = toProfileView(record);
      byRoot.set(view.id, view);
    }
    return roots.map((root) => byRoot.get(root) ?? null);
  }
}
