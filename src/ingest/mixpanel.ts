// Mixpanel's ingestion API: POST /import (a JSON array, NDJSON, or the legacy `data=` form the
// mixpanel package sends; the key as the Basic user name, or `api_key` in the query as the
// package sends it over plain HTTP; at most 2000 events) and /track (`data=` base64 JSON by GET or
// form POST; the key as each event's properties.token; answers 1/0, or JSON with verbose=1).
// Simplified ID Merge ($device_id, $user_id) and Original ID Merge ($identify, $create_alias,
// $merge) both map onto the normal rules; $insert_id is the messageId. /engage takes profile
// updates as /track takes events (`data=` by GET or form POST, one update or an array, the key as
// each update's $token): $set, $set_once and $unset are the profile's traits (rule 11); $add,
// $append, $union and $remove are answered 1 and not kept (a warning in the log, and in the
// verbose answer); $delete is refused.
import express from "express";
import { type IngestEnvironment, type IngestOutcome, ingest, malformed, noteRefusal } from "./answer.js";
import {
  BodyError,
  bodyErrorAnswer,
  bodyText,
  decodeData,
  formFields,
  isForm,
  keyFromAuthorization,
  parseJson,
  parseNdjson,
  queryString,
  rawBody,
} from "./body.js";
import { idString, isObject, type MappedEvent, propertiesOf } from "./mapping.js";
import {
  engageOperationsNotKept,
  MIXPANEL_MAX_ENGAGE,
  MIXPANEL_MAX_IMPORT,
  MIXPANEL_MAX_TRACK,
  mixpanelCandidates,
  mixpanelEngageCandidates,
  mixpanelEngageEvents,
  mixpanelEvents,
} from "./mixpanel-events.js";

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  413: "Request Entity Too Large",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

/** /track's (and /engage's) answer: `1` or `0`, or with verbose=1 {"status": 1|0, "error": ...} (and a warning of what was not kept). */
function sendTrackAnswer(response: express.Response, outcome: IngestOutcome, verbose: boolean, warning?: string): void {
  noteRefusal(response, outcome);
  if (!outcome.ok && "retryAfter" in outcome) response.setHeader("Retry-After", String(outcome.retryAfter));
  response.status(outcome.ok ? 200 : outcome.status);
  if (verbose)
    response.json(outcome.ok ? { status: 1, error: null, ...(warning ? { warning } : {}) } : { status: 0, error: outcome.message });
  else response.type("text/plain").send(outcome.ok ? "1" : "0");
}

/** What /track and /engage differ in: where each item carries the key, the mapping, and a request's most items. */
interface DataEndpoint {
  tokenOf(item: unknown): string | undefined;
  maxItems: number;
  candidates(items: readonly unknown[]): string[];
  map(items: readonly unknown[], known: ReadonlySet<string>): MappedEvent[];
  /** Said in the log and the verbose answer: what of the items idgraph did not keep. */
  notKept?(items: readonly unknown[]): string | undefined;
}

/** /import's JSON answer, with failed_records when the batch is refused (then nothing is imported). */
function sendImportAnswer(response: express.Response, outcome: IngestOutcome, events: readonly unknown[] = []): void {
  noteRefusal(response, outcome);
  if (outcome.ok) {
    response.status(200).json({ code: 200, num_records_imported: events.length, status: "OK" });
    return;
  }
  if ("retryAfter" in outcome) response.setHeader("Retry-After", String(outcome.retryAfter));
  const failed =
    "failures" in outcome
      ? outcome.failures.map(({ index, message }) => {
          const insertId = idString(propertiesOf(events[index])["$insert_id"]);
          return { index, ...(insertId !== undefined ? { $insert_id: insertId } : {}), message };
        })
      : undefined;
  response.status(outcome.status).json({
    code: outcome.status,
    error: outcome.message,
    ...(failed ? { failed_records: failed, num_records_imported: 0 } : {}),
    status: STATUS_TEXT[outcome.status] ?? "Error",
  });
}

const flag = (value: string | null | undefined): boolean => value === "1" || value === "true";

export function mixpanelRouter(env: IngestEnvironment): express.Router {
  const router = express.Router();

  /** /track and /engage: `data=` (base64 JSON) in the query or a form body, or a JSON body; one item or an array. */
  const dataEndpoint =
    (endpoint: DataEndpoint): express.RequestHandler =>
    async (request, response, next) => {
      let verbose = flag(queryString(request, "verbose"));
      try {
        const text = bodyText(request);
        const form = isForm(request) ? formFields(text) : undefined;
        verbose ||= flag(form?.get("verbose"));
        const data = queryString(request, "data") ?? form?.get("data") ?? undefined;
        let payload: unknown;
        try {
          payload = data !== undefined ? decodeData(data) : text.trim() !== "" ? parseJson(text) : undefined;
        } catch (error) {
          if (error instanceof BodyError) return sendTrackAnswer(response, malformed(error.message), verbose);
          throw error;
        }
        if (payload === undefined) return sendTrackAnswer(response, malformed("no data"), verbose);
        const items = Array.isArray(payload) ? payload : [payload];
        const tokens = new Set(items.map(endpoint.tokenOf));
        if (tokens.size > 1) return sendTrackAnswer(response, malformed("every item of a request must carry the same token"), verbose);
        const key = [...tokens][0] ?? keyFromAuthorization(request.headers.authorization);
        const outcome = await ingest(env, {
          source: "mixpanel",
          key,
          events: items,
          maxEvents: endpoint.maxItems,
          candidateUserIds: endpoint.candidates,
          map: endpoint.map,
        });
        const warning = outcome.ok ? endpoint.notKept?.(items) : undefined;
        if (warning) env.logger.warn({ source: "mixpanel", updates: items.length }, warning);
        sendTrackAnswer(response, outcome, verbose, warning);
      } catch (error) {
        next(error);
      }
    };
  const rules = env.services.identity.rules;
  const track = dataEndpoint({
    tokenOf: (event) => idString(propertiesOf(event)["token"]),
    maxItems: MIXPANEL_MAX_TRACK,
    candidates: mixpanelCandidates,
    map: (events, known) => mixpanelEvents(events, known, rules),
  });
  const engage = dataEndpoint({
    tokenOf: (update) => (isObject(update) ? idString(update["$token"]) : undefined),
    maxItems: MIXPANEL_MAX_ENGAGE,
    candidates: mixpanelEngageCandidates,
    map: (updates, known) => mixpanelEngageEvents(updates, known, rules),
    notKept: (updates) => {
      const operations = engageOperationsNotKept(updates);
      return operations.length > 0 ? `engage: ${operations.join(", ")} not kept (idgraph keeps $set, $set_once and $unset)` : undefined;
    },
  });

  const importEvents: express.RequestHandler = async (request, response, next) => {
    try {
      const text = bodyText(request);
      const key = keyFromAuthorization(request.headers.authorization) ?? queryString(request, "api_key");
      const form = isForm(request) ? formFields(text) : undefined;
      const data = queryString(request, "data") ?? form?.get("data") ?? undefined;
      // The legacy form (what the mixpanel package sends) is answered as /track is, which that package reads.
      const legacy = data !== undefined;
      const verbose = flag(queryString(request, "verbose")) || flag(form?.get("verbose"));
      const send = (outcome: IngestOutcome, events?: readonly unknown[]): void =>
        legacy ? sendTrackAnswer(response, outcome, verbose) : sendImportAnswer(response, outcome, events);
      let payload: unknown;
      try {
        if (legacy) payload = decodeData(data);
        else {
          const trimmed = text.trim();
          if (trimmed === "") return send(malformed("no events"));
          // A JSON array, one JSON object, or NDJSON (one event a line).
          payload = trimmed.startsWith("[") ? parseJson(trimmed) : parseNdjson(trimmed);
        }
      } catch (error) {
        if (error instanceof BodyError) return send(malformed(error.message));
        throw error;
      }
      const events = Array.isArray(payload) ? payload : [payload];
      const outcome = await ingest(env, {
        source: "mixpanel",
        key,
        events,
        maxEvents: MIXPANEL_MAX_IMPORT,
        candidateUserIds: mixpanelCandidates,
        map: (list, known) => mixpanelEvents(list, known, rules),
      });
      send(outcome, events);
    } catch (error) {
      next(error);
    }
  };

  router.get(
    "/track",
    rawBody("1mb"),
    track,
    bodyErrorAnswer((response, outcome) => sendTrackAnswer(response, outcome, false)),
  );
  router.post(
    "/track",
    rawBody("1mb"),
    track,
    bodyErrorAnswer((response, outcome) => sendTrackAnswer(response, outcome, false)),
  );
  for (const method of ["get", "post"] as const) {
    router[method](
      "/engage",
      rawBody("1mb"),
      engage,
      bodyErrorAnswer((response, outcome) => sendTrackAnswer(response, outcome, false)),
    );
  }
  router.post("/import", rawBody("10mb"), importEvents, bodyErrorAnswer(sendImportAnswer));
  return router;
}
