// Segment (and RudderStack) messages to observations, pure: the live /v1/* endpoints (segment.ts)
// and the CLI's export import (src/cli/import/) map them here, once. anonymousId is the device,
// userId the user, traits identifiers by the rules file's traitMapping and the rest profile traits
// (rule 11: identify's traits and context.traits on any call), alias two ids of one person. group
// is skipped whole: its traits are the group's (an account's), not the person's, and it changes no identity.
import type { IdentityRules } from "../rules/rules-config.js";
import {
  idString,
  inOrder,
  invalid,
  isObject,
  isoTime,
  type JsonObject,
  type MappedEvent,
  observation,
  profileTraits,
  SKIP,
  samePerson,
  traitFields,
  traitIdentifiers,
} from "./mapping.js";

export const SEGMENT_TYPES = ["identify", "track", "page", "screen", "group", "alias"] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

export const SEGMENT_MAX_MESSAGE_BYTES = 32 * 1024;

export interface SegmentMappingOptions {
  rules: IdentityRules;
  /** When the server received the messages; an export line carries its own (`exported`). */
  receivedAt: Date;
  /** Export lines (the CLI): each message's own receivedAt corrects its clock, and is its time when it has no other. */
  exported?: boolean;
  /** The batch's sentAt, for messages without their own. */
  sentAt?: unknown;
  /** The batch's context, under each message's own. */
  context?: unknown;
}

/**
 * The time of a message as Segment computes it: `timestamp` when given; else `originalTimestamp`
 * corrected for the device's clock skew by `sentAt` (received - (sentAt - originalTimestamp)), or
 * as it is without `sentAt`; else undefined (the time the server received it). null: unreadable.
 */
export function segmentTime(message: JsonObject, receivedAt: Date | undefined, batchSentAt?: unknown): Date | null | undefined {
  const timestamp = isoTime(message["timestamp"]);
  if (timestamp !== undefined) return timestamp;
  const original = isoTime(message["originalTimestamp"]);
  if (original === undefined || original === null) return original;
  const sentAt = isoTime(message["sentAt"] ?? batchSentAt);
  if (!sentAt || receivedAt === undefined) return original;
  return new Date(receivedAt.getTime() - (sentAt.getTime() - original.getTime()));
}

/** Segment messages to observations, in order; `type` is the endpoint's for the single-message calls. */
export function segmentEvents(
  messages: readonly unknown[],
  knownUsers: ReadonlySet<string>,
  options: SegmentMappingOptions,
  type?: SegmentType,
): MappedEvent[] {
  return inOrder(messages, knownUsers, (message, known) => segmentEvent(message, known, options, type));
}

function segmentEvent(message: unknown, known: ReadonlySet<string>, options: SegmentMappingOptions, type?: SegmentType): MappedEvent {
  if (!isObject(message)) return invalid("a message must be a JSON object");
  if (Buffer.byteLength(JSON.stringify(message)) > SEGMENT_MAX_MESSAGE_BYTES) {
    return invalid(`a message is at most ${SEGMENT_MAX_MESSAGE_BYTES / 1024} KB`);
  }
  const given = type ?? message["type"];
  if (!(SEGMENT_TYPES as readonly unknown[]).includes(given)) return invalid(`unknown message type ${JSON.stringify(given)}`);
  const kind = given as SegmentType;
  // group says which account a user belongs to: it changes no identity.
  if (kind === "group") return SKIP;
  const context = { ...(isObject(options.context) ? options.context : {}), ...(isObject(message["context"]) ? message["context"] : {}) };
  const exportedAt = options.exported ? isoTime(message["receivedAt"]) : undefined;
  if (exportedAt === null) return invalid("receivedAt must be an ISO-8601 date-time");
  const sent = segmentTime(message, options.exported ? exportedAt : options.receivedAt, options.sentAt);
  const timestamp = sent === undefined ? exportedAt : sent;
  if (timestamp === null) return invalid("timestamp / originalTimestamp / sentAt must be ISO-8601 date-times");
  const messageId = idString(message["messageId"]);
  const userId = idString(message["userId"]);
  const common = { ...(messageId !== undefined ? { messageId } : {}), ...(timestamp ? { timestamp } : {}) };
  // Rule 11: the person's traits, identify's own over context.traits (what the SDK keeps of the user).
  const ownTraits = kind === "identify" ? message["traits"] : undefined;
  const traits = profileTraits(options.rules, [
    { field: "context.traits", value: context["traits"] },
    { field: "traits", value: ownTraits },
  ]);
  if ("invalid" in traits) return invalid(traits.invalid);

  if (kind === "alias") {
    const previousId = idString(message["previousId"]);
    if (userId === undefined || previousId === undefined) return invalid("an alias needs userId and previousId");
    return observation({
      ...samePerson(userId, previousId, known, { firstIsUser: true, event: "alias" }),
      ...traitFields(traits),
      ...common,
    });
  }
  let deviceId = idString(message["anonymousId"]);
  if (deviceId === undefined && options.rules.useContextDeviceId && isObject(context["device"])) {
    deviceId = idString(context["device"]["id"]);
  }
  const identifiers = traitIdentifiers(options.rules, ownTraits, context["traits"]);
  if (deviceId === undefined && userId === undefined && identifiers.length === 0)
    return invalid("no anonymousId, userId or identifying trait");
  const event = kind === "track" ? (idString(message["event"]) ?? "track") : kind;
  return observation({
    ...(deviceId !== undefined ? { deviceId } : {}),
    ...(userId !== undefined ? { userId } : {}),
    ...(identifiers.length > 0 ? { identifiers } : {}),
    ...traitFields(traits),
    event,
    ...common,
  });
}

/** The ids whose role depends on whether the space knows them as user ids: an alias's previousId. */
export function segmentCandidates(messages: readonly unknown[], type?: SegmentType): string[] {
  return messages
    .flatMap((m) => (isObject(m) && (type === "alias" || m["type"] === "alias") ? [idString(m["previousId"])] : []))
    .filter((id) => id !== undefined);
}
