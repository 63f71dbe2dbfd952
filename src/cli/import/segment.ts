// Segment (and RudderStack, which keeps Segment's spec) export lines: one message a line, as the
// Tracking API received it (https://segment.com/docs/connections/spec/common/).
import type { Identifier } from "../../rules/model.js";
import {
  addIdentifiers,
  idString,
  isObject,
  type LineOutcome,
  type ObservationDraft,
  readTimestamp,
  refuse,
  skip,
  traitIdentifiers,
} from "./draft.js";

export const SEGMENT_TYPES = new Set(["identify", "track", "page", "screen", "group", "alias"]);

/**
 * anonymousId → device, userId → user_id, traits (and context.traits) by identifier type name,
 * messageId → idempotency, timestamp else originalTimestamp else receivedAt. `group` changes no
 * identity; `alias` joins previousId (a device, or a user id the space knows: a merge request) to userId.
 */
export function segmentLine(message: Record<string, unknown>, types: readonly string[]): LineOutcome {
  const type = message["type"];
  if (typeof type !== "string" || !SEGMENT_TYPES.has(type)) return refuse(`unknown Segment message type ${JSON.stringify(type)}`);
  if (type === "group") return skip("group calls change no identity");
  const at = readTimestamp(message["timestamp"] ?? message["originalTimestamp"] ?? message["receivedAt"]);
  if (at === "invalid") return refuse("timestamp is not a date");
  const userId = idString(message["userId"]);
  const identifiers: Identifier[] = userId === undefined ? [] : [{ type: "user_id", value: userId }];
  addIdentifiers(identifiers, traitIdentifiers(message["traits"], types));
  const context = message["context"];
  if (isObject(context)) addIdentifiers(identifiers, traitIdentifiers(context["traits"], types));
  const draft: ObservationDraft = {
    messageId: idString(message["messageId"]),
    deviceId: idString(message["anonymousId"]),
    identifiers,
    distinctIds: [],
    timestamp: at,
    event: eventName(type, message),
  };
  if (type === "alias") {
    const previousId = idString(message["previousId"]);
    if (previousId === undefined || userId === undefined) return refuse("alias needs previousId and userId");
    // The previous id is the device only when the message names no other.
    if (draft.deviceId === previousId) return { kind: "observation", draft };
    draft.distinctIds = [previousId];
  }
  if (draft.deviceId === undefined && draft.identifiers.length === 0 && draft.distinctIds.length === 0) {
    return refuse("no anonymousId, userId or identifying trait");
  }
  return { kind: "observation", draft };
}

function eventName(type: string, message: Record<string, unknown>): string {
  const named = type === "track" ? message["event"] : type === "page" || type === "screen" ? message["name"] : undefined;
  return typeof named === "string" && named !== "" ? named : type;
}
