// The path every vendor protocol shares after parsing: shed load, authenticate the write key, look
// up known user ids, map, validate every event as GraphQL's resolveBatch does (nothing is written
// when one is refused), resolve, and say what happened as an outcome each protocol answers in its
// own shape. The status codes are the ones the SDKs' retry logic expects: 400/401/403 are dropped
// by the SDK, 429 and 503 (with Retry-After) are retried with the same messageIds.
import { type ApiKeys, type Principal, requireRole } from "../auth/api-keys.js";
import { ErrorCode, IdgraphError } from "../errors.js";
import { MAX_BATCH } from "../identity/identity-service.js";
import type { ObservationSource } from "../identity/resolution-store.js";
import type { Logger } from "../logger.js";
import type { ObservationInput, Resolution } from "../rules/model.js";
import { normaliseObservation } from "../rules/normalise.js";
import type { Services } from "../services.js";
import { knownUserIds } from "./known-users.js";
import type { MappedEvent } from "./mapping.js";

/** Seconds a client should wait before retrying when Neo4j is unavailable / the server is busy. */
export const RETRY_AFTER_UNAVAILABLE_S = 5;
export const RETRY_AFTER_BUSY_S = 1;

export interface RecordFailure {
  /** The event's index in the request (its batch or array). */
  index: number;
  message: string;
}

export type Refusal =
  | { status: 400; reason: "invalid"; message: string; failures: RecordFailure[] }
  | { status: 400 | 413; reason: "malformed" | "too_large"; message: string }
  | { status: 401; reason: "unauthenticated"; message: string }
  | { status: 403; reason: "forbidden"; message: string }
  | { status: 429; reason: "busy"; message: string; retryAfter: number }
  | { status: 503; reason: "unavailable"; message: string; retryAfter: number };

export type IngestOutcome = { ok: true; accepted: number; resolutions: Resolution[] } | ({ ok: false } & Refusal);

export const refuse = (refusal: Refusal): IngestOutcome => ({ ok: false, ...refusal });
export const malformed = (message: string): IngestOutcome => refuse({ status: 400, reason: "malformed", message });

/** At most `limit` ingestion requests are worked on at once; the rest are told to come back (429). */
export class InFlightLimit {
  private current = 0;
  constructor(readonly limit: number) {}
  tryAcquire(): boolean {
    if (this.current >= this.limit) return false;
    this.current++;
    return true;
  }
  release(): void {
    this.current = Math.max(0, this.current - 1);
  }
}

export interface IngestEnvironment {
  services: Services;
  apiKeys: ApiKeys;
  logger: Logger;
  inFlight: InFlightLimit;
}

export interface IngestRequest<E> {
  source: ObservationSource;
  /** The write key as the protocol carries it; undefined when the request has none. */
  key: string | undefined;
  events: readonly E[];
  /** Most events one request may carry. */
  maxEvents: number;
  /** Ids that may be user ids, looked up before mapping (only the protocols that need it). */
  candidateUserIds?: (events: readonly E[]) => Iterable<string>;
  map: (events: readonly E[], knownUsers: ReadonlySet<string>) => MappedEvent[];
}

/** The principal of a write key: an ingest or admin key; in open mode, anyone. */
export function writer(apiKeys: ApiKeys, key: string | undefined): Principal {
  // ApiKeys reads an Authorization header; the SDKs' write key is the same key in another place.
  const principal = apiKeys.authenticate(key === undefined || key.trim() === "" ? undefined : `Bearer ${key.trim()}`);
  requireRole(principal, "ingest");
  return principal;
}

export async function ingest<E>(env: IngestEnvironment, request: IngestRequest<E>): Promise<IngestOutcome> {
  if (!env.inFlight.tryAcquire()) {
    return refuse({ status: 429, reason: "busy", message: "too many requests in flight; retry later", retryAfter: RETRY_AFTER_BUSY_S });
  }
  try {
    return await ingestNow(env, request);
  } finally {
    env.inFlight.release();
  }
}

async function ingestNow<E>(env: IngestEnvironment, request: IngestRequest<E>): Promise<IngestOutcome> {
  let principal: Principal;
  try {
    principal = writer(env.apiKeys, request.key);
  } catch (error) {
    if (error instanceof IdgraphError && error.code === ErrorCode.FORBIDDEN) {
      return refuse({ status: 403, reason: "forbidden", message: "this key may not write: an ingest or admin key is the write key" });
    }
    if (error instanceof IdgraphError && error.code === ErrorCode.UNAUTHENTICATED) {
      return refuse({ status: 401, reason: "unauthenticated", message: request.key ? "unknown write key" : "missing write key" });
    }
    throw error;
  }
  if (request.events.length > request.maxEvents) {
    return refuse({
      status: 400,
      reason: "too_large",
      message: `a request holds at most ${request.maxEvents} events; got ${request.events.length}`,
    });
  }
  const { services } = env;
  try {
    const candidates = request.candidateUserIds ? [...request.candidateUserIds(request.events)] : [];
    const known =
      candidates.length > 0 ? await knownUserIds(services.executor, services.rules, principal.space, candidates) : new Set<string>();
    const mapped = request.map(request.events, known);

    // Validation first, the way resolveBatch does it, so that the answer names every refused event.
    const receivedAt = new Date();
    const failures: RecordFailure[] = [];
    const inputs: ObservationInput[] = [];
    for (const [index, event] of mapped.entries()) {
      if (event.kind === "skip") continue;
      if (event.kind === "invalid") {
        failures.push({ index, message: event.message });
        continue;
      }
      try {
        normaliseObservation(event.input, services.rules, receivedAt, `events[${index}]`);
        inputs.push(event.input);
      } catch (error) {
        if (!(error instanceof IdgraphError)) throw error;
        failures.push({ index, message: error.message });
      }
    }
    if (failures.length > 0) {
      const first = failures[0] as RecordFailure;
      const message =
        failures.length === 1 ? first.message : `${failures.length} events refused; the first: ${first.message}; nothing was written`;
      return refuse({ status: 400, reason: "invalid", message, failures });
    }

    const context = { space: principal.space, actor: "system", source: request.source };
    const resolutions: Resolution[] = [];
    // Up to MAX_BATCH one transaction; only Mixpanel's /import (2000 events) can need two, each whole.
    for (let start = 0; start < inputs.length; start += MAX_BATCH) {
      resolutions.push(...(await services.identity.resolveBatch(inputs.slice(start, start + MAX_BATCH), context, "events")));
    }
    return { ok: true, accepted: inputs.length, resolutions };
  } catch (error) {
    if (error instanceof IdgraphError && error.code === ErrorCode.SERVICE_UNAVAILABLE) {
      env.logger.warn({ source: request.source, events: request.events.length }, "ingestion refused: Neo4j is unavailable");
      return refuse({ status: 503, reason: "unavailable", message: error.message, retryAfter: RETRY_AFTER_UNAVAILABLE_S });
    }
    if (error instanceof IdgraphError && error.code === ErrorCode.BAD_USER_INPUT) {
      return refuse({ status: 400, reason: "invalid", message: error.message, failures: [] });
    }
    throw error;
  }
}
