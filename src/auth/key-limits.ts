// Per-key limits, so that one key (a copied page key, a runaway job) cannot take the whole server:
// requests a second, observations a second, requests at once, open subscriptions, each per key name
// (rate-limiter-flexible's in-memory limiters: per server process). A key may also be limited to the
// identifier types it may send, so a copied page key cannot attach someone's email to a device it
// controls. Refusals say when to come back (Retry-After, in whole seconds, as the SDKs read it).
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { ErrorCode, IdgraphError } from "../errors.js";
import type { Principal } from "./api-keys.js";

/** Observations are counted over this window, so a batch larger than one second's worth still fits. */
export const OBSERVATION_WINDOW_S = 10;

export type KeyLimitName = "requests" | "observations" | "in_flight" | "subscriptions";

/** What the metrics hear about each key, by its name. */
export interface KeyLimitObserver {
  admitted(key: string): void;
  throttled(key: string, limit: KeyLimitName): void;
  refusedObservations(key: string, reason: "identifier_type", count: number): void;
  subscriptionsOpen(key: string, open: number): void;
}

export type Admission = { ok: true; release(): void } | { ok: false; limit: KeyLimitName; retryAfter: number; message: string };

/** The error of a refused admission: RATE_LIMITED, with when to retry. */
export const rateLimited = (refusal: { limit: KeyLimitName; retryAfter: number; message: string }): IdgraphError =>
  new IdgraphError(ErrorCode.RATE_LIMITED, refusal.message, { limit: refusal.limit, retryAfter: refusal.retryAfter });

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** What of an observation its identifier types are read from: GraphQL's ResolveInput and the SDKs' mapped inputs alike. */
export interface TypedObservation {
  userId?: string | null | undefined;
  identifiers?: readonly { type: string }[] | null | undefined;
}

/** The identifier types an observation carries (its userId as user_id); its device is no type. */
export function identifierTypesOf(input: TypedObservation): string[] {
  const types = input.userId !== undefined && input.userId !== null ? ["user_id"] : [];
  for (const identifier of input.identifiers ?? []) types.push(identifier.type);
  return types;
}

export class KeyLimits {
  private readonly requestLimiters = new Map<string, RateLimiterMemory>();
  private readonly observationLimiters = new Map<string, RateLimiterMemory>();
  private readonly inFlight = new Map<string, number>();
  private readonly subscriptions = new Map<string, number>();

  constructor(private readonly observer?: KeyLimitObserver) {}

  private limiter(cache: Map<string, RateLimiterMemory>, key: string, points: number, duration: number): RateLimiterMemory {
    let limiter = cache.get(key);
    if (!limiter) {
      limiter = new RateLimiterMemory({ points, duration });
      cache.set(key, limiter);
    }
    return limiter;
  }

  private refuse(principal: Principal, limit: KeyLimitName, retryAfter: number, message: string): Admission {
    this.observer?.throttled(principal.name, limit);
    return { ok: false, limit, retryAfter, message: `key '${principal.name}': ${message}; retry after ${retryAfter} s` };
  }

  /** One request of a key: within its requests a second and its requests at once; release() when answered. */
  async admitRequest(principal: Principal): Promise<Admission> {
    const { name, limits } = principal;
    const busy = this.inFlight.get(name) ?? 0;
    if (busy >= limits.inFlight) return this.refuse(principal, "in_flight", 1, `more than ${limits.inFlight} requests at once`);
    try {
      await this.limiter(this.requestLimiters, name, limits.requests, 1).consume(name, 1);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return this.refuse(principal, "requests", seconds(error.msBeforeNext), `more than ${limits.requests} requests a second`);
    }
    this.inFlight.set(name, (this.inFlight.get(name) ?? 0) + 1);
    this.observer?.admitted(name);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const now = (this.inFlight.get(name) ?? 1) - 1;
        if (now <= 0) this.inFlight.delete(name);
        else this.inFlight.set(name, now);
      },
    };
  }

  /**
   * The observations of one request, before anything is written: FORBIDDEN when one carries an
   * identifier type the key may not send (counted, nothing written), RATE_LIMITED beyond the key's
   * observations a second, BAD_USER_INPUT when the request alone holds more than the key's window.
   */
  async admitObservations(principal: Principal, inputs: readonly TypedObservation[]): Promise<void> {
    const allowed = principal.identifierTypes;
    if (allowed) {
      const refused = inputs.flatMap((input, index) => {
        const outside = identifierTypesOf(input).filter((type) => !allowed.has(type));
        return outside.length > 0 ? [{ index, outside }] : [];
      });
      const first = refused[0];
      if (first) {
        this.observer?.refusedObservations(principal.name, "identifier_type", refused.length);
        const where = inputs.length > 1 ? `observation ${first.index}: ` : "";
        throw new IdgraphError(
          ErrorCode.FORBIDDEN,
          `${where}key '${principal.name}' may not send ${[...new Set(first.outside)].join(", ")} (it may send ${[...allowed].join(", ") || "devices only"}); nothing was written`,
          { refusedObservations: refused.length },
        );
      }
    }
    const window = principal.limits.observations * OBSERVATION_WINDOW_S;
    if (inputs.length > window) {
      throw new IdgraphError(
        ErrorCode.BAD_USER_INPUT,
        `key '${principal.name}' may send at most ${window} observations in ${OBSERVATION_WINDOW_S} s; this request holds ${inputs.length}`,
      );
    }
    if (inputs.length === 0) return;
    try {
      await this.limiter(this.observationLimiters, principal.name, window, OBSERVATION_WINDOW_S).consume(principal.name, inputs.length);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const refusal = this.refuse(
        principal,
        "observations",
        seconds(error.msBeforeNext),
        `more than ${principal.limits.observations} observations a second`,
      );
      if (!refusal.ok) throw rateLimited(refusal);
    }
  }

  /** A subscription of a key, within its cap of open ones; release() when it ends. */
  openSubscription(principal: Principal): Admission {
    const { name, limits } = principal;
    const open = this.subscriptions.get(name) ?? 0;
    if (open >= limits.subscriptions) {
      return this.refuse(principal, "subscriptions", 1, `more than ${limits.subscriptions} subscriptions open at once`);
    }
    this.subscriptions.set(name, open + 1);
    this.observer?.subscriptionsOpen(name, open + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const now = Math.max(0, (this.subscriptions.get(name) ?? 1) - 1);
        this.subscriptions.set(name, now);
        this.observer?.subscriptionsOpen(name, now);
      },
    };
  }
}
