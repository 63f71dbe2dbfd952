// CSV profile uploads, as CleverTap's: one row a profile, its identifier columns (Identity, Email,
// Phone, or any configured type) joining rows that share a value into one profile by the normal
// rules; other columns are profile properties: the row's traits (rule 11), as text, an empty cell none.
import type { Identifier } from "../../rules/model.js";
import { idString, type LineOutcome, type ObservationDraft, refuse } from "./draft.js";

export type ColumnRole =
  | { kind: "identifier"; type: string }
  | { kind: "device" }
  | { kind: "messageId" }
  | { kind: "trait"; name: string }
  | { kind: "ignored" };

const USER_ID_NAMES = new Set(["identity", "user_id", "userid", "user id", "customer_id"]);
const DEVICE_NAMES = new Set(["objectid", "device_id", "deviceid", "device id", "anonymousid", "anonymous_id"]);
const MESSAGE_ID_NAMES = new Set(["messageid", "message_id"]);

/** What each header column means; matched case-insensitively, identifier types by their configured name; any other named column is a trait of that name. */
export function csvColumns(header: readonly string[], types: readonly string[]): ColumnRole[] {
  return header.map((raw) => {
    const name = raw.trim().toLowerCase();
    if (USER_ID_NAMES.has(name)) return { kind: "identifier", type: "user_id" };
    const type = types.find((candidate) => candidate.toLowerCase() === name);
    if (type !== undefined) return { kind: "identifier", type };
    if (DEVICE_NAMES.has(name)) return { kind: "device" };
    if (MESSAGE_ID_NAMES.has(name)) return { kind: "messageId" };
    return name === "" ? { kind: "ignored" } : { kind: "trait", name: raw.trim() };
  });
}

/** The header is usable when it names at least one identifier column. */
export function csvHeaderProblem(columns: readonly ColumnRole[]): string | undefined {
  return columns.some((column) => column.kind === "identifier")
    ? undefined
    : "the CSV header names no identifier column (Identity, user_id, or an identifier type such as email or phone)";
}

export function csvRow(row: readonly string[], columns: readonly ColumnRole[]): LineOutcome {
  if (row.length !== columns.length) return refuse(`expected ${columns.length} columns, got ${row.length}`);
  const identifiers: Identifier[] = [];
  const traits: Record<string, string> = {};
  const draft: ObservationDraft = {
    messageId: undefined,
    deviceId: undefined,
    identifiers,
    distinctIds: [],
    timestamp: undefined,
    event: "profile_upload",
  };
  columns.forEach((column, index) => {
    const value = idString(row[index]);
    if (value === undefined) return;
    if (column.kind === "identifier") identifiers.push({ type: column.type, value });
    else if (column.kind === "device") draft.deviceId = value;
    else if (column.kind === "messageId") draft.messageId = value;
    else if (column.kind === "trait") traits[column.name] = value;
  });
  if (Object.keys(traits).length > 0) draft.traits = traits;
  if (identifiers.length === 0 && draft.deviceId === undefined) return refuse("the row has no identifier value");
  return { kind: "observation", draft };
}
