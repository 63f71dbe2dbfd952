// The change feed's entries (docs/identity-rules.md, "Change feed") derived from what a write knows:
// pure functions, no I/O. A writer calls one of them and hands the drafts to recordChanges in the
// same transaction. The promise they keep: applying every change in feed order to an empty table
// `profile id -> profile` (memberships' belongsTo, null for a deletion) gives what profiles(ids)
// answers for every profile id ever created.
import type { AuditDraft, Step } from "../rules/decide.js";
import type { Identifier } from "../rules/model.js";
import { byString } from "../rules/order.js";
import type { Json } from "../rules/traits.js";
import type { Component } from "../rules/snapshot.js";

export const CHANGE_KINDS = [
  "PROFILE_CREATED",
  "PROFILES_MERGED",
  "PROFILE_SPLIT",
  "PROFILE_DELETED",
  "IDENTIFIER_ADDED",
  "IDENTIFIER_REMOVED",
  "ACTIVITY_REATTRIBUTED",
  "TRAITS_CHANGED",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Membership {
  profileId: string;
  /** The profile (its root) the profile id belongs to after the change; null once deleted. */
  belongsTo: string | null;
}

/** A stretch of one device's activity that moved to another profile id (rule 10). */
export interface ReattributionDraft {
  deviceId: string;
  from: Date;
  /** Exclusive; null when the stretch runs on to the present. */
  until: Date | null;
  fromProfileId: string;
  toProfileId: string;
}

export interface ChangeDraft {
  /** Time-ordered id: within one transaction, the order of the changes. */
  id: string;
  kind: ChangeKind;
  at: Date;
  memberships: Membership[];
  identifiers: Identifier[];
  deviceIds: string[];
  reattributions: ReattributionDraft[];
  auditEntryId: string | null;
  /** TRAITS_CHANGED: the names whose value changed on the change's one profile id, with the new value (null: removed). */
  traits?: Record<string, Json> | null | undefined;
}

export interface DraftContext {
  newId: () => string;
  /** When the change is written. */
  at: Date;
}

/** The profiles a batch loaded, before it decides anything: root -> its profile ids. */
export function profilesBefore(components: Iterable<Component>): Map<string, string[]> {
  return new Map([...components].map((component) => [component.root, [...component.profileIds]]));
}

/** One observation's plan, as the store applied it. */
export interface ObservationSteps {
  deviceId: string | undefined;
  steps: readonly Step[];
  /** Stretches this (late, identified) observation moved (rule 10), with their audit entry. */
  reattributions?: readonly ReattributionDraft[] | undefined;
  reattributionAuditId?: string | undefined;
}

/**
 * The changes of a batch of observations, in their order: PROFILE_CREATED, IDENTIFIER_ADDED and
 * PROFILES_MERGED, one for each such audit entry, ACTIVITY_REATTRIBUTED, and TRAITS_CHANGED, one
 * for each profile id whose traits show differently (rule 11). Memberships are the whole profile(s)
 * the change touched, as they stand right after it (a TRAITS_CHANGED names the one profile id that
 * holds the traits); the batch's merges are replayed over `before` (the loaded profiles) to know that.
 */
export function observationChanges(
  before: ReadonlyMap<string, readonly string[]>,
  observations: readonly ObservationSteps[],
  context: DraftContext,
): ChangeDraft[] {
  const members = new Map<string, string[]>([...before].map(([root, ids]) => [root, [...ids]]));
  const rootOf = new Map<string, string>();
  for (const [root, ids] of members) for (const id of ids) rootOf.set(id, root);
  const profileOf = (profileId: string): Membership[] => {
    const root = rootOf.get(profileId) ?? profileId;
    return [...(members.get(root) ?? [profileId])].sort(byString).map((id) => ({ profileId: id, belongsTo: root }));
  };
  const changes: ChangeDraft[] = [];
  const change = (draft: Omit<ChangeDraft, "id" | "at" | "reattributions"> & { reattributions?: ReattributionDraft[] }): void => {
    changes.push({ id: context.newId(), at: context.at, reattributions: [], ...draft });
  };

  for (const observation of observations) {
    const devices = observation.deviceId === undefined ? [] : [observation.deviceId];
    // Rule 10: the stretches this observation moved, and the entry that records them, from its plan
    // (or as the caller gives them).
    const moved: ReattributionDraft[] = [...(observation.reattributions ?? [])];
    let reattributionAuditId = observation.reattributionAuditId;
    for (const step of observation.steps) {
      if (step.kind === "reattribute") {
        moved.push({ ...step.reattribution });
      } else if (step.kind === "audit" && step.entry.action === "ACTIVITY_REATTRIBUTED") {
        reattributionAuditId ??= step.entry.id;
      } else if (step.kind === "createProfileId") {
        members.set(step.profileId, [step.profileId]);
        rootOf.set(step.profileId, step.profileId);
      } else if (step.kind === "traits") {
        if (step.auditId === undefined) continue;
        change({
          kind: "TRAITS_CHANGED",
          memberships: [{ profileId: step.profileId, belongsTo: rootOf.get(step.profileId) ?? step.profileId }],
          identifiers: [],
          deviceIds: devices,
          auditEntryId: step.auditId,
          traits: { ...step.changed },
        });
      } else if (step.kind === "link") {
        change({
          kind: "IDENTIFIER_ADDED",
          memberships: profileOf(step.profileId),
          identifiers: [step.identifier],
          deviceIds: devices,
          auditEntryId: step.auditId,
        });
      } else if (step.kind === "audit") {
        const entry: AuditDraft = step.entry;
        if (entry.action === "PROFILE_CREATED") {
          const [profileId] = entry.profileIds;
          if (profileId === undefined) continue;
          change({
            kind: "PROFILE_CREATED",
            memberships: profileOf(profileId),
            identifiers: [],
            deviceIds: devices,
            auditEntryId: entry.id,
          });
        } else if (entry.action === "PROFILES_MERGED") {
          // The entry names the merged profile's root first, then the roots merged into it.
          const [root, ...losers] = entry.profileIds;
          if (root === undefined) continue;
          const group = members.get(root) ?? [root];
          for (const loser of losers) {
            for (const id of members.get(loser) ?? [loser]) {
              rootOf.set(id, root);
              group.push(id);
            }
            members.delete(loser);
          }
          members.set(root, group);
          change({
            kind: "PROFILES_MERGED",
            memberships: profileOf(root),
            identifiers: entry.identifiers,
            deviceIds: devices,
            auditEntryId: entry.id,
          });
        }
      }
    }
    if (moved.length > 0) {
      const profileIds = [...new Set(moved.flatMap((r) => [r.fromProfileId, r.toProfileId]))].sort(byString);
      change({
        kind: "ACTIVITY_REATTRIBUTED",
        memberships: profileIds.map((profileId) => ({ profileId, belongsTo: rootOf.get(profileId) ?? profileId })),
        identifiers: [],
        deviceIds: [...new Set(moved.map((r) => r.deviceId))].sort(byString),
        reattributions: [...moved],
        auditEntryId: reattributionAuditId ?? null,
      });
    }
  }
  return changes;
}

/** A manual merge: every profile id of the merged profile now belongs to `root`. */
export function manualMergeChange(root: string, profileIds: readonly string[], auditEntryId: string, context: DraftContext): ChangeDraft {
  return {
    id: context.newId(),
    kind: "PROFILES_MERGED",
    at: context.at,
    memberships: [...new Set(profileIds)].sort(byString).map((profileId) => ({ profileId, belongsTo: root })),
    identifiers: [],
    deviceIds: [],
    reattributions: [],
    auditEntryId,
  };
}

/**
 * A profile that lost links (unmerge, demerge, reset identities). `roots` gives every profile id
 * of the profile before the operation with its root after it; `removed` the identifiers no
 * profile id holds any more. Several pieces: PROFILE_SPLIT; one piece that lost identifiers:
 * IDENTIFIER_REMOVED; nothing changed for who-is-who (a redundant link undone): no change.
 */
export function splitChanges(
  roots: ReadonlyMap<string, string>,
  removed: readonly Identifier[],
  auditEntryId: string,
  context: DraftContext,
): ChangeDraft[] {
  const pieces = new Set(roots.values());
  if (pieces.size <= 1 && removed.length === 0) return [];
  return [
    {
      id: context.newId(),
      kind: pieces.size > 1 ? "PROFILE_SPLIT" : "IDENTIFIER_REMOVED",
      at: context.at,
      memberships: [...roots].sort(([a], [b]) => byString(a, b)).map(([profileId, belongsTo]) => ({ profileId, belongsTo })),
      identifiers: [...removed],
      deviceIds: [],
      reattributions: [],
      auditEntryId,
    },
  ];
}

/** A GDPR deletion: tombstones only, no identifier values and no device ids. */
export function deletionChange(profileIds: readonly string[], auditEntryId: string, context: DraftContext): ChangeDraft {
  return {
    id: context.newId(),
    kind: "PROFILE_DELETED",
    at: context.at,
    memberships: [...new Set(profileIds)].sort(byString).map((profileId) => ({ profileId, belongsTo: null })),
    identifiers: [],
    deviceIds: [],
    reattributions: [],
    auditEntryId,
  };
}

/** Applies changes to a `profile id -> profile` table, as a downstream consumer would. */
export function applyChanges(table: Map<string, string | null>, changes: Iterable<{ memberships: readonly Membership[] }>): void {
  for (const change of changes) for (const { profileId, belongsTo } of change.memberships) table.set(profileId, belongsTo);
}
