// Cypher I/O of the admin operations (IDENTITY_RULES.md, "Admin operations"): each operation is one
// write transaction that locks the profiles it changes, loads them whole, decides in memory and
// writes the change and its audit entries.
import type { ManagedTransaction } from "neo4j-driver";
import { badInput, conflict, notFound } from "../errors.js";
import { checkMerge, type AuditDraft } from "../rules/decide.js";
import { type AuditAction, type Identifier, identifierKey, type Resolution } from "../rules/model.js";
import { auditRow, CREATE_AUDIT_ENTRIES, encodeIdentifier, newId } from "../identity/resolution-store.js";
import type { IdentityRules } from "../rules/rules-config.js";
import type { Component } from "../rules/snapshot.js";
import type { Executor } from "../neo4j/executor.js";
import { groupByRoot, profileRoots } from "../rules/components.js";
import { deletionChange, type DraftContext, manualMergeChange, splitChanges } from "../feed/changes.js";
import { recordChanges, scrubChanges } from "../feed/outbox.js";

/** change feed: ids and time for the changes an admin operation writes. */
const feedContext = (): DraftContext => ({ newId, at: new Date() });

export interface AdminContext {
  space: string;
  /** The API key's name: the audit actor. */
  actor: string;
  reason: string | undefined;
}

interface LoadedDevice {
  id: string;
  current: string | null;
  /** Every profile id of the device, in this profile or not. */
  profileIds: string[];
}

interface IdentifierLinkRow {
  type: string;
  value: string;
  profileId: string;
  auditId: string | null;
}

interface MergeLinkRow {
  from: string;
  to: string;
  auditId: string | null;
}

/** One merged profile as stored: its profile ids, its links and its devices. */
export interface LoadedProfile {
  root: string;
  profileIds: string[];
  identifierLinks: IdentifierLinkRow[];
  mergeLinks: MergeLinkRow[];
  devices: LoadedDevice[];
}

const ROOTS_OF = `
UNWIND $ids AS id
MATCH (p:ProfileId {space: $space, id: id})
RETURN p.id AS id, p.profile AS root`;

const LOAD_PROFILES = `
UNWIND $roots AS root
CALL (root) {
  MATCH (p:ProfileId {space: $space, profile: root})
  RETURN collect(p) AS members
}
WITH root, members WHERE size(members) > 0
RETURN root,
       [p IN members | p.id] AS profileIds,
       COLLECT { UNWIND members AS p MATCH (p)<-[r:IDENTIFIES]-(i:Identifier)
                 RETURN {type: i.type, value: i.value, profileId: p.id, auditId: r.auditId} } AS identifierLinks,
       COLLECT { UNWIND members AS p MATCH (p)-[r:MERGED_WITH]->(q:ProfileId)
                 RETURN {from: p.id, to: q.id, auditId: r.auditId} } AS mergeLinks,
       COLLECT { UNWIND members AS p MATCH (p)<-[:HAS_PROFILE_ID]-(d:Device)
                 WITH DISTINCT d
                 OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
                 RETURN {id: d.id, current: c.id,
                         profileIds: COLLECT { MATCH (d)-[:HAS_PROFILE_ID]->(x:ProfileId) RETURN x.id }} } AS devices`;

const LOCK_DEVICES = `
UNWIND $ids AS id
MATCH (d:Device {space: $space, id: id})
SET d.__lock = true REMOVE d.__lock`;

const LOCK_IDENTIFIERS = `
UNWIND $identifiers AS identifier
MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
SET i.__lock = true REMOVE i.__lock`;

const LOCK_PROFILE_IDS = `
UNWIND $ids AS id
MATCH (p:ProfileId {space: $space, id: id})
SET p.__lock = true REMOVE p.__lock`;

const PROFILE_IDS_OF_IDENTIFIERS = `
UNWIND $identifiers AS identifier
MATCH (:Identifier {space: $space, type: identifier.type, value: identifier.value})-[:IDENTIFIES]->(p:ProfileId)
RETURN DISTINCT p.id AS id`;

const CREATE_MERGES = `
UNWIND $merges AS m
MATCH (a:ProfileId {space: $space, id: m.from})
MATCH (b:ProfileId {space: $space, id: m.to})
CREATE (a)-[r:MERGED_WITH {at: $at, auditId: $auditId}]->(b)
SET r.forced = CASE WHEN $forced THEN true ELSE null END`;

const SET_PROFILES = `
UNWIND $reroots AS r
MATCH (p:ProfileId {space: $space, id: r.profileId})
SET p.profile = r.root`;

const DELETE_IDENTIFIER_LINKS = `
UNWIND $profileIds AS id
MATCH (:ProfileId {space: $space, id: id})<-[r:IDENTIFIES]-(:Identifier)
DELETE r`;

const DELETE_MERGE_LINKS = `
UNWIND $profileIds AS id
MATCH (:ProfileId {space: $space, id: id})-[r:MERGED_WITH]->(:ProfileId)
DELETE r`;

const LINK_EDGES_OF_AUDIT_ENTRY = `
UNWIND $profileIds AS id
MATCH (p:ProfileId {space: $space, id: id})-[r:IDENTIFIES|MERGED_WITH {auditId: $auditId}]-()
RETURN DISTINCT p.id AS id`;

const DELETE_LINK_EDGES_OF_AUDIT_ENTRY = `
UNWIND $profileIds AS id
MATCH (:ProfileId {space: $space, id: id})-[r:IDENTIFIES|MERGED_WITH {auditId: $auditId}]-()
WITH DISTINCT r
DELETE r`;

const DROP_UNLINKED_IDENTIFIERS = `
UNWIND $identifiers AS identifier
MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
WHERE NOT (i)-[:IDENTIFIES]->()
DETACH DELETE i`;

const READ_AUDIT_ENTRY = `
MATCH (a:AuditEntry {space: $space, id: $id})
RETURN a.action AS action, a.causedBy AS causedBy, coalesce(a.profileIds, []) AS profileIds`;

const MARK_UNDOES = `
MATCH (a:AuditEntry {space: $space, id: $id})
MATCH (u:AuditEntry {space: $space, id: $undoes})
SET a.undoes = $undoes
CREATE (a)-[:UNDOES]->(u)`;

// GDPR: entries about the deleted profile ids keep what happened, when, by whom and to which
// profile ids, but no identifier values, device ids or message ids.
const SCRUB_AUDIT_ENTRIES = `
UNWIND $profileIds AS id
MATCH (:ProfileId {space: $space, id: id})<-[:ABOUT]-(a:AuditEntry)
WITH DISTINCT a
SET a.identifiers = [], a.deviceIds = []
REMOVE a.messageId`;

// Other profiles' entries and receipts can name the deleted identifiers or devices too (an
// IDENTITY_ERROR between two people, a DEMERGED entry of an earlier profile): those values go.
const SCRUB_OTHER_AUDIT_ENTRIES = `
MATCH (a:AuditEntry {space: $space})
WHERE any(x IN a.identifiers WHERE x IN $encoded) OR any(d IN a.deviceIds WHERE d IN $deviceIds)
SET a.identifiers = [x IN a.identifiers WHERE NOT x IN $encoded],
    a.deviceIds = [d IN a.deviceIds WHERE NOT d IN $deviceIds]`;

const RECEIPTS_NAMING = `
MATCH (m:Message {space: $space})
WHERE any(v IN $values WHERE m.answer CONTAINS v)
RETURN m.id AS id, m.answer AS answer`;

const REWRITE_RECEIPTS = `
UNWIND $receipts AS r
MATCH (m:Message {space: $space, id: r.id})
SET m.answer = r.answer`;

const DELETE_RECEIPTS = `
MATCH (m:Message {space: $space})
WHERE m.profileId IN $profileIds
DETACH DELETE m`;

const DELETE_IDENTIFIERS = `
UNWIND $identifiers AS identifier
MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
DETACH DELETE i`;

const DELETE_PROFILE_IDS = `
UNWIND $profileIds AS id
MATCH (p:ProfileId {space: $space, id: id})
DETACH DELETE p`;

const DELETE_DEVICES = `
UNWIND $deviceIds AS id
MATCH (d:Device {space: $space, id: id})
DETACH DELETE d`;

const SET_CURRENT = `
UNWIND $currents AS c
MATCH (d:Device {space: $space, id: c.deviceId})
OPTIONAL MATCH (d)-[old:CURRENT]->()
DELETE old
WITH DISTINCT d, c
MATCH (p:ProfileId {space: $space, id: c.profileId})
CREATE (d)-[:CURRENT]->(p)`;

const WIPE_SPACE = `
MATCH (n {space: $space})
WHERE NOT n:IdgraphMigration
DETACH DELETE n
RETURN count(*) AS removed`;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const distinctIdentifiers = (links: Iterable<{ type: string; value: string }>): Identifier[] =>
  [...new Map([...links].map(({ type, value }) => [identifierKey({ type, value }), { type, value }])).values()].sort(
    (a, b) => byString(a.type, b.type) || byString(a.value, b.value),
  );

/** A loaded profile in the shape the merge limit check (decide.ts checkMerge) reads. */
function asComponent(profile: LoadedProfile): Component {
  const identifiers = distinctIdentifiers(profile.identifierLinks);
  return {
    root: profile.root,
    profileIds: new Set(profile.profileIds),
    identifiers: new Map(identifiers.map((identifier) => [identifierKey(identifier), identifier])),
    devices: new Set(profile.devices.map((device) => device.id)),
  };
}

async function rootsOf(tx: ManagedTransaction, space: string, ids: readonly string[]): Promise<Map<string, string>> {
  const result = await tx.run(ROOTS_OF, { space, ids });
  return new Map(result.records.map((record) => [record.get("id") as string, record.get("root") as string]));
}

async function loadProfiles(tx: ManagedTransaction, space: string, roots: readonly string[]): Promise<LoadedProfile[]> {
  const result = await tx.run(LOAD_PROFILES, { space, roots });
  return result.records.map((record) => ({
    root: record.get("root") as string,
    profileIds: (record.get("profileIds") as string[]).sort(byString),
    identifierLinks: record.get("identifierLinks") as IdentifierLinkRow[],
    mergeLinks: record.get("mergeLinks") as MergeLinkRow[],
    devices: record.get("devices") as LoadedDevice[],
  }));
}

/**
 * Locks and loads the whole profiles of the given profile ids. Locks follow the resolution store's
 * order (devices, identifiers, then roots), so any observation touching these profiles waits for
 * this transaction, and this one reads them only once nothing can change them under it. A split
 * keeps the old root, so locking roots alone would not stop an observation that read the profile
 * before the split; locking its devices and identifiers does.
 */
async function lockProfiles(tx: ManagedTransaction, space: string, profileIds: readonly string[]): Promise<LoadedProfile[]> {
  const locked = { devices: new Set<string>(), identifiers: new Set<string>(), roots: new Set<string>() };
  for (;;) {
    const roots = [...new Set((await rootsOf(tx, space, profileIds)).values())].sort(byString);
    const profiles = await loadProfiles(tx, space, roots);
    const devices = [...new Set(profiles.flatMap((p) => p.devices.map((d) => d.id)))]
      .filter((id) => !locked.devices.has(id))
      .sort(byString);
    const identifiers = distinctIdentifiers(profiles.flatMap((p) => p.identifierLinks)).filter(
      (i) => !locked.identifiers.has(identifierKey(i)),
    );
    const newRoots = roots.filter((root) => !locked.roots.has(root));
    if (devices.length === 0 && identifiers.length === 0 && newRoots.length === 0) return profiles;
    if (devices.length > 0) await tx.run(LOCK_DEVICES, { space, ids: devices });
    if (identifiers.length > 0) await tx.run(LOCK_IDENTIFIERS, { space, identifiers });
    if (newRoots.length > 0) await tx.run(LOCK_PROFILE_IDS, { space, ids: newRoots });
    for (const id of devices) locked.devices.add(id);
    for (const identifier of identifiers) locked.identifiers.add(identifierKey(identifier));
    for (const root of newRoots) locked.roots.add(root);
  }
}

async function writeAudit(tx: ManagedTransaction, context: AdminContext, entries: AuditDraft[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.run(CREATE_AUDIT_ENTRIES, { space: context.space, actor: context.actor, entries: entries.map(auditRow) });
}

const rootOfProfileId = (profiles: LoadedProfile[], profileId: string): string | undefined =>
  profiles.find((profile) => profile.profileIds.includes(profileId))?.root;

export interface DeleteOutcome {
  deletedProfileIds: string[];
}

export class AdminStore {
  constructor(
    private readonly executor: Executor,
    private readonly rules: IdentityRules,
  ) {}

  /**
   * Joins the profiles of the given profile ids by manual merge edges from the smallest root to each
   * other root. Returns the merged profile's id. Refuses (CONFLICT) a union past a limit unless forced.
   */
  mergeProfiles(profileIds: readonly string[], force: boolean, context: AdminContext): Promise<string> {
    const { space } = context;
    return this.executor.write(async (tx) => {
      const profiles = await lockProfiles(tx, space, profileIds);
      const missing = profileIds.filter((id) => rootOfProfileId(profiles, id) === undefined);
      if (missing.length > 0) throw notFound(`unknown profile id(s): ${missing.join(", ")}`);
      const roots = [...new Set(profileIds.map((id) => rootOfProfileId(profiles, id) as string))].sort(byString);
      const [winner, ...losers] = roots as [string, ...string[]];
      if (losers.length === 0) return winner;

      const involved = profiles.filter((profile) => roots.includes(profile.root));
      const check = checkMerge(involved.map(asComponent), this.rules);
      const overLimits = check.overLimit !== undefined || check.overDeviceCap;
      if (overLimits && !force) {
        const why =
          check.overLimit !== undefined
            ? `it would hold more than ${this.rules.types.get(check.overLimit)?.limit} ${check.overLimit} value(s)`
            : `it would hold more than ${this.rules.deviceCap} devices`;
        throw conflict(`merge refused: ${why}; pass force: true to merge anyway`, {
          ...(check.overLimit !== undefined ? { identifierType: check.overLimit } : {}),
          deviceCap: check.overDeviceCap,
        });
      }

      const at = new Date();
      const auditId = newId();
      // A forced merge is marked, so the invariant checker knows the limits were waived on purpose.
      await tx.run(CREATE_MERGES, {
        space,
        merges: losers.map((to) => ({ from: winner, to })),
        at: at.toISOString(),
        auditId,
        forced: overLimits,
      });
      const reroots = involved.flatMap((profile) => profile.profileIds).map((profileId) => ({ profileId, root: winner }));
      await tx.run(SET_PROFILES, { space, reroots });
      await writeAudit(tx, context, [
        { id: auditId, action: "PROFILES_MERGED", at, reason: context.reason, profileIds: roots, identifiers: [], deviceIds: [] },
      ]);
      // change feed
      await recordChanges(tx, space, [
        manualMergeChange(
          winner,
          reroots.map((r) => r.profileId),
          auditId,
          feedContext(),
        ),
      ]);
      return winner;
    });
  }

  /**
   * Demerge (CleverTap Demerge API): every profile holding one of these identifiers loses all its
   * identifier links and manual merges. Returns the profile ids that now stand alone, sorted.
   */
  demerge(identifiers: readonly Identifier[], context: AdminContext): Promise<string[]> {
    const { space } = context;
    return this.executor.write(async (tx) => {
      // Locking the named identifiers first keeps their links still while their profiles are found.
      const sorted = distinctIdentifiers(identifiers);
      await tx.run(LOCK_IDENTIFIERS, { space, identifiers: sorted });
      const found = await tx.run(PROFILE_IDS_OF_IDENTIFIERS, { space, identifiers: sorted });
      const profileIds = found.records.map((record) => record.get("id") as string);
      if (profileIds.length === 0) return [];
      const profiles = await lockProfiles(tx, space, profileIds);
      return detachProfiles(tx, profiles, "DEMERGED", context);
    });
  }

  /** Reset identities (CleverTap): demerge for one profile, named by any of its profile ids. */
  resetIdentities(profileId: string, context: AdminContext): Promise<string[]> {
    const { space } = context;
    return this.executor.write(async (tx) => {
      const profiles = await lockProfiles(tx, space, [profileId]);
      if (profiles.length === 0) throw notFound(`unknown profile id: ${profileId}`);
      return detachProfiles(tx, profiles, "IDENTITIES_RESET", context);
    });
  }

  /**
   * Undoes exactly the link an IDENTIFIER_LINKED or PROFILES_MERGED entry recorded; the profile
   * splits only where that link was a bridge. Returns the roots of the pieces, sorted.
   */
  unmerge(auditEntryId: string, context: AdminContext): Promise<string[]> {
    const { space } = context;
    return this.executor.write(async (tx) => {
      const entry = await readAuditEntry(tx, space, auditEntryId);
      if (!entry) throw notFound(`unknown audit entry: ${auditEntryId}`);
      if (entry.action !== "IDENTIFIER_LINKED" && entry.action !== "PROFILES_MERGED") {
        throw badInput(
          `audit entry ${auditEntryId} is a ${entry.action} entry; only IDENTIFIER_LINKED and PROFILES_MERGED entries record a link`,
        );
      }
      // A merge caused by an identifier link is undone by undoing that link.
      let link = { auditId: auditEntryId, profileIds: entry.profileIds };
      if (entry.action === "PROFILES_MERGED" && entry.causedBy !== null) {
        const cause = await readAuditEntry(tx, space, entry.causedBy);
        link = { auditId: entry.causedBy, profileIds: cause?.profileIds ?? [] };
      }
      const gone = (): Error =>
        conflict(`the link recorded by audit entry ${auditEntryId} is no longer in the graph (already unmerged, demerged or deleted)`);
      const ends = (await tx.run(LINK_EDGES_OF_AUDIT_ENTRY, { space, profileIds: link.profileIds, auditId: link.auditId })).records.map(
        (record) => record.get("id") as string,
      );
      if (ends.length === 0) throw gone();

      const profiles = await lockProfiles(tx, space, ends);
      const identifierLinks = profiles.flatMap((p) => p.identifierLinks);
      const mergeLinks = profiles.flatMap((p) => p.mergeLinks);
      const undone = identifierLinks.filter((l) => l.auditId === link.auditId);
      if (undone.length === 0 && !mergeLinks.some((l) => l.auditId === link.auditId)) throw gone();

      const members = profiles.flatMap((p) => p.profileIds);
      const oldRoots = new Map(profiles.flatMap((p) => p.profileIds.map((id) => [id, p.root] as const)));
      const newRoots = profileRoots(
        members,
        identifierLinks
          .filter((l) => l.auditId !== link.auditId)
          .map((l) => ({ identifier: { type: l.type, value: l.value }, profileId: l.profileId })),
        mergeLinks.filter((l) => l.auditId !== link.auditId),
      );
      await tx.run(DELETE_LINK_EDGES_OF_AUDIT_ENTRY, { space, profileIds: link.profileIds, auditId: link.auditId });
      const reroots = [...newRoots]
        .filter(([profileId, root]) => oldRoots.get(profileId) !== root)
        .map(([profileId, root]) => ({ profileId, root }));
      if (reroots.length > 0) await tx.run(SET_PROFILES, { space, reroots });
      const undoneIdentifiers = distinctIdentifiers(undone);
      if (undoneIdentifiers.length > 0) await tx.run(DROP_UNLINKED_IDENTIFIERS, { space, identifiers: undoneIdentifiers });

      const pieces = [...groupByRoot(newRoots).keys()];
      const id = newId();
      await writeAudit(tx, context, [
        {
          id,
          action: "PROFILES_UNMERGED",
          at: new Date(),
          reason: context.reason,
          profileIds: pieces,
          identifiers: undoneIdentifiers,
          deviceIds: [],
        },
      ]);
      await tx.run(MARK_UNDOES, { space, id, undoes: auditEntryId });
      // change feed: identifiers no profile id holds any more are removed; a bridge makes a split.
      const kept = new Set(identifierLinks.filter((l) => l.auditId !== link.auditId).map(identifierKey));
      const removed = undoneIdentifiers.filter((identifier) => !kept.has(identifierKey(identifier)));
      await recordChanges(tx, space, splitChanges(newRoots, removed, id, feedContext()));
      return pieces;
    });
  }

  /**
   * GDPR delete: the profile's profile ids, its identifiers, its devices (a device shared with
   * other profiles keeps their profile ids), its message receipts; its audit entries are scrubbed.
   */
  deleteProfile(profileId: string, context: AdminContext): Promise<DeleteOutcome> {
    const { space } = context;
    return this.executor.write(async (tx) => {
      const profiles = await lockProfiles(tx, space, [profileId]);
      const profile = profiles[0];
      if (!profile) throw notFound(`unknown profile id: ${profileId}`);
      const deleted = new Set(profile.profileIds);
      const deviceIds: string[] = [];
      const currents: Array<{ deviceId: string; profileId: string }> = [];
      for (const device of profile.devices) {
        const remaining = device.profileIds.filter((id) => !deleted.has(id)).sort(byString);
        if (remaining.length === 0) deviceIds.push(device.id);
        // A shared device whose last user is deleted goes back to its newest remaining profile id.
        else if (device.current === null || deleted.has(device.current))
          currents.push({ deviceId: device.id, profileId: remaining.at(-1) as string });
      }
      const profileIds = profile.profileIds;
      await tx.run(SCRUB_AUDIT_ENTRIES, { space, profileIds });
      await tx.run(DELETE_RECEIPTS, { space, profileIds });
      const identifiers = distinctIdentifiers(profile.identifierLinks);
      await scrubOtherMentions(tx, space, identifiers, deviceIds);
      await tx.run(DELETE_IDENTIFIERS, { space, identifiers });
      await tx.run(DELETE_PROFILE_IDS, { space, profileIds });
      if (deviceIds.length > 0) await tx.run(DELETE_DEVICES, { space, deviceIds });
      if (currents.length > 0) await tx.run(SET_CURRENT, { space, currents });
      const auditId = newId();
      await writeAudit(tx, context, [
        { id: auditId, action: "PROFILE_DELETED", at: new Date(), reason: context.reason, profileIds, identifiers: [], deviceIds: [] },
      ]);
      // change feed: earlier changes lose the deleted values; the deletion itself carries tombstones only.
      await scrubChanges(tx, space, identifiers, deviceIds);
      await recordChanges(tx, space, [deletionChange(profileIds, auditId, feedContext())]);
      return { deletedProfileIds: profileIds };
    });
  }

  /** Account reset: removes every node of the space (its audit log included). Test environments only. */
  async wipeSpace(space: string): Promise<number> {
    return this.executor.write(async (tx) => {
      const result = await tx.run(WIPE_SPACE, { space });
      return (result.records[0]?.get("removed") as number | undefined) ?? 0;
    });
  }
}

/** Removes deleted identifiers and device ids from other profiles' audit entries and stored answers. */
async function scrubOtherMentions(tx: ManagedTransaction, space: string, identifiers: Identifier[], deviceIds: string[]): Promise<void> {
  if (identifiers.length === 0 && deviceIds.length === 0) return;
  await tx.run(SCRUB_OTHER_AUDIT_ENTRIES, { space, encoded: identifiers.map(encodeIdentifier), deviceIds });
  if (identifiers.length === 0) return;
  const deleted = new Set(identifiers.map(identifierKey));
  const result = await tx.run(RECEIPTS_NAMING, { space, values: identifiers.map((identifier) => identifier.value) });
  const receipts = result.records.map((record) => {
    const answer = JSON.parse(record.get("answer") as string) as Resolution;
    const warnings = answer.warnings.map((warning) =>
      warning.identifier && deleted.has(identifierKey(warning.identifier)) ? { code: warning.code, message: warning.message } : warning,
    );
    return { id: record.get("id") as string, answer: JSON.stringify({ ...answer, warnings }) };
  });
  if (receipts.length > 0) await tx.run(REWRITE_RECEIPTS, { space, receipts });
}

async function readAuditEntry(
  tx: ManagedTransaction,
  space: string,
  id: string,
): Promise<{ action: AuditAction; causedBy: string | null; profileIds: string[] } | undefined> {
  const record = (await tx.run(READ_AUDIT_ENTRY, { space, id })).records[0];
  if (!record) return undefined;
  return {
    action: record.get("action") as AuditAction,
    causedBy: record.get("causedBy") as string | null,
    profileIds: record.get("profileIds") as string[],
  };
}

/** Removes every identifier link and manual merge of these profiles: each profile id stands alone. */
async function detachProfiles(
  tx: ManagedTransaction,
  profiles: LoadedProfile[],
  action: AuditAction,
  context: AdminContext,
): Promise<string[]> {
  const { space } = context;
  const profileIds = profiles.flatMap((profile) => profile.profileIds).sort(byString);
  const identifiers = distinctIdentifiers(profiles.flatMap((profile) => profile.identifierLinks));
  await tx.run(DELETE_IDENTIFIER_LINKS, { space, profileIds });
  await tx.run(DELETE_MERGE_LINKS, { space, profileIds });
  const reroots = profiles.flatMap((profile) =>
    profile.profileIds.filter((id) => id !== profile.root).map((id) => ({ profileId: id, root: id })),
  );
  if (reroots.length > 0) await tx.run(SET_PROFILES, { space, reroots });
  // Every link of these identifiers was to these profiles, so none is left with one.
  if (identifiers.length > 0) await tx.run(DROP_UNLINKED_IDENTIFIERS, { space, identifiers });
  const at = new Date();
  const entries = profiles.map((profile) => ({
    id: newId(),
    action,
    at,
    reason: context.reason,
    profileIds: profile.profileIds,
    identifiers: distinctIdentifiers(profile.identifierLinks),
    deviceIds: [],
  }));
  await writeAudit(tx, context, entries);
  // change feed: each profile id now stands alone.
  const changes = profiles.flatMap((profile, i) =>
    splitChanges(new Map(profile.profileIds.map((id) => [id, id])), entries[i]?.identifiers ?? [], entries[i]?.id ?? "", feedContext()),
  );
  await recordChanges(tx, space, changes);
  return profileIds;
}
