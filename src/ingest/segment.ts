// Segment's HTTP Tracking API (what @segment/analytics-node and RudderStack's SDKs send):
// POST /v1/identify, /track, /page, /screen, /group, /alias and /v1/batch; and what the browser's
// analytics.js (@segment/analytics-next) sends: the short paths /v1/t, /i, /p, /s, /g, /a and /v1/b
// (text/plain JSON bodies, so a page needs no preflight for the body), its settings at
// GET /v1/projects/{writeKey}/settings (segment-settings.ts), and its own performance counters at
// /v1/m, taken and dropped. The write key is a write, ingest or admin key, as the Basic user name
// with an empty password or `writeKey` in the body.
// Limits as Segment publishes them: 32 KB a message, 500 KB a batch; and at most 1000 messages a
// batch, since a batch is one transaction, all or nothing, as resolveBatch is.
import express from "express";
import { MAX_BATCH } from "../identity/identity.service.js";
import { type IngestEnvironment, type IngestOutcome, ingest, malformed, noteRefusal, startupKey } from "./answer.js";
import { BodyError, bodyErrorAnswer, bodyText, keyFromAuthorization, parseJson, rawBody, requestOrigin, SDK_ENDPOINT } from "./body.js";
import { idString, isObject } from "./mapping.js";
import { segmentSettingsFor } from "./segment-settings.js";
import { SEGMENT_TYPES, type SegmentMappingOptions, type SegmentType, segmentCandidates, segmentEvents } from "./segment-events.js";

export const SEGMENT_MAX_BATCH_BODY = "500kb";

/** Answers as Segment's API does: 200 {"success": true}; refusals with a status the SDKs act on. */
export function sendSegmentAnswer(response: express.Response, outcome: IngestOutcome): void {
  noteRefusal(response, outcome);
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
        let options: SegmentMappingOptions = { rules: env.services.identity.rules, receivedAt };
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
          candidateUserIds: (events) => segmentCandidates(events, type === "batch" ? undefined : type),
          map: (events, known) => segmentEvents(events, known, options, type === "batch" ? undefined : type),
        });
        sendSegmentAnswer(response, outcome);
      } catch (error) {
        next(error);
      }
    };
  };
  const bodyError = bodyErrorAnswer(sendSegmentAnswer);
  for (const type of SEGMENT_TYPES) {
    // analytics.js posts each type to its first letter: track -> /v1/t, identify -> /v1/i, ...
    router.post([`/v1/${type}`, `/v1/${type.charAt(0)}`], rawBody("32kb"), handle(type), bodyError);
  }
  router.post(["/v1/batch", "/v1/b"], rawBody(SEGMENT_MAX_BATCH_BODY), handle("batch"), bodyError);
  // analytics.js's counters of its own behaviour (Segment's /m): nothing idgraph keeps, so answered and dropped unread.
  router.post("/v1/m", (_request, response) => {
    response.status(200).json({ success: true });
  });
  router.get("/v1/projects/:writeKey/settings", async (request, response, next) => {
    try {
      response.locals[SDK_ENDPOINT] = true;
      const writeKey = String(request.params["writeKey"] ?? "");
      const principal = await startupKey(env, writeKey);
      if ("ok" in principal) return sendSegmentAnswer(response, principal);
      response.setHeader("Cache-Control", "no-store");
      response.status(200).json(segmentSettingsFor(writeKey, requestOrigin(request)));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
