// Frontends on other origins: a page whose origin is on IDGRAPH_CORS_ORIGINS calls /graphql and the
// ingestion endpoints with fetch and reads the answers; a page on any other origin is blocked by the
// browser, and its preflight is refused as before (Apollo's CSRF prevention). Pages are served on
// other local ports and run in Debian's headless Chromium; no host but 127.0.0.1 is reached.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "./api.js";
import { chromiumAvailable, type HeadlessChromium, launchChromium } from "./browser.js";
import { TestServer, uniqueId } from "./harness.js";

if (!chromiumAvailable()) process.stderr.write("cors.test.ts: the browser tests are skipped: /usr/bin/chromium is missing\n");

/** A frontend: an empty page on a port of its own. */
async function startFrontend(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end("<!DOCTYPE html><html><head><title>frontend</title></head><body>frontend</body></html>");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((done) => server.close(() => done())) };
}

const space = uniqueId("cors");
let allowed: Awaited<ReturnType<typeof startFrontend>>;
let other: Awaited<ReturnType<typeof startFrontend>>;
let server: TestServer;
let closedServer: TestServer;
let browser: HeadlessChromium | undefined;

beforeAll(async () => {
  allowed = await startFrontend();
  other = await startFrontend();
  const keys = [
    { name: "backend", role: "admin" as const, space },
    { name: "frontend-read", role: "read" as const, space },
    { name: "frontend-ingest", role: "ingest" as const, space },
  ];
  server = await TestServer.start({ spaces: 0, keys, corsOrigins: [allowed.origin, "https://app.example.com"] });
  closedServer = await TestServer.start({ spaces: 0, keys });
  await resolve(server.clientFor("backend", space), { deviceId: "browser-device", userId: "jane" });
  if (chromiumAvailable()) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await closedServer?.stop();
  await allowed?.close();
  await other?.close();
});

interface FetchOutcome {
  status?: number;
  body?: string;
  /** The browser kept the answer from the page (a CORS failure is a TypeError). */
  blocked?: string;
}

/** Runs fetch on a page of `origin`, as a frontend would. */
async function fetchFrom(
  origin: string,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<FetchOutcome> {
  if (!browser) throw new Error("no browser");
  const page: Page = await browser.newPage();
  try {
    await page.goto(origin);
    return await page.evaluate(
      async ({ url, init }) => {
        try {
          const response = await fetch(url, init);
          return { status: response.status, body: await response.text() };
        } catch (error) {
          return { blocked: String(error) };
        }
      },
      { url, init },
    );
  } finally {
    await page.close();
  }
}

const PROFILE_BY_DEVICE = "query ($deviceId: String!) { profileByDevice(deviceId: $deviceId) { identifiers { type value } } }";
const graphqlCall = (key: string | undefined) => ({
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
  body: JSON.stringify({ query: PROFILE_BY_DEVICE, variables: { deviceId: "browser-device" } }),
});
const trackCall = (key: string | undefined) => ({
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` },
  body: JSON.stringify({ type: "track", event: "Page Viewed", anonymousId: "browser-device", messageId: uniqueId("m") }),
});

describe.runIf(chromiumAvailable())("a frontend in a browser", () => {
  it("on an allowed origin calls profileByDevice on /graphql with a read key and reads the profile", async () => {
    const outcome = await fetchFrom(allowed.origin, `${server.baseUrl}/graphql`, graphqlCall(server.keys.get("frontend-read")));
    expect(outcome.blocked).toBeUndefined();
    expect(outcome.status).toBe(200);
    expect(JSON.parse(outcome.body ?? "{}")).toEqual({ data: { profileByDevice: { identifiers: [{ type: "user_id", value: "jane" }] } } });
  });

  it("on another origin is blocked by the browser before the page sees an answer", async () => {
    const outcome = await fetchFrom(other.origin, `${server.baseUrl}/graphql`, graphqlCall(server.keys.get("frontend-read")));
    expect(outcome.blocked).toMatch(/TypeError: Failed to fetch/);
  });

  it("on any origin is blocked when the server has no allowlist", async () => {
    const outcome = await fetchFrom(allowed.origin, `${closedServer.baseUrl}/graphql`, graphqlCall(closedServer.keys.get("frontend-read")));
    expect(outcome.blocked).toMatch(/TypeError: Failed to fetch/);
  });

  it("on an allowed origin posts to /v1/track and reads Segment's answer", async () => {
    const outcome = await fetchFrom(allowed.origin, `${server.baseUrl}/v1/track`, trackCall(server.keys.get("frontend-ingest")));
    expect(outcome.blocked).toBeUndefined();
    expect(outcome.status).toBe(200);
    expect(JSON.parse(outcome.body ?? "{}")).toEqual({ success: true });
  });

  it("on another origin is blocked posting to /v1/track", async () => {
    const outcome = await fetchFrom(other.origin, `${server.baseUrl}/v1/track`, trackCall(server.keys.get("frontend-ingest")));
    expect(outcome.blocked).toMatch(/TypeError: Failed to fetch/);
  });
});

/** A CORS preflight as a browser sends it. */
const preflight = (url: string, origin: string, headers = "authorization,content-type") =>
  fetch(url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": headers },
  });

describe("the CORS headers", () => {
  it.each([
    "/graphql",
    "/v1/track",
    "/v1/batch",
    "/v1/t",
    "/v1/b",
    "/track",
    "/engage/",
    "/import",
    "/batch/",
    "/capture/",
    "/e/",
    "/i/v0/e/",
    "/flags/",
    "/sourceConfig/",
  ])("a preflight of %s from an allowed origin is answered 204 with the origin, the methods and the headers asked for", async (path) => {
    const response = await preflight(`${server.baseUrl}${path}`, "https://app.example.com");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET,POST,OPTIONS");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
    // mixpanel-browser sends every request withCredentials: the SDK paths allow it, /graphql does not.
    expect(response.headers.get("access-control-allow-credentials")).toBe(path === "/graphql" ? null : "true");
    expect(response.headers.get("vary")).toMatch(/Origin/);
  });

  it("a preflight of /graphql from another origin is refused as a CSRF suspect, with no Access-Control-* header", async () => {
    const response = await preflight(`${server.baseUrl}/graphql`, "https://evil.example.com");
    expect(response.status).toBe(400);
    expect([...response.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
  });

  it("an origin is matched whole: scheme, host and port", async () => {
    for (const origin of ["http://app.example.com", "https://app.example.com:8443", "https://app.example.com.evil.com", "null"]) {
      const response = await preflight(`${server.baseUrl}/graphql`, origin);
      expect(response.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });

  it("an allowed origin's answers carry its origin; requests without an Origin get no CORS header", async () => {
    const allowedAnswer = await fetch(`${server.baseUrl}/graphql`, {
      ...graphqlCall(server.keys.get("frontend-read")),
      headers: { ...graphqlCall(server.keys.get("frontend-read")).headers, origin: "https://app.example.com" },
    });
    expect(allowedAnswer.status).toBe(200);
    expect(allowedAnswer.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const backendAnswer = await fetch(`${server.baseUrl}/graphql`, graphqlCall(server.keys.get("frontend-read")));
    expect(backendAnswer.status).toBe(200);
    expect(backendAnswer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("Apollo's CSRF prevention still refuses a simple cross-site GET query from an origin not on the list", async () => {
    const response = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { origin: "https://evil.example.com", authorization: `Bearer ${server.keys.get("frontend-read")}` },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("other paths get no CORS header, even from an allowed origin", async () => {
    for (const path of ["/healthz", "/readyz"]) {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { origin: "https://app.example.com" } });
      expect(response.headers.get("access-control-allow-origin"), path).toBeNull();
    }
  });
});
