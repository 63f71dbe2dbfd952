// PostHog's capture API: POST /batch/, /capture/, /e/ and /i/v0/e/ (what posthog-node and posthog-js
// send; gzip by Content-Encoding or ?compression=gzip-js, base64 `data=` forms by
// ?compression=base64), and posthog-js's start-up calls (posthog-config.ts). The key is the project api_key (an
// ingest key here). $identify joins $anon_distinct_id to the user; $create_alias and
// $merge_dangerously say two ids are one person; other events are by distinct_id: a known user id
// is that user, anything else a device ($device_id when the event names one). uuid is the messageId.
import express from "express";
import { MAX_BATCH } from "../identity/identity.service.js";
import { type IngestEnvironment, type IngestOutcome, ingest, malformed, noteRefusal } from "./answer.js";
import { BodyError, bodyErrorAnswer, bodyText, decodeData, formFields, isForm, parseJson, queryString, rawBody } from "./body.js";
import { idString, isObject, propertiesOf } from "./mapping.js";
import { posthogFlags, posthogRemoteConfig, posthogRemoteConfigScript } from "./posthog-config.js";
import { posthogCandidates, posthogEvents } from "./posthog-events.js";

/** PostHog's answers: 200 {"status": 1}; refusals as {type, code, detail}. */
function sendPosthogAnswer(response: express.Response, outcome: IngestOutcome): void {
  noteRefusal(response, outcome);
  if (outcome.ok) {
    response.status(200).json({ status: 1 });
    return;
  }
  if ("retryAfter" in outcome) response.setHeader("Retry-After", String(outcome.retryAfter));
  const type =
    outcome.status === 401 || outcome.status === 403 ? "authentication_error" : outcome.status >= 500 ? "server_error" : "validation_error";
  response.status(outcome.status).json({
    type,
    code: outcome.reason,
    detail: outcome.message,
    ...("failures" in outcome && outcome.failures.length > 0 ? { errors: outcome.failures } : {}),
  });
}

/** The events of a capture body: {batch: [...]}, one event, or an array of events. */
function eventsOf(payload: unknown): unknown[] | undefined {
  if (Array.isArray(payload)) return payload;
  if (!isObject(payload)) return undefined;
  if (Array.isArray(payload["batch"])) return payload["batch"];
  return [payload];
}

function keyOf(request: express.Request, payload: unknown, events: readonly unknown[]): string | undefined {
  const first = events[0];
  return (
    (isObject(payload) ? (idString(payload["api_key"]) ?? idString(payload["token"])) : undefined) ??
    (isObject(first) ? (idString(first["api_key"]) ?? idString(first["token"]) ?? idString(propertiesOf(first)["token"])) : undefined) ??
    queryString(request, "api_key") ??
    queryString(request, "token")
  );
}

export function posthogRouter(env: IngestEnvironment): express.Router {
  const router = express.Router();
  const capture: express.RequestHandler = async (request, response, next) => {
    try {
      let payload: unknown;
      try {
        const text = bodyText(request);
        const data = isForm(request) ? formFields(text).get("data") : undefined;
        payload = data !== undefined && data !== null ? decodeData(data) : parseJson(text);
      } catch (error) {
        if (error instanceof BodyError) return sendPosthogAnswer(response, malformed(error.message));
        throw error;
      }
      const events = eventsOf(payload);
      if (!events) return sendPosthogAnswer(response, malformed("the body must be an event, an array of events or {batch: [...]}"));
      const outcome = await ingest(env, {
        source: "posthog",
        key: keyOf(request, payload, events),
        events,
        maxEvents: MAX_BATCH,
        candidateUserIds: posthogCandidates,
        map: (list, known) => posthogEvents(list, known, env.services.identity.rules),
      });
      sendPosthogAnswer(response, outcome);
    } catch (error) {
      next(error);
    }
  };
  for (const path of ["/batch", "/capture", "/e", "/i/v0/e"])
    router.post(path, rawBody("20mb"), capture, bodyErrorAnswer(sendPosthogAnswer));
  // Start-up calls: static answers, nothing read or written, so no key is checked.
  router.post(["/flags", "/decide"], (_request, response) => {
    response.status(200).json(posthogFlags());
  });
  router.get("/array/:token/config", (request, response) => {
    response.status(200).json(posthogRemoteConfig(String(request.params["token"])));
  });
  router.get("/array/:token/config.js", (request, response) => {
    response
      .status(200)
      .type("application/javascript")
      .send(posthogRemoteConfigScript(String(request.params["token"])));
  });
  return router;
}
