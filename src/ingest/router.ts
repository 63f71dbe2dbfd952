// The SDK ingestion endpoints on the server's port: Segment's (and RudderStack's) /v1/*,
// Mixpanel's /track and /import, PostHog's /batch/, /capture/, /e/ and /i/v0/e/, and the browser
// SDKs' start-up calls (Segment's settings, PostHog's config and flags, RudderStack's sourceConfig). Each route parses its
// own body (so /graphql's body parsing is untouched) and answers in its vendor's shape.
import express from "express";
import type { ApiKeys } from "../auth/api-keys.js";
import { KeyLimits } from "../auth/key-limits.js";
import type { Logger } from "../logger.js";
import { InFlightLimit, type IngestServices, REFUSAL_REASON } from "./answer.js";
import { SDK_ENDPOINT } from "./body.js";
import { mixpanelRouter } from "./mixpanel.js";
import { posthogRouter } from "./posthog.js";
import { rudderstackRouter } from "./rudderstack.js";
import { segmentRouter } from "./segment.js";

/** Ingestion requests worked on at once before the rest get 429 + Retry-After (the pool holds 100 Neo4j connections). */
export const DEFAULT_INGEST_MAX_IN_FLIGHT = 64;

export interface IngestRouterOptions {
  services: IngestServices;
  apiKeys: ApiKeys;
  logger: Logger;
  maxInFlight?: number;
  /** The per-key limits (shared with GraphQL); limits of their own when absent. */
  keyLimits?: KeyLimits;
  /** Told every HTTP error status an SDK endpoint answers, with the refusal's reason (the metrics' errors series). */
  observer?: { refused(status: number, reason?: string): void };
}

export function createIngestRouter(options: IngestRouterOptions): express.Router {
  const env = {
    services: options.services,
    apiKeys: options.apiKeys,
    logger: options.logger,
    inFlight: new InFlightLimit(options.maxInFlight ?? DEFAULT_INGEST_MAX_IN_FLIGHT),
    keyLimits: options.keyLimits ?? new KeyLimits(),
  };
  const router = express.Router();
  const observer = options.observer;
  if (observer) {
    router.use((_request, response, next) => {
      response.on("finish", () => {
        if (response.locals[SDK_ENDPOINT] === true && response.statusCode >= 400) {
          const reason = response.locals[REFUSAL_REASON];
          observer.refused(response.statusCode, typeof reason === "string" ? reason : undefined);
        }
      });
      next();
    });
  }
  router.use(segmentRouter(env), mixpanelRouter(env), posthogRouter(env), rudderstackRouter(env));
  return router;
}
