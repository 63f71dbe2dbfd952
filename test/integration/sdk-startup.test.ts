// What the browser SDKs send besides the long Segment paths, over plain HTTP: analytics.js's short
// paths (/v1/t, /i, /p, /s, /g, /a, /b) with text/plain bodies and its settings; posthog-js's /e/
// with gzip bodies as they come and base64 forms, its config and flags; RudderStack's sourceConfig.
// Start-up answers point the SDK back at this server and go only to keys that may write.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profileByDevice, profileByIdentifier, valuesOf } from "./api.js";
import { TestServer, uniqueId } from "./harness.js";
import { segmentCall } from "./key-helpers.js";

const SPACE = uniqueId("startup");
let server: TestServer;
const key = (name: string): string => server.keys.get(name) as string;
const ops = () => server.clientFor("ops", SPACE);

beforeAll(async () => {
  server = await TestServer.start({
    spaces: 0,
    keys: [
      { name: "page", role: "write", space: SPACE },
      { name: "dashboard", role: "read", space: SPACE },
      { name: "ops", role: "admin", space: SPACE },
    ],
  });
});
afterAll(async () => {
  await server?.stop();
});

describe("analytics.js's short paths", () => {
  it.each([
    ["/v1/t", { type: "track", event: "Viewed" }],
    ["/v1/p", { type: "page", name: "Home" }],
    ["/v1/s", { type: "screen", name: "Home" }],
    ["/v1/g", { type: "group", groupId: "acme" }],
  ])("%s takes a text/plain message with the write key and answers as Segment does", async (path, message) => {
    const answer = await segmentCall(server.baseUrl, path, key("page"), {
      ...message,
      anonymousId: uniqueId("d"),
      messageId: uniqueId("m"),
    });
    expect(answer).toMatchObject({ status: 200, body: { success: true } });
  });

  it("/v1/i logs a person in on the device, /v1/a joins a second id to them, /v1/b sends a batch", async () => {
    const device = uniqueId("d");
    const userId = uniqueId("u");
    const newId = uniqueId("u2");
    expect((await segmentCall(server.baseUrl, "/v1/i", key("page"), { type: "identify", anonymousId: device, userId })).status).toBe(200);
    const batch = {
      batch: [{ type: "track", event: "Bought", anonymousId: device, userId, messageId: uniqueId("m") }],
      sentAt: new Date(),
    };
    expect((await segmentCall(server.baseUrl, "/v1/b", key("page"), batch)).status).toBe(200);
    expect((await segmentCall(server.baseUrl, "/v1/a", key("page"), { type: "alias", previousId: userId, userId: newId })).status).toBe(
      200,
    );
    const profile = await profileByDevice(ops(), device);
    expect(valuesOf(profile, "user_id")).toContain(userId);
    expect((await profileByIdentifier(ops(), "user_id", userId))?.id).toBe(profile?.id);
  });

  it("/v1/m (analytics.js's own counters) is answered and dropped", async () => {
    const response = await fetch(`${server.baseUrl}/v1/m`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: '{"series":[]}',
    });
    expect(response.status).toBe(200);
  });
});

describe("analytics.js's settings", () => {
  const settings = (writeKey: string, headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}/v1/projects/${encodeURIComponent(writeKey)}/settings`, { headers });

  it("point the SDK back at this server's /v1, by the host the page reached it at, for the asker only", async () => {
    const response = await settings(key("page"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { integrations: Record<string, Record<string, unknown>>; remotePlugins: unknown[] };
    expect(body.integrations).toEqual({
      "Segment.io": expect.objectContaining({ apiKey: key("page"), apiHost: `${new URL(server.baseUrl).host}/v1`, protocol: "http" }),
    });
    expect(body.remotePlugins).toEqual([]);
    const behindTls = (await (await settings(key("page"), { "x-forwarded-proto": "https" })).json()) as typeof body;
    expect(behindTls.integrations["Segment.io"]?.["protocol"]).toBe("https");
  });

  it("are refused to an unknown key (401) and a key that may not write (403)", async () => {
    expect((await settings("not-a-key-0123456789abcdef")).status).toBe(401);
    expect((await settings(key("dashboard"))).status).toBe(403);
  });
});

describe("posthog-js", () => {
  const capture = (device: string, userId: string) => ({
    api_key: key("page"),
    batch: [
      { event: "$pageview", distinct_id: device, properties: { $device_id: device }, uuid: uniqueId("u") },
      { event: "$identify", distinct_id: userId, properties: { $anon_distinct_id: device, $device_id: device }, uuid: uniqueId("u") },
    ],
  });

  it("/e/ takes gzip bodies sent as text/plain without a query parameter or header", async () => {
    const device = uniqueId("d");
    const userId = uniqueId("u");
    const response = await fetch(`${server.baseUrl}/e/?ip=0&_=1`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: gzipSync(JSON.stringify(capture(device, userId))),
    });
    expect(response.status).toBe(200);
    expect(valuesOf(await profileByDevice(ops(), device), "user_id")).toEqual([userId]);
  });

  it("/e/?compression=base64 takes a base64 `data=` form (what its sendBeacon sends)", async () => {
    const device = uniqueId("d");
    const userId = uniqueId("u");
    const data = Buffer.from(JSON.stringify(capture(device, userId))).toString("base64");
    const response = await fetch(`${server.baseUrl}/e/?compression=base64`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `data=${encodeURIComponent(data)}`,
    });
    expect(response.status).toBe(200);
    expect(valuesOf(await profileByDevice(ops(), device), "user_id")).toEqual([userId]);
  });

  it("gets its remote config with every optional feature off and no feature flags", async () => {
    const config = (await (await fetch(`${server.baseUrl}/array/phc_token/config`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ token: "phc_token", sessionRecording: false, heatmaps: false, siteApps: [] });
    const script = await (await fetch(`${server.baseUrl}/array/phc_token/config.js`)).text();
    expect(script).toContain('window._POSTHOG_REMOTE_CONFIG["phc_token"]=');
    for (const path of ["/flags/?v=2", "/decide/?v=3"]) {
      const flags = await fetch(`${server.baseUrl}${path}`, { method: "POST", body: "{}" });
      expect(flags.status).toBe(200);
      expect(await flags.json()).toMatchObject({ featureFlags: {}, flags: {}, errorsWhileComputingFlags: false });
    }
  });
});

describe("the RudderStack JavaScript SDK's source config", () => {
  const sourceConfig = (writeKey: string) =>
    fetch(`${server.baseUrl}/sourceConfig/?p=npm&v=3&writeKey=${encodeURIComponent(writeKey)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` },
    });

  it("is an enabled source with no device-mode destinations and the SDK's own reporting off", async () => {
    const response = await sourceConfig(key("page"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      source: { enabled: true, destinations: [], config: { statsCollection: { errors: { enabled: false }, metrics: { enabled: false } } } },
    });
  });

  it("is refused to an unknown key and a key that may not write", async () => {
    expect((await sourceConfig("not-a-key-0123456789abcdef")).status).toBe(401);
    expect((await sourceConfig(key("dashboard"))).status).toBe(403);
  });
});
