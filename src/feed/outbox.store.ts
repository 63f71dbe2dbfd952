// The outbox: (:Change) nodes written in the writer's own transaction, so a change is in the feed
// if and only if it committed. Writers only CREATE (no shared node is locked); the relay gives each
// committed change its cursor afterwards (relay.ts), and consumers read sequenced changes only.
import neo4j, { type ManagedTransaction, type Record as Neo4jRecord } from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import { encodeIdentifier } from "../persistence/audit.js";
import { exactTerms } from "../persistence/fulltext.js";
import { optNum, optStr, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { Identifier } from "../rules/model.js";
import type { Json } from "../rules/traits.js";
import { CHANGE_KINDS, type ChangeDraft, type ChangeKind, type Membership } from "./change-drafts.js";

/** Cursors are the space's sequence number, zero-padded, so plain string order is feed order. */
export const CURSOR_DIGITS = 16;
export const cursorOf = (sequence: number): string => String(sequence).padStart(CURSOR_DIGITS, "0");

/**
 * One statement per transaction. `stamp` is Neo4j's clock read here, after the transaction took
 * its locks: two transactions that change the same profile serialise on its locks, so the later
 * one's stamp is after the earlier one's commit; the relay orders by it (relay.ts).
 */
export const RECORD_CHANGES = statement("feed/outbox-record-changes");

/** What a consumer gets: the contract's Change, dates as ISO strings. */
export interface StoredChange {
  id: string;
  cursor: string;
  kind: ChangeKind;
  at: string;
  memberships: Membership[];
  identifiers: Identifier[];
  deviceIds: string[];
  reattributions: Array<{ deviceId: string; from: string; until: string | null; fromProfileId: string; toProfileId: string }>;
  auditEntryId: string | null;
  /** TRAITS_CHANGED: the changed names with their new values (null: removed); null once the profile was deleted. */
  traits?: Record<string, Json> | null | undefined;
}

type Payload = Omit<StoredChange, "id" | "cursor" | "kind" | "at">;

function payloadOf(change: ChangeDraft): Payload {
  return {
    memberships: change.memberships,
    identifiers: change.identifiers,
    deviceIds: change.deviceIds,
    reattributions: change.reattributions.map((r) => ({
      deviceId: r.deviceId,
      from: r.from.toISOString(),
      until: r.until?.toISOString() ?? null,
      fromProfileId: r.fromProfileId,
      toProfileId: r.toProfileId,
    })),
    auditEntryId: change.auditEntryId,
    ...(change.kind === "TRAITS_CHANGED" ? { traits: change.traits ?? null } : {}),
  };
}

/** The profile ids whose deletion scrubs a change: those a TRAITS_CHANGED carries values of (rule 11). */
const valuesOf = (change: ChangeDraft): string[] =>
  change.kind === "TRAITS_CHANGED" ? change.memberships.map((membership) => membership.profileId) : [];

/** Writes a transaction's changes to the outbox; call it last, after the change itself. */
export async function recordChanges(tx: ManagedTransaction, space: string, changes: readonly ChangeDraft[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.run(RECORD_CHANGES, {
    space,
    changes: changes.map((change) => ({
      id: change.id,
      at: change.at.toISOString(),
      kind: change.kind,
      payload: JSON.stringify(payloadOf(change)),
      identifierKeys: change.identifiers.map(encodeIdentifier),
      deviceIds: [...new Set([...change.deviceIds, ...change.reattributions.map((r) => r.deviceId)])],
      profileIds: valuesOf(change),
    })),
  });
}

// GDPR (docs/identity-rules.md, delete profile): earlier changes still in the outbox lose the deleted
// identifier values, device ids and the trait values of deleted profile ids, in the deleting transaction.
const CHANGES_NAMING = statement("feed/outbox-changes-naming");

const REWRITE_CHANGES = statement("feed/outbox-rewrite-changes");

export async function scrubChanges(
  tx: ManagedTransaction,
  space: string,
  identifiers: readonly Identifier[],
  deviceIds: readonly string[],
  profileIds: readonly string[] = [],
): Promise<void> {
  if (identifiers.length === 0 && deviceIds.length === 0 && profileIds.length === 0) return;
  const encoded = identifiers.map(encodeIdentifier);
  const terms = [
    ...exactTerms(["identifierKeys"], encoded),
    ...exactTerms(["deviceIds"], deviceIds),
    ...exactTerms(["profileIds"], profileIds),
  ];
  const result = await tx.run(CHANGES_NAMING, { space, encoded, deviceIds, profileIds, terms });
  const gone = new Set(encoded);
  const goneDevices = new Set(deviceIds);
  const goneProfileIds = new Set(profileIds);
  const rows = result.records.map((record) => {
    const payload = JSON.parse(str(record.get("payload"), "payload")) as Payload;
    const valuesGone = payload.traits != null && payload.memberships.some((membership) => goneProfileIds.has(membership.profileId));
    return {
      element: str(record.get("element"), "element"),
      payload: JSON.stringify({
        ...payload,
        identifiers: payload.identifiers.filter((identifier) => !gone.has(encodeIdentifier(identifier))),
        deviceIds: payload.deviceIds.filter((id) => !goneDevices.has(id)),
        reattributions: payload.reattributions.filter((r) => !goneDevices.has(r.deviceId)),
        ...(valuesGone ? { traits: null } : {}),
      }),
    };
  });
  if (rows.length > 0) await tx.run(REWRITE_CHANGES, { rows, encoded, deviceIds, profileIds });
}

const READ_CHANGES = statement("feed/outbox-read-changes");

const READ_PROFILE_CHANGES = statement("feed/outbox-read-profile-changes");

const LAST_CURSOR = statement("feed/outbox-last-cursor");

export interface ChangePage {
  changes: StoredChange[];
  hasNextPage: boolean;
}

/** A sequenced change as the read statements return it (id, cursor, kind, at and its JSON payload). */
export function decodeChange(record: Neo4jRecord): StoredChange {
  const kind = str(record.get("kind"), "kind");
  if (!(CHANGE_KINDS as readonly string[]).includes(kind)) throw new Error(`unexpected row shape: kind is ${kind}`);
  return {
    id: str(record.get("id"), "id"),
    cursor: str(record.get("cursor"), "cursor"),
    kind: kind as ChangeKind,
    at: str(record.get("at"), "at"),
    ...(JSON.parse(str(record.get("payload"), "payload")) as Payload),
  };
}

export class Outbox {
  constructor(private readonly executor: Executor) {}

  /** Sequenced changes after the cursor (all when empty), oldest first. */
  async read(space: string, after: string, first: number): Promise<ChangePage> {
    const result = await this.executor.read("feed.read", (tx) => tx.run(READ_CHANGES, { space, after, limit: neo4j.int(first + 1) }));
    const changes = result.records.map(decodeChange);
    return { changes: changes.slice(0, first), hasNextPage: changes.length > first };
  }

  /** Sequenced changes naming any of these profile ids in their memberships, newest first, before the cursor (from the newest when empty). */
  async readForProfile(space: string, profileIds: readonly string[], before: string, first: number): Promise<ChangePage> {
    const result = await this.executor.read("feed.readProfile", (tx) =>
      tx.run(READ_PROFILE_CHANGES, { space, profileIds, before: before === "" ? "~" : before, limit: neo4j.int(first + 1) }),
    );
    const changes = result.records.map(decodeChange);
    return { changes: changes.slice(0, first), hasNextPage: changes.length > first };
  }

  /** The space's newest cursor ("" before its first change) and the newest cursor retention removed. */
  async position(space: string): Promise<{ last: string; prunedThrough: string }> {
    const record = (await this.executor.read("feed.read", (tx) => tx.run(LAST_CURSOR, { space }))).records[0];
    const last = optNum(record?.get("last"), "last");
    const pruned = optStr(record?.get("prunedThrough"), "prunedThrough");
    return { last: last ? cursorOf(last) : "", prunedThrough: pruned ?? "" };
  }
}
