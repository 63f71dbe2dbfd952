// Request bodies as the SDKs send them: JSON, NDJSON or a form with `data=` (base64 JSON, or JSON),
// plain or compressed (Content-Encoding gzip/deflate/br, inflated by the body parser before the
// size limit is checked; PostHog's browser SDK also sends `?compression=gzip-js` without a header).
import { gunzipSync } from "node:zlib";
import express from "express";
import { type IngestOutcome, malformed, refuse } from "./answer.js";

/** The raw body of any content type, inflated, at most `limit` (e.g. "500kb") after inflating. */
/** The body parser of every SDK route; it also marks the answer as an SDK endpoint's (router.ts counts its refusals). */
export const rawBody = (limit: string): express.RequestHandler => {
  const parse = express.raw({ type: () => true, limit, inflate: true });
  return (request, response, next) => {
    response.locals[SDK_ENDPOINT] = true;
    parse(request, response, next);
  };
};

export const SDK_ENDPOINT = "idgraphSdkEndpoint";

export class BodyError extends Error {
  override readonly name = "BodyError";
}

/** gzip's magic bytes: no JSON, NDJSON or form body starts with them. */
const isGzip = (body: Buffer): boolean => body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;

/**
 * The body as text, gunzipped when the SDK compressed it without a Content-Encoding header: the
 * query says so (?compression=gzip-js), or the body is gzip data as it is (posthog-js drops the
 * query parameter for gzip-js and sends the gzip bytes as text/plain).
 */
export function bodyText(request: express.Request): string {
  let body: Buffer = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const compression = typeof request.query["compression"] === "string" ? request.query["compression"] : undefined;
  if (compression === "gzip-js" || compression === "gzip" || isGzip(body)) {
    try {
      body = gunzipSync(body);
    } catch {
      throw new BodyError("the body is not gzip data");
    }
  }
  return body.toString("utf8");
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError("malformed JSON");
  }
}

/** One JSON value per line; blank lines are skipped. */
export function parseNdjson(text: string): unknown[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new BodyError(`malformed JSON on line ${index + 1}`);
      }
    });
}

/** A `data` parameter: base64 of JSON (what the Mixpanel and PostHog SDKs send), or JSON itself. */
export function decodeData(data: string): unknown {
  const trimmed = data.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return parseJson(trimmed);
  // A form body's unescaped "+" arrives as a space (mixpanel-node does not URL-encode its base64).
  const decoded = Buffer.from(trimmed.replace(/[ -]/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
  return parseJson(decoded);
}

export const isForm = (request: express.Request): boolean =>
  request.is("application/x-www-form-urlencoded") === "application/x-www-form-urlencoded";

/** The fields of a form body. */
export const formFields = (text: string): URLSearchParams => new URLSearchParams(text);

/** The user name of a Basic Authorization header (the write key, with an empty or ignored password), or a Bearer token. */
export function keyFromAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const user = colon === -1 ? decoded : decoded.slice(0, colon);
    return user === "" ? undefined : user;
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return bearer?.[1];
}

export const queryString = (request: express.Request, name: string): string | undefined => {
  const value = request.query[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * An error middleware for a route: a body the parser refused (too large after inflating, an unknown
 * Content-Encoding, broken gzip) is answered in the protocol's own shape; other errors go on.
 */
export function bodyErrorAnswer(send: (response: express.Response, outcome: IngestOutcome) => void): express.ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== "number" || status < 400 || status >= 500 || response.headersSent) {
      next(error);
      return;
    }
    if (status === 413) send(response, refuse({ status: 413, reason: "too_large", message: "request body too large" }));
    else if (status === 415) send(response, malformed("unsupported Content-Encoding"));
    else send(response, malformed("malformed request body (bad Content-Encoding or a broken stream)"));
  };
}

/**
 * The scheme and host a client reached this server by, for settings that point an SDK back at it:
 * the Host header, and X-Forwarded-Proto when a proxy in front terminates TLS. Both come from the
 * request, so the answer is the asker's own and must not be cached for others (no-store).
 */
export function requestOrigin(request: express.Request): { protocol: "http" | "https"; host: string } {
  const forwarded = String(request.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    ?.trim()
    .toLowerCase();
  const protocol = forwarded === "https" || forwarded === "http" ? forwarded : request.protocol === "https" ? "https" : "http";
  return { protocol, host: request.headers.host ?? "localhost" };
}
