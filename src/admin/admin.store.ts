// The admin operations (docs/identity-rules.md, "Admin operations") through the persistence core: each
// operation is one write transaction that locks the profiles it changes (locks.ts), loads them
// whole (components.ts), decides in memory and writes the change and its audit entries.
import type { ManagedTransaction } from "neo4j-driver";
import { badInput, conflict, notFound } from "../errors.js";
import type { Executor } from "../neo4j/executor.js";
import { encodeIdentifier, newId, writeAuditEntries } from "../persistence/audit.js";
import { asComponent, distinctIdentifiers, loadProfiles, type StoredProfile } from "../persistence/components.js";
import { lockInOrder } from "../persistence/locks.js";
import { exactTerms } from "../persistence/fulltext.js";
import { fields, num, optStr, str, strList } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import { dropUnlinkedIdentifiers, reviseProfiles, setCurrent, setRoots } from "../persistence/writes.js";
import { groupByRoot, profileRoots } from "../rules/components.js";
import { checkMerge } from "../rules/decide.js";
import { byString } from "../rules/order.js";
import { AUDIT_ACTIONS, type AuditAction, type Identifier, identifierKey, type Resolution, type Warning } from "../rules/model.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { dropDeletedStretches } from "../timeline/timeline.store.js";
import { deletionChange, type DraftContext, manualMergeChange, splitChanges } from "../feed/change-drafts.js";
import { recordChanges, scrubChanges } from "../feed/outbox.store.js";

/** change feed: ids and time for the changes an admin operation writes. */
const feedContext = (): DraftContext => ({ newId, at: new Date() });

const ROOTS_OF = statement("admin/roots-of");
const PROFILE_IDS_OF_IDENTIFIERS = statement("admin/profile-ids-of-identifiers");
const CREATE_MERGES = statement("admin/create-merges");
const DETACH_PROFILE_IDS = statement("admin/detach-profile-ids");
const LINK_ENDS_OF_AUDIT_ENTRY = statement("admin/link-ends-of-audit-entry");
const DELETE_LINK_OF_AUDIT_ENTRY = statement("admin/delete-link-of-audit-entry");
const READ_AUDIT_ENTRY = statement("admin/read-audit-entry");
const DELETE_PROFILE = statement("admin/delete-profile");
const SCRUB_MENTIONS = statement("admin/scrub-mentions");
const REWRITE_RECEIPTS = statement("admin/rewrite-receipts");
const WIPE_SPACE = statement("admin/wipe-space");
const WAIVE_LIMITS = statement("admin/waive-limits");

export interface AdminContext {
  space: string;
  /** The API key's name: the audit actor. */
  actor: string;
  reason: string | undefined;
}

async function rootsOf(tx: ManagedTransaction, space: string, ids: readonly string[]): Promise<Map<string, string>> {
  const result = await tx.run(ROOTS_OF, { space, ids });
  return new Map(result.records.map((record) => [str(record.get("id"), "id"), str(record.get("root"), "root")]));
}

/**
 * Locks and loads the whole profiles of the given profile ids. The lock protocol puts devices and
 * identifiers before roots, so any observation touching these profiles waits for this
 * transaction, and this one reads them only once nothing can change them under it. A split keeps
 * the old root, so locking roots alone would not stop an observation that read the profile before
 * the split; locking its devices and identifiers does. Devices or identifiers that joined while we
 * waited are locked on the next pass (after the roots: Neo4j's deadlock detection and the
 * driver's retry cover that rare case).
 */
async function lockProfiles(tx: ManagedTransaction, space: string, profileIds: readonly string[]): Promise<StoredProfile[]> {
  const locked = { devices: new Set<string>(), identifiers: new Set<string>(), roots: new Set<string>() };
  for (;;) {
    const roots = [...new Set((await rootsOf(tx, space, profileIds)).values())];
    const profiles = await loadProfiles(tx, space, { roots });
    const deviceIds = profiles.flatMap((p) => p.devices.map((d) => d.id)).filter((id) => !locked.devices.has(id));
    const identifiers = distinctIdentifiers(profiles.flatMap((p) => p.identifierLinks)).filter(
      (i) => !locked.identifiers.has(identifierKey(i)),
    );
    const newRoots = roots.filter((root) => !locked.roots.has(root));
    if (deviceIds.length === 0 && identifiers.length === 0 && newRoots.length === 0) return profiles;
    await lockInOrder(tx, space, { deviceIds, identifiers, roots: newRoots });
    for (const id of deviceIds) locked.devices.add(id);
    for (const identifier of identifiers) locked.identifiers.add(identifierKey(identifier));
    for (const root of newRoots) locked.roots.add(root);
  }
}

const rootOfProfileId = (profiles: StoredProfile[], profileId: string): string | undefined =>
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
    return this.executor.write({ operation: "mergeProfiles", space }, async (tx) => {
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
      const merged = involved.flatMap((profile) => profile.profileIds);
      if (overLimits) await tx.run(WAIVE_LIMITS, { space, profileIds: merged });
      await setRoots(
        tx,
        space,
        merged.map((profileId) => ({ profileId, root: winner })),
      );
      await reviseProfiles(tx, space, [winner], newId());
      await writeAuditEntries(tx, space, context.actor, [
        { id: auditId, action: "PROFILES_MERGED", at, reason: context.reason, profileIds: roots, identifiers: [], deviceIds: [] },
      ]);
      await recordChanges(tx, space, [manualMergeChange(winner, merged, auditId, feedContext())]); // change feed
      return winner;
    });
  }

  /**
   * Demerge (CleverTap Demerge API): every profile holding one of these identifiers loses all its
   * identifier links and manual merges. Returns the profile ids that now stand alone, sorted.
   */
  demerge(identifiers: readonly Identifier[], context: AdminContext): Promise<string[]> {
    const { space } = context;
    return this.executor.write({ operation: "demerge", space }, async (tx) => {
      // Locking the named identifiers first keeps their links still while their profiles are found.
      await lockInOrder(tx, space, { identifiers });
      const found = await tx.run(PROFILE_IDS_OF_IDENTIFIERS, { space, identifiers: distinctIdentifiers(identifiers) });
      const profileIds = found.records.map((record) => str(record.get("id"), "id"));
      if (profileIds.length === 0) return [];
      const profiles = await lockProfiles(tx, space, profileIds);
      return detachProfiles(tx, profiles, "DEMERGED", context);
    });
  }

  /** Reset identities (CleverTap): demerge for one profile, named by any of its profile ids. */
  resetIdentities(profileId: string, context: AdminContext): Promise<string[]> {
    const { space } = context;
    return this.executor.write({ operation: "resetIdentities", space }, async (tx) => {
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
    return this.executor.write({ operation: "unmerge", space }, async (tx) => {
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
      const ends = (await tx.run(LINK_ENDS_OF_AUDIT_ENTRY, { space, profileIds: link.profileIds, auditId: link.auditId })).records.map(
        (record) => str(record.get("id"), "id"),
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
      await tx.run(DELETE_LINK_OF_AUDIT_ENTRY, { space, profileIds: link.profileIds, auditId: link.auditId });
      await setRoots(
        tx,
        space,
        [...newRoots].filter(([profileId, root]) => oldRoots.get(profileId) !== root).map(([profileId, root]) => ({ profileId, root })),
      );
      const undoneIdentifiers = distinctIdentifiers(undone);
      await dropUnlinkedIdentifiers(tx, space, undoneIdentifiers);
      await reviseProfiles(tx, space, newRoots.values(), newId());

      const pieces = [...groupByRoot(newRoots).keys()];
      const unmergeId = newId();
      await writeAuditEntries(tx, space, context.actor, [
        {
          id: unmergeId,
          action: "PROFILES_UNMERGED",
          at: new Date(),
          reason: context.reason,
          profileIds: pieces,
          identifiers: undoneIdentifiers,
          deviceIds: [],
          undoes: auditEntryId,
        },
      ]);
      // change feed: identifiers no profile id holds any more are removed; a bridge makes a split.
      const kept = new Set(identifierLinks.filter((l) => l.auditId !== link.auditId).map(identifierKey));
      const removed = undoneIdentifiers.filter((identifier) => !kept.has(identifierKey(identifier)));
      await recordChanges(tx, space, splitChanges(newRoots, removed, unmergeId, feedContext()));
      return pieces;
    });
  }

  /**
   * GDPR delete: the profile's profile ids, its identifiers, its devices (a device shared with
   * other profiles keeps their profile ids), its message receipts; its audit entries are scrubbed.
   */
  deleteProfile(profileId: string, context: AdminContext): Promise<DeleteOutcome> {
    const { space } = context;
    return this.executor.write({ operation: "deleteProfile", space }, async (tx) => {
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
      const identifiers = distinctIdentifiers(profile.identifierLinks);
      await tx.run(DELETE_PROFILE, { space, profileIds, identifiers, deviceIds });
      // Rule 10: the deleted profile ids' stretches go; a shared device's current is its latest stretch's.
      const latest = await dropDeletedStretches(
        tx,
        space,
        profile.devices.map((device) => device.id),
        deleted,
      );
      for (const [deviceId, latestProfileId] of latest) {
        const device = profile.devices.find((candidate) => candidate.id === deviceId);
        if (device?.current !== latestProfileId) {
          const index = currents.findIndex((current) => current.deviceId === deviceId);
          if (index >= 0) currents.splice(index, 1);
          currents.push({ deviceId, profileId: latestProfileId });
        }
      }
      await scrubOtherMentions(tx, space, identifiers, deviceIds);
      await setCurrent(tx, space, currents);
      const auditId = newId();
      await writeAuditEntries(tx, space, context.actor, [
        { id: auditId, action: "PROFILE_DELETED", at: new Date(), reason: context.reason, profileIds, identifiers: [], deviceIds: [] },
      ]);
      // change feed: earlier changes lose the deleted values (trait values too); the deletion itself carries tombstones only.
      await scrubChanges(tx, space, identifiers, deviceIds, profileIds);
      await recordChanges(tx, space, [deletionChange(profileIds, auditId, feedContext())]);
      return { deletedProfileIds: profileIds };
    });
  }

  /** Account reset: removes every node of the space (its audit log included). Test environments only. */
  async wipeSpace(space: string): Promise<number> {
    return this.executor.write({ operation: "resetSpace", space }, async (tx) => {
      const result = await tx.run(WIPE_SPACE, { space });
      return num(result.records[0]?.get("removed") ?? 0, "removed");
    });
  }
}

/** Removes deleted identifiers and device ids from other profiles' audit entries and stored answers. */
async function scrubOtherMentions(tx: ManagedTransaction, space: string, identifiers: Identifier[], deviceIds: string[]): Promise<void> {
  if (identifiers.length === 0 && deviceIds.length === 0) return;
  const deleted = new Set(identifiers.map(identifierKey));
  const encoded = identifiers.map(encodeIdentifier);
  const result = await tx.run(SCRUB_MENTIONS, {
    space,
    encoded,
    deviceIds,
    auditTerms: [...exactTerms(["identifiers"], encoded), ...exactTerms(["deviceIds"], deviceIds)],
    receiptTerms: exactTerms(["mentions"], encoded),
  });
  const scrub = (warnings: Warning[]): Warning[] =>
    warnings.map((warning) =>
      warning.identifier && deleted.has(identifierKey(warning.identifier)) ? { code: warning.code, message: warning.message } : warning,
    );
  const receipts = result.records.map((record) => {
    const row = fields(record);
    const answer = optStr(row["answer"], "answer");
    const warnings = optStr(row["warnings"], "warnings");
    const mentions = strList(row["mentions"], "mentions").filter((mention) => !encoded.includes(mention));
    return {
      id: str(row["id"], "id"),
      answer: answer === null ? null : JSON.stringify(scrubAnswer(JSON.parse(answer) as Resolution, scrub)),
      warnings: warnings === null ? null : JSON.stringify(scrub(JSON.parse(warnings) as Warning[])),
      mentions: mentions.length > 0 ? mentions : null,
    };
  });
  if (receipts.length > 0) await tx.run(REWRITE_RECEIPTS, { space, receipts });
}

const scrubAnswer = (answer: Resolution, scrub: (warnings: Warning[]) => Warning[]): Resolution => ({
  ...answer,
  warnings: scrub(answer.warnings),
});

async function readAuditEntry(
  tx: ManagedTransaction,
  space: string,
  id: string,
): Promise<{ action: AuditAction; causedBy: string | null; profileIds: string[] } | undefined> {
  const record = (await tx.run(READ_AUDIT_ENTRY, { space, id })).records[0];
  if (!record) return undefined;
  const row = fields(record);
  const action = str(row["action"], "action");
  if (!(AUDIT_ACTIONS as readonly string[]).includes(action)) throw new Error(`unexpected audit action ${action}`);
  return {
    action: action as AuditAction,
    causedBy: optStr(row["causedBy"], "causedBy"),
    profileIds: strList(row["profileIds"], "profileIds"),
  };
}

/** Removes every identifier link and manual merge of these profiles: each profile id stands alone. */
async function detachProfiles(
  tx: ManagedTransaction,
  profiles: StoredProfile[],
  action: AuditAction,
  context: AdminContext,
): Promise<string[]> {
  const { space } = context;
  const profileIds = profiles.flatMap((profile) => profile.profileIds).sort(byString);
  const identifiers = distinctIdentifiers(profiles.flatMap((profile) => profile.identifierLinks));
  await tx.run(DETACH_PROFILE_IDS, { space, profileIds });
  await setRoots(
    tx,
    space,
    profiles.flatMap((profile) => profile.profileIds.filter((id) => id !== profile.root).map((id) => ({ profileId: id, root: id }))),
  );
  // Every link of these identifiers was to these profiles, so none is left with one.
  await dropUnlinkedIdentifiers(tx, space, identifiers);
  await reviseProfiles(tx, space, profileIds, newId());
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
  await writeAuditEntries(tx, space, context.actor, entries);
  // change feed: each profile id now stands alone.
  const changes = profiles.flatMap((profile, i) =>
    splitChanges(new Map(profile.profileIds.map((id) => [id, id])), entries[i]?.identifiers ?? [], entries[i]?.id ?? "", feedContext()),
  );
  await recordChanges(tx, space, changes);
  return profileIds;
}
