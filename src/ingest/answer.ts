// The path every vendor protocol shares after parsing: shed load, authenticate the write key, look
// up known user ids, map, validate every event as GraphQL's resolveBatch does (nothing is written
// when one is refused), resolve, and say what happened as an outcome each protocol answers in its
// own shape. The status codes are the ones the SDKs' retry logic expects: 400/401/403 are dropped
// by the SDK, 429 and 503 (with Retry-After) are retried with the same messageIds.
import { type ApiKeys, type Principal, requireRole } from "../auth/api-keys.js";
import type { KeyLimits } from "../auth/key-limits.js";
import { ErrorCode, IdgraphError } from "../errors.js";
import { type IdentityService, MAX_BATCH } from "../identity/identity.service.js";
import type { ObservationSource } from "../identity/resolution.store.js";
import type { Logger } from "../logger.js";
import type { Observation, ObservationInput, Resolution } from "../rules/model.js";
import { normaliseObservation } from "../rules/normalise.js";
import type { KnownUserReader } from "./known-users.reader.js";
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
  | { status: 429; reason: "busy" | "rate_limited"; message: string; retryAfter: number }
  | { status: 503; reason: "unavailable"; message: string; retryAfter: number };

export type IngestOutcome = { ok: true; accepted: number; resolutions: Resolution[] } | ({ ok: false } & Refusal);

export const refuse = (refusal: Refusal): IngestOutcome => ({ ok: false, ...refusal });

/** Where an SDK endpoint leaves its refusal's reason for the metrics (router.ts): a 429 is busy or rate_limited. */
export const REFUSAL_REASON = "idgraphRefusalReason";
export const noteRefusal = (response: { locals: Record<string, unknown> }, outcome: IngestOutcome): void => {
  if (!outcome.ok) response.locals[REFUSAL_REASON] = outcome.reason;
};
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

/** The services the SDK endpoints use. */
export interface IngestServices {
  identity: IdentityService;
  knownUsers: KnownUserReader;
}

export interface IngestEnvironment {
  services: IngestServices;
  apiKeys: ApiKeys;
  logger: Logger;
  inFlight: InFlightLimit;
  keyLimits: KeyLimits;
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

/** The principal of a write key: a write, ingest or admin key; in open mode, anyone. */
export function writer(apiKeys: ApiKeys, key: string | undefined): Principal {
  // ApiKeys reads an Authorization header; the SDKs' write key is the same key in another place.
  const principal = apiKeys.authenticate(key === undefined || key.trim() === "" ? undefined : `Bearer ${key.trim()}`);
  requireRole(principal, "write");
  return principal;
}

/** The principal of an SDK request's key, or the refusal to answer (401 unknown or missing, 403 a read key). */
export function authenticateWriter(apiKeys: ApiKeys, key: string | undefined): Principal | IngestOutcome {
  try {
    return writer(apiKeys, key);
  } catch (error) {
    if (error instanceof IdgraphError && error.code === ErrorCode.FORBIDDEN) {
      return refuse({ status: 403, reason: "forbidden", message: "this key may not write: a write, ingest or admin key is the write key" });
    }
    if (error instanceof IdgraphError && error.code === ErrorCode.UNAUTHENTICATED) {
      return refuse({ status: 401, reason: "unauthenticated", message: key ? "unknown write key" : "missing write key" });
    }
    throw error;
  }
}

/**
 * Runs `work` for an authenticated key within its per-key limits (requests a second, at once) and
 * the server's SDK in-flight limit; a refusal is a 429 with Retry-After.
 */
export async function admitted(
  env: Pick<IngestEnvironment, "inFlight" | "keyLimits">,
  principal: Principal,
  work: () => Promise<IngestOutcome>,
): Promise<IngestOutcome> {
  const admission = await env.keyLimits.admitRequest(principal);
  if (!admission.ok) {
    return refuse({ status: 429, reason: "rate_limited", message: admission.message, retryAfter: admission.retryAfter });
  }
  try {
    if (!env.inFlight.tryAcquire()) {
      return refuse({ status: 429, reason: "busy", message: "too many requests in flight; retry later", retryAfter: RETRY_AFTER_BUSY_S });
    }
    try {
      return await work();
    } finally {
      env.inFlight.release();
    }
  } finally {
    admission.release();
  }
}

export async function ingest<E>(env: IngestEnvironment, request: IngestRequest<E>): Promise<IngestOutcome> {
  const principal = authenticateWriter(env.apiKeys, request.key);
  if ("ok" in principal) return principal;
  return admitted(env, principal, () => ingestNow(env, request, principal));
}

async function ingestNow<E>(env: IngestEnvironment, request: IngestRequest<E>, principal: Principal): Promise<IngestOutcome> {
  if (request.events.length > request.maxEvents) {
    return refuse({
      status: 400,
      reason: "too_large",
      message: `a request holds at most ${request.maxEvents} events; got ${request.events.length}`,
    });
  }
  const { identity, knownUsers } = env.services;
  try {
    const candidates = request.candidateUserIds ? [...request.candidateUserIds(request.events)] : [];
    const known = candidates.length > 0 ? await knownUsers.read(principal.space, candidates) : new Set<string>();
    const mapped = request.map(request.events, known);

    // Rule 1 first, the way resolveBatch applies it, so that the answer names every refused event.
    const receivedAt = new Date();
    const failures: RecordFailure[] = [];
    const inputs: ObservationInput[] = [];
    const observations: Observation[] = [];
    for (const [index, event] of mapped.entries()) {
      if (event.kind === "skip") continue;
      if (event.kind === "invalid") {
        failures.push({ index, message: event.message });
        continue;
      }
      try {
        observations.push(normaliseObservation(event.input, identity.rules, receivedAt, `events[${index}]`));
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
    // Nothing to resolve (a Segment group, a Mixpanel profile update idgraph does not keep): no transaction.
    if (inputs.length === 0) return { ok: true, accepted: 0, resolutions: [] };
    await env.keyLimits.admitObservations(principal, inputs);

    const context = { space: principal.space, actor: "system", source: request.source };
    if (candidates.length > 0 && inputs.length <= MAX_BATCH) {
      // The ids' roles again, read under lock in the write transaction: what a concurrent request
      // committed meanwhile (a login making an id a user id) decides, not the read above.
      let release: ((tx: Parameters<KnownUserReader["readLocked"]>[0]) => Promise<void>) | undefined;
      const resolutions = await identity.resolvePrepared(
        context,
        async (tx) => {
          const locked = await knownUsers.readLocked(tx, principal.space, candidates);
          release = locked.release;
          return request.map(request.events, locked.known).flatMap((event) => {
            if (event.kind === "observation") return [event.input];
            if (event.kind === "skip") return [];
            throw new IdgraphError(ErrorCode.BAD_USER_INPUT, event.message);
          });
        },
        async (tx) => release?.(tx),
        "events",
      );
      return { ok: true, accepted: resolutions.length, resolutions };
    }
    const resolutions: Resolution[] = [];
    // Up to MAX_BATCH one transaction; only Mixpanel's /import (2000 events) can need two, each whole
    // (their ids' roles as read before the write). The observations are already checked (rule 1, above).
    for (let start = 0; start < observations.length; start += MAX_BATCH) {
      resolutions.push(...(await identity.resolveObservations(observations.slice(start, start + MAX_BATCH), context)));
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
    if (error instanceof IdgraphError && error.code === ErrorCode.FORBIDDEN) {
      return refuse({ status: 403, reason: "forbidden", message: error.message });
    }
    if (error instanceof IdgraphError && error.code === ErrorCode.RATE_LIMITED) {
      const retryAfter = Number(error.details?.["retryAfter"] ?? RETRY_AFTER_BUSY_S);
      return refuse({ status: 429, reason: "rate_limited", message: error.message, retryAfter });
    }
    throw error;
  }
}

/**
 * An SDK's start-up call (its settings, its source config): the key must be one that may write,
 * within its requests a second; the principal, or the refusal to answer.
 */
export async function startupKey(
  env: Pick<IngestEnvironment, "apiKeys" | "keyLimits">,
  key: string | undefined,
): Promise<Principal | IngestOutcome> {
  const principal = authenticateWriter(env.apiKeys, key);
  if ("ok" in principal) return principal;
  const admission = await env.keyLimits.admitRequest(principal);
  if (!admission.ok) return refuse({ status: 429, reason: "rate_limited", message: admission.message, retryAfter: admission.retryAfter });
  admission.release();
  return principal;
}
