// Mixpanel export lines (`{"event": ..., "properties": {...}}`, as the raw export API and /import
// carry them), in both ID Merge systems (https://docs.mixpanel.com/docs/tracking-methods/id-management).
import type { Identifier } from "../../rules/model.js";
import { idString, isObject, type LineOutcome, type ObservationDraft, readTimestamp, refuse, traitIdentifiers } from "./draft.js";

const DEVICE_PREFIX = "$device:";

/**
 * Simplified ID Merge: $device_id → device, $user_id → user_id. Original ID Merge: `$identify`
 * ($anon_id, $identified_id), `$create_alias` (alias, distinct_id), `$merge` ($distinct_ids, a
 * merge request under the limits). Otherwise distinct_id: `$device:` ids are devices, other ids
 * are settled by the importer. $insert_id → messageId, time (seconds or milliseconds) → timestamp.
 */
export function mixpanelLine(line: Record<string, unknown>, types: readonly string[]): LineOutcome {
  const event = line["event"];
  const properties = line["properties"];
  if (typeof event !== "string" || !isObject(properties)) return refuse("a Mixpanel event needs event and properties");
  const at = readTimestamp(properties["time"]);
  if (at === "invalid") return refuse("properties.time is not a time");
  const identifiers: Identifier[] = [];
  const userId = idString(properties["$user_id"]);
  if (userId !== undefined) identifiers.push({ type: "user_id", value: userId });
  // People properties sent with the event ($email, $phone), by identifier type name.
  const dollar: Record<string, unknown> = {};
  for (const type of types) dollar[type] = properties[`$${type}`] ?? properties[type];
  for (const identifier of traitIdentifiers(dollar, types)) identifiers.push(identifier);
  const draft: ObservationDraft = {
    messageId: idString(properties["$insert_id"]),
    deviceId: deviceOf(idString(properties["$device_id"])),
    identifiers,
    distinctIds: [],
    timestamp: at,
    event,
  };
  const distinctId = idString(properties["distinct_id"]);
  if (event === "$identify") {
    const anonId = idString(properties["$anon_id"]);
    const identifiedId = idString(properties["$identified_id"]) ?? distinctId;
    if (anonId === undefined || identifiedId === undefined) return refuse("$identify needs $anon_id and $identified_id");
    draft.deviceId = deviceOf(anonId);
    addUser(draft, identifiedId);
  } else if (event === "$create_alias") {
    const alias = idString(properties["alias"]);
    if (alias === undefined || distinctId === undefined) return refuse("$create_alias needs alias and distinct_id");
    addUser(draft, alias);
    draft.distinctIds = [distinctId];
  } else if (event === "$merge") {
    const ids = properties["$distinct_ids"];
    const distinct = Array.isArray(ids) ? ids.map(idString).filter((id): id is string => id !== undefined) : [];
    if (distinct.length < 2) return refuse("$merge needs two $distinct_ids");
    draft.distinctIds = distinct;
  } else if (distinctId !== undefined && userId === undefined) {
    if (distinctId.startsWith(DEVICE_PREFIX)) draft.deviceId ??= deviceOf(distinctId);
    else draft.distinctIds = [distinctId];
  }
  if (draft.deviceId === undefined && draft.identifiers.length === 0 && draft.distinctIds.length === 0) {
    return refuse("no distinct_id, $device_id, $user_id or identifying property");
  }
  return { kind: "observation", draft };
}

function deviceOf(id: string | undefined): string | undefined {
  return id?.startsWith(DEVICE_PREFIX) ? id.slice(DEVICE_PREFIX.length) || undefined : id;
}

function addUser(draft: ObservationDraft, id: string): void {
  if (!draft.identifiers.some((identifier) => identifier.type === "user_id" && identifier.value === id)) {
    draft.identifiers.unshift({ type: "user_id", value: id });
  }
}
