// Audit writing and reading in one place: ids, the stored row of an entry, the identifier codec,
// and the one statement that writes entries (docs/identity-rules.md, "Audit history").
import type { ManagedTransaction } from "neo4j-driver";
import { monotonicFactory } from "ulid";
import type { AuditDraft } from "../rules/decide.js";
import type { AuditAction, Identifier } from "../rules/model.js";
import { AUDIT_ACTIONS } from "../rules/model.js";
import { obj, optStr, str, strList } from "./rows.js";
import { statement } from "./statements.js";

const CREATE_AUDIT_ENTRIES = statement("persistence/create-audit-entries");
const COUNT_REPEATS = statement("persistence/count-repeats");

/**
 * Entries that repeat are one entry with a count (docs/identity-rules.md, "What the store keeps"): refusals, and
 * trait changes (rule 11), so a trait that changes with every event (a last order, a last screen)
 * grows the audit log with people, not with events.
 */
const COUNTED: ReadonlySet<string> = new Set(["IDENTITY_ERROR", "GHOST_PROFILE", "TRAITS_CHANGED"]);

/**
 * What makes two entries the same one: the action, the profile ids, the identifier and the device;
 * for a trait change also which traits changed (its reason). Stored as the entry's `refusalKey`.
 */
export const repeatKey = (entry: AuditDraft): string =>
  [
    entry.action,
    [...entry.profileIds].sort().join(","),
    entry.identifiers.map(encodeIdentifier).join(","),
    entry.deviceIds.join(","),
    ...(entry.action === "TRAITS_CHANGED" ? [entry.reason ?? ""] : []),
  ].join("\u0000");

const ulid = monotonicFactory();
/** Time-ordered ids (ULID, monotonic within the process): a later id always sorts after an earlier one. */
export const newId = (): string => ulid();

/** Identifiers are stored in audit entries as "type:value" strings (Neo4j properties hold no maps). */
export const encodeIdentifier = (identifier: Identifier): string => `${identifier.type}:${identifier.value}`;

export function decodeIdentifier(encoded: string): Identifier {
  const colon = encoded.indexOf(":");
  return { type: encoded.slice(0, colon), value: encoded.slice(colon + 1) };
}

/** An entry as create-audit-entries.cypher stores it. */
export function auditRow(entry: AuditDraft): Record<string, unknown> {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    action: entry.action,
    reason: entry.reason ?? null,
    profileIds: entry.profileIds,
    identifiers: entry.identifiers.map(encodeIdentifier),
    deviceIds: entry.deviceIds,
    messageId: entry.messageId ?? null,
    causedBy: entry.causedBy ?? null,
    undoes: entry.undoes ?? null,
  };
}

/** Whether an entry of this action that repeats one already written counts on it (writeAuditEntries). */
export const isCounted = (entry: AuditDraft): boolean => COUNTED.has(entry.action);

/**
 * Writes entries, each ABOUT the profile ids it names (those that exist) and UNDOES the entry it
 * undoes; an entry that repeats one already written (a refusal, a trait change) counts on that
 * entry instead. Returns, for those, the id of the entry they counted on by their own.
 */
export async function writeAuditEntries(
  tx: ManagedTransaction,
  space: string,
  actor: string,
  entries: readonly AuditDraft[],
): Promise<Map<string, string>> {
  const counted = entries.filter(isCounted);
  const others = entries.filter((entry) => !isCounted(entry));
  const [, result] = await Promise.all([
    others.length > 0 ? tx.run(CREATE_AUDIT_ENTRIES, { space, actor, entries: others.map(auditRow) }) : undefined,
    counted.length > 0
      ? tx.run(COUNT_REPEATS, { space, actor, entries: counted.map((entry) => ({ ...auditRow(entry), refusalKey: repeatKey(entry) })) })
      : undefined,
  ]);
  return new Map((result?.records ?? []).map((record) => [str(record.get("draft"), "draft"), str(record.get("stored"), "stored")]));
}

/** An audit entry as read back. */
export interface StoredAuditEntry {
  id: string;
  at: Date;
  action: AuditAction;
  actor: string;
  reason: string | null;
  profileIds: string[];
  identifiers: Identifier[];
  deviceIds: string[];
  messageId: string | null;
  causedBy: string | null;
  undoes: string | null;
  /** How many times a refusal repeated (1 for any other entry), and when it last did. */
  count: number;
  lastAt: Date;
}

const action = (value: unknown, what: string): AuditAction => {
  const text = str(value, what);
  if (!(AUDIT_ACTIONS as readonly string[]).includes(text)) throw new Error(`unexpected row shape: ${what} is ${text}`);
  return text as AuditAction;
};

/** Decodes an entry map (`a {.id, .at, ...}`) as the read statements return it. */
export function decodeAuditEntry(value: unknown, what = "entry"): StoredAuditEntry {
  const row = obj(value, what);
  return {
    id: str(row["id"], `${what}.id`),
    at: new Date(str(row["at"], `${what}.at`)),
    action: action(row["action"], `${what}.action`),
    actor: str(row["actor"], `${what}.actor`),
    reason: optStr(row["reason"], `${what}.reason`),
    profileIds: strList(row["profileIds"], `${what}.profileIds`),
    identifiers: strList(row["identifiers"], `${what}.identifiers`).map(decodeIdentifier),
    deviceIds: strList(row["deviceIds"], `${what}.deviceIds`),
    messageId: optStr(row["messageId"], `${what}.messageId`),
    causedBy: optStr(row["causedBy"], `${what}.causedBy`),
    undoes: optStr(row["undoes"], `${what}.undoes`),
    count: typeof row["count"] === "number" ? row["count"] : 1,
    lastAt: new Date(optStr(row["lastAt"], `${what}.lastAt`) ?? str(row["at"], `${what}.at`)),
  };
}
