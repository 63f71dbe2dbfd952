// Segment's HTTP Tracking API (what @segment/analytics-node and RudderStack's SDKs send):
// POST /v1/identify, /track, /page, /screen, /group, /alias and /v1/batch. The write key is an
// ingest (or admin) key, as the Basic user name with an empty password or `writeKey` in the body.
// Limits as Segment publishes them: 32 KB a message, 500 KB a batch; and at most 1000 messages a
// batch, since a batch is one transaction, all or nothing, as resolveBatch is.
import express from "express";
import { MAX_BATCH } from "../identity/identity-service.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { type IngestEnvironment, type IngestOutcome, ingest, malformed } from "./answer.js";
import { BodyError, bodyErrorAnswer, bodyText, keyFromAuthorization, parseJson, rawBody } from "./body.js";
import {
  idString,
  invalid,
  isObject,
  isoTime,
  type JsonObject,
  type MappedEvent,
  observation,
  SKIP,
  samePerson,
  traitIdentifiers,
  userIdsOf,
} from "./mapping.js";

export const SEGMENT_TYPES = ["identify", "track", "page", "screen", "group", "alias"] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

export const SEGMENT_MAX_MESSAGE_BYTES = 32 * 1024;
export const SEGMENT_MAX_BATCH_BODY = "500kb";

export interface SegmentMappingOptions {
  rules: IdentityRules;
  receivedAt: Date;
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
export function segmentTime(message: JsonObject, receivedAt: Date, batchSentAt?: unknown): Date | null | undefined {
  const timestamp = isoTime(message["timestamp"]);
  if (timestamp !== undefined) return timestamp;
  const original = isoTime(message["originalTimestamp"]);
  if (original === undefined || original === null) return original;
  const sentAt = isoTime(message["sentAt"] ?? batchSentAt);
  if (!sentAt) return original;
  return new Date(receivedAt.getTime() - (sentAt.getTime() - original.getTime()));
}

/** Segment messages to observations, in order; `type` is the endpoint's for the single-message calls. */
export function segmentEvents(
  messages: readonly unknown[],
  knownUsers: ReadonlySet<string>,
  options: SegmentMappingOptions,
  type?: SegmentType,
): MappedEvent[] {
  const known = new Set(knownUsers);
  return messages.map((message) => {
    const mapped = segmentEvent(message, known, options, type);
    // An alias later in the batch sees the user ids that messages before it introduced.
    if (mapped.kind === "observation") for (const id of userIdsOf(mapped.input)) known.add(id);
    return mapped;
  });
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
  const timestamp = segmentTime(message, options.receivedAt, options.sentAt);
  if (timestamp === null) return invalid("timestamp / originalTimestamp / sentAt must be ISO-8601 date-times");
  const messageId = idString(message["messageId"]);
  const userId = idString(message["userId"]);
  const common = { ...(messageId !== undefined ? { messageId } : {}), ...(timestamp ? { timestamp } : {}) };

  if (kind === "alias") {
    const previousId = idString(message["previousId"]);
    if (userId === undefined || previousId === undefined) return invalid("an alias needs userId and previousId");
    return observation({ ...samePerson(userId, previousId, known, { firstIsUser: true, event: "alias" }), ...common });
  }
  let deviceId = idString(message["anonymousId"]);
  if (deviceId === undefined && options.rules.useContextDeviceId && isObject(context["device"])) {
    deviceId = idString(context["device"]["id"]);
  }
  const identifiers = traitIdentifiers(options.rules, kind === "identify" ? message["traits"] : undefined, context["traits"]);
  const event = kind === "track" ? (idString(message["event"]) ?? "track") : kind;
  return observation({
    ...(deviceId !== undefined ? { deviceId } : {}),
    ...(userId !== undefined ? { userId } : {}),
    ...(identifiers.length > 0 ? { identifiers } : {}),
    event,
    ...common,
  });
}

/** Answers as Segment's API does: 200 {"success": true}; refusals with a status the SDKs act on. */
export function sendSegmentAnswer(response: express.Response, outcome: IngestOutcome): void {
  if (outcome.ok) {
    response.status(200).json({ success: true });
    return;
  }
  if ("retryAfter" in outcome) response.setHeader("Retry-After", String(outcome.retryAfter));
  // Segment answers 400 for an oversized payload; 413 would make some SDKs retry.
  const status = outcome.status === 413 ? 400 : outcome.status;
  response.status(status).json({
    success: false,
    code: outcome.reason,
    message: outcome.message,
    ...("failures" in outcome && outcome.failures.length > 0 ? { errors: outcome.failures } : {}),
  });
}

export function segmentRouter(env: IngestEnvironment): express.Router {
  const router = express.Router();
  const handle = (type: SegmentType | "batch"): express.RequestHandler => {
    return async (request, response, next) => {
      try {
        const receivedAt = new Date();
        let body: unknown;
        try {
          body = parseJson(bodyText(request));
        } catch (error) {
          if (error instanceof BodyError) return sendSegmentAnswer(response, malformed(error.message));
          throw error;
        }
        if (!isObject(body)) return sendSegmentAnswer(response, malformed("the body must be a JSON object"));
        const key = keyFromAuthorization(request.headers.authorization) ?? idString(body["writeKey"]);
        let messages: unknown[];
        let options: SegmentMappingOptions = { rules: env.services.rules, receivedAt };
        if (type === "batch") {
          if (!Array.isArray(body["batch"])) return sendSegmentAnswer(response, malformed("a batch needs a `batch` array"));
          messages = body["batch"];
          options = { ...options, sentAt: body["sentAt"], context: body["context"] };
        } else {
          messages = [body];
        }
        const outcome = await ingest(env, {
          source: "segment",
          key,
          events: messages,
          maxEvents: MAX_BATCH,
          candidateUserIds: (events) =>
            events
              .flatMap((m) => (isObject(m) && (type === "alias" || m["type"] === "alias") ? [idString(m["previousId"])] : []))
              .filter((id) => id !== undefined),
          map: (events, known) => segmentEvents(events, known, options, type === "batch" ? undefined : type),
        });
        sendSegmentAnswer(response, outcome);
      } catch (error) {
        next(error);
      }
    };
  };
  const bodyError = bodyErrorAnswer(sendSegmentAnswer);
  for (const type of SEGMENT_TYPES) router.post(`/v1/${type}`, rawBody("32kb"), handle(type), bodyError);
  router.post("/v1/batch", rawBody(SEGMENT_MAX_BATCH_BODY), handle("batch"), bodyError);
  return router;
}
