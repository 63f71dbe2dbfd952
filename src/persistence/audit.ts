// Audit writing and reading in one place: ids, the stored row of an entry, the identifier codec,
// and the one statement that writes entries (IDENTITY_RULES.md, "Audit history").
import type { ManagedTransaction } from "neo4j-driver";
import { monotonicFactory } from "ulid";
import type { AuditDraft } from "../rules/decide.js";
import type { AuditAction, Identifier } from "../rules/model.js";
import { AUDIT_ACTIONS } from "../rules/model.js";
import { obj, optStr, str, strList } from "./rows.js";
import { statement } from "./statements.js";

const CREATE_AUDIT_ENTRIES = statement("persistence/create-audit-entries");

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

/** Writes entries, each ABOUT the profile ids it names (those that exist) and UNDOES the entry it undoes. */
export async function writeAuditEntries(
  tx: ManagedTransaction,
  space: string,
  actor: string,
  entries: readonly AuditDraft[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.run(CREATE_AUDIT_ENTRIES, { space, actor, entries: entries.map(auditRow) });
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
  };
}
