// PostHog export lines (`{"uuid", "event", "distinct_id", "properties", "timestamp"}`), its
// identify/alias/merge events (https://posthog.com/docs/product-analytics/identify).
import type { Identifier } from "../../rules/model.js";
import { idString, isObject, type LineOutcome, type ObservationDraft, readTimestamp, refuse, traitIdentifiers } from "./draft.js";

/**
 * `$identify` with $anon_distinct_id (that device logs in as distinct_id), `$create_alias` with
 * alias, `$merge_dangerously` with alias (a merge request under the limits), other events by
 * distinct_id (settled by the importer: a known user id is that user, otherwise a device, or
 * $device_id when present). uuid → messageId; $set traits by identifier type name.
 */
export function posthogLine(line: Record<string, unknown>, types: readonly string[]): LineOutcome {
  const event = line["event"];
  const rawProperties = line["properties"];
  const properties = isObject(rawProperties) ? rawProperties : {};
  const distinctId = idString(line["distinct_id"] ?? properties["distinct_id"]);
  if (typeof event !== "string" || distinctId === undefined) return refuse("a PostHog event needs event and distinct_id");
  const at = readTimestamp(line["timestamp"] ?? properties["timestamp"]);
  if (at === "invalid") return refuse("timestamp is not a date");
  const identifiers: Identifier[] = [...traitIdentifiers(properties["$set"], types), ...traitIdentifiers(line["$set"], types)];
  const draft: ObservationDraft = {
    messageId: idString(line["uuid"] ?? properties["uuid"]),
    deviceId: idString(properties["$device_id"]),
    identifiers,
    distinctIds: [],
    timestamp: at,
    event,
  };
  if (event === "$identify") {
    const anon = idString(properties["$anon_distinct_id"]);
    identifiers.unshift({ type: "user_id", value: distinctId });
    if (anon !== undefined) draft.deviceId = anon;
  } else if (event === "$create_alias" || event === "$merge_dangerously") {
    const alias = idString(properties["alias"]);
    if (alias === undefined) return refuse(`${event} needs properties.alias`);
    identifiers.unshift({ type: "user_id", value: distinctId });
    draft.distinctIds = [alias];
  } else {
    draft.distinctIds = [distinctId];
  }
  return { kind: "observation", draft };
}
