// CORS for frontends on other origins: pages whose origin is on IDGRAPH_CORS_ORIGINS may call
// /graphql and the ingestion endpoints (browser SDKs post from the page). Any other origin gets no
// Access-Control-* header, so the browser keeps the answer from the page, and its preflight falls
// through to the route, where Apollo's CSRF prevention refuses it as before.
import cors from "cors";
import type express from "express";

/**
 * The paths a browser on an allowed origin may call, each with everything under it: the GraphQL
 * API, the ingestion endpoints (Segment /v1/*, Mixpanel /track and /import, PostHog /batch,
 * /capture, /e and /i/v0/e) and the browser SDKs' start-up calls (Segment's settings under /v1,
 * PostHog's /flags, /decide and /array/{token}/config, RudderStack's /sourceConfig).
 */
export const CORS_PATHS: readonly string[] = [
  "/graphql",
  "/v1",
  "/import",
  "/track",
  "/batch",
  "/capture",
  "/e",
  "/i/v0/e",
  "/flags",
  "/decide",
  "/array",
  "/sourceConfig",
  // Mixpanel's people endpoint: mixpanel-browser posts there on identify.
  "/engage",
];

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

const underCorsPath = (path: string): boolean => CORS_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * Middleware for the whole app: answers CORS (preflights included) for the allowed origins on
 * CORS_PATHS, and leaves every other request as it is. Keys travel in the Authorization header or
 * the body, never in cookies, and idgraph sets none; still, /graphql offers no credentials mode.
 * The SDK endpoints do, because mixpanel-browser sends every request withCredentials, which a
 * browser lets through only with Access-Control-Allow-Credentials: true (no cookie of idgraph's
 * exists for it to carry).
 */
export function corsForAllowedOrigins(origins: readonly string[]): express.RequestHandler {
  const allowed = new Set(origins);
  const options = {
    // Called only for an allowed origin, which it echoes.
    origin: true,
    methods: ["GET", "POST", "OPTIONS"],
    // No allowedHeaders: the headers a preflight asks for (Authorization, Content-Type, Apollo
    // Client's and the SDKs' own) are allowed, since the origin is one the operator trusts.
    maxAge: PREFLIGHT_MAX_AGE,
    optionsSuccessStatus: 204,
  };
  const forGraphql = cors(options);
  const forSdks = cors({ ...options, credentials: true });
  return (request, response, next) => {
    if (allowed.size === 0 || !underCorsPath(request.path)) {
      next();
      return;
    }
    // Caches must not hand one origin's answer to another.
    response.vary("Origin");
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) {
      next();
      return;
    }
    (request.path === "/graphql" || request.path.startsWith("/graphql/") ? forGraphql : forSdks)(request, response, next);
  };
}

/**
 * Middleware for public, read-only content (the Neo4j Browser guide and stylesheet): any origin
 * may read it, with the no-cache headers Neo4j Browser sends (which make it a preflighted request).
 */
export function corsForPublicContent(): express.RequestHandler {
  return cors({ origin: "*", methods: ["GET", "HEAD"], maxAge: PREFLIGHT_MAX_AGE });
}
