// What the SDK endpoints answer when they cannot take a request, in the status codes the SDKs' retry
// logic reads: 401/403 for a wrong key and 400 for a bad or oversized payload (dropped, never
// retried), 429 when busy and 503 when Neo4j is away (both with Retry-After: kept and retried).
// A refused batch writes nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeys } from "../../src/auth/api-keys.js";
import { createIngestRouter } from "../../src/ingest/router.js";
import { createLogger } from "../../src/logger.js";
import { Executor } from "../../src/neo4j/executor.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { createServices } from "../../src/app/services.js";
import { profileByDevice, profileByIdentifier } from "./api.js";
import { type Client, TestServer, testExecutor, uniqueId } from "./harness.js";

const space = uniqueId("ingest-errors");
let server: TestServer;
let client: Client;
let key: string;
let readKey: string;

beforeAll(async () => {
  server = await TestServer.start({
    spaces: 1,
    keys: [
      { name: "tracker", role: "ingest", space },
      { name: "dashboard", role: "read", space },
    ],
  });
  client = server.clientFor("tracker", space);
  key = server.keys.get("tracker") as string;
  readKey = server.keys.get("dashboard") as string;
});
afterAll(() => server?.stop());

const basic = (user: string): string => `Basic ${Buffer.from(`${user}:`).toString("base64")}`;

async function post(
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  base = server.baseUrl,
): Promise<{ status: number; text: string; json: any; retryAfter: string | null }> {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, retryAfter: response.headers.get("retry-after") };
}

describe("Segment's endpoints", () => {
  it("refuse a missing or unknown write key with 401 and a read key with 403", async () => {
    const track = JSON.stringify({ anonymousId: uniqueId("d"), event: "x" });
    expect((await post("/v1/track", track)).status).toBe(401);
    expect((await post("/v1/track", track, { authorization: basic("no-such-key-0123456789") })).status).toBe(401);
    const refused = await post("/v1/track", track, { authorization: basic(readKey) });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ success: false, code: "forbidden" });
  });

  it("take the write key from the body as well", async () => {
    const device = uniqueId("d");
    const answer = await post("/v1/track", JSON.stringify({ writeKey: key, anonymousId: device, event: "x" }));
    expect(answer).toMatchObject({ status: 200, json: { success: true } });
    expect(await profileByDevice(client, device)).not.toBeNull();
  });

  it("answer 400 for malformed JSON, a message over 32 KB and a batch over 500 KB", async () => {
    const auth = { authorization: basic(key) };
    expect((await post("/v1/identify", '{"userId": "a"', auth)).status).toBe(400);
    expect((await post("/v1/batch", JSON.stringify({ batch: "no" }), auth)).status).toBe(400);
    const big = "x".repeat(33 * 1024);
    expect((await post("/v1/track", JSON.stringify({ anonymousId: uniqueId("d"), event: "x", properties: { big } }), auth)).status).toBe(
      400,
    );
    const device = uniqueId("d");
    const oneTooBig = {
      batch: [
        { type: "track", anonymousId: device, event: "x" },
        { type: "track", anonymousId: uniqueId("d"), event: "x", properties: { big } },
      ],
    };
    const answer = await post("/v1/batch", JSON.stringify(oneTooBig), auth);
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([{ index: 1, message: "a message is at most 32 KB" }]);
    expect(await profileByDevice(client, device)).toBeNull();
    const batch = {
      batch: Array.from({ length: 20 }, () => ({
        type: "track",
        anonymousId: uniqueId("d"),
        event: "x",
        properties: { s: "y".repeat(30_000) },
      })),
    };
    expect((await post("/v1/batch", JSON.stringify(batch), auth)).status).toBe(400);
  });

  it("refuse a batch of more than 1000 messages: one batch is one transaction", async () => {
    const batch = { batch: Array.from({ length: 1001 }, (_, i) => ({ type: "track", anonymousId: `d-${i}`, event: "x" })) };
    const answer = await post("/v1/batch", JSON.stringify(batch), { authorization: basic(key) });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toContain("at most 1000");
  });

  it("inflate gzip bodies, and answer 400 for a body that is not gzip or inflates past the limit", async () => {
    const [device, user] = [uniqueId("d"), uniqueId("u")];
    const body = gzipSync(JSON.stringify({ batch: [{ type: "identify", anonymousId: device, userId: user }] }));
    expect((await post("/v1/batch", body, { authorization: basic(key), "content-encoding": "gzip" })).status).toBe(200);
    expect((await profileByIdentifier(client, "user_id", user))?.devices.map((d) => d.id)).toEqual([device]);
    expect(
      (await post("/v1/batch", Buffer.from("not gzip at all"), { authorization: basic(key), "content-encoding": "gzip" })).status,
    ).toBe(400);
    // 5 KB of gzip that inflates to 5 MB: the limit counts inflated bytes.
    const bomb = gzipSync(`{"batch": [], "pad": "${" ".repeat(5 * 1024 * 1024)}"}`);
    expect(bomb.length).toBeLessThan(10 * 1024);
    expect((await post("/v1/batch", bomb, { authorization: basic(key), "content-encoding": "gzip" })).status).toBe(400);
  });

  it("validate each message as resolveBatch does: a blocked value is ignored, a message with no usable id refuses the whole batch", async () => {
    const auth = { authorization: basic(key) };
    const device = uniqueId("d");
    const blocked = await post("/v1/identify", JSON.stringify({ anonymousId: device, userId: "null" }), auth);
    expect(blocked.status).toBe(200);
    expect((await profileByDevice(client, device))?.identifiers).toEqual([]);

    const [kept, user] = [uniqueId("d"), uniqueId("u")];
    const batch = {
      batch: [
        { type: "identify", anonymousId: kept, userId: user },
        { type: "track", anonymousId: "undefined", event: "x" },
        { type: "track", userId: "u".repeat(5000), event: "x" },
      ],
    };
    const refused = await post("/v1/batch", JSON.stringify(batch), auth);
    expect(refused.status).toBe(400);
    expect(refused.json.errors.map((error: { index: number }) => error.index)).toEqual([1, 2]);
    expect(await profileByIdentifier(client, "user_id", user)).toBeNull();
  });

  it("accept group and change no identity", async () => {
    const user = uniqueId("u");
    const answer = await post("/v1/group", JSON.stringify({ userId: user, groupId: "acme" }), { authorization: basic(key) });
    expect(answer).toMatchObject({ status: 200, json: { success: true } });
    expect(await profileByIdentifier(client, "user_id", user)).toBeNull();
  });
});

describe("Mixpanel's endpoints", () => {
  it("answer /import in its shape: imported records, or failed_records and nothing imported", async () => {
    const auth = { authorization: basic(key) };
    const [device, insertId] = [uniqueId("d"), uniqueId("i")];
    const ndjson = [
      { event: "a", properties: { distinct_id: device, time: Math.floor(Date.now() / 1000), $insert_id: uniqueId("i") } },
      { event: "b", properties: { distinct_id: device, time: Date.now() } },
    ]
      .map((event) => JSON.stringify(event))
      .join("\n");
    const imported = await post("/import", gzipSync(ndjson), {
      ...auth,
      "content-type": "application/x-ndjson",
      "content-encoding": "gzip",
    });
    expect(imported).toMatchObject({ status: 200, json: { code: 200, num_records_imported: 2, status: "OK" } });

    const other = uniqueId("d");
    const refused = await post(
      "/import",
      JSON.stringify([
        { event: "a", properties: { distinct_id: other } },
        { event: "b", properties: { time: Date.now(), $insert_id: insertId } },
      ]),
      auth,
    );
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 400, num_records_imported: 0, status: "Bad Request" });
    expect(refused.json.failed_records).toEqual([{ index: 1, $insert_id: insertId, message: expect.stringContaining("distinct_id") }]);
    expect(await profileByDevice(client, other)).toBeNull();
  });

  it("refuse /import of more than 2000 events and a bad key", async () => {
    const events = Array.from({ length: 2001 }, (_, i) => ({ event: "a", properties: { distinct_id: `d-${i}` } }));
    expect((await post("/import", JSON.stringify(events), { authorization: basic(key) })).status).toBe(400);
    const unknown = await post("/import", JSON.stringify(events.slice(0, 1)), { authorization: basic("no-such-key-0123456789") });
    expect(unknown).toMatchObject({ status: 401, json: { code: 401, status: "Unauthorized" } });
  });

  it("answer /track with 1 or 0, or JSON when verbose", async () => {
    const data = (token: string) =>
      Buffer.from(JSON.stringify({ event: "a", properties: { token, distinct_id: uniqueId("d") } })).toString("base64");
    const ok = await fetch(`${server.baseUrl}/track?data=${encodeURIComponent(data(key))}`);
    expect([ok.status, await ok.text()]).toEqual([200, "1"]);
    const form = await post("/track", `data=${data(key)}&verbose=1`, { "content-type": "application/x-www-form-urlencoded" });
    expect(form).toMatchObject({ status: 200, json: { status: 1, error: null } });
    const bad = await fetch(`${server.baseUrl}/track?data=${encodeURIComponent(data("no-such-key-0123456789"))}`);
    expect([bad.status, await bad.text()]).toEqual([401, "0"]);
    const malformed = await fetch(`${server.baseUrl}/track?verbose=1&data=bm90IGpzb24`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ status: 0 });
  });
});

describe("Mixpanel's /engage", () => {
  const updates = (token: string, list: unknown[]): string =>
    Buffer.from(JSON.stringify(list.map((update) => ({ $token: token, ...(update as object) })))).toString("base64");

  it("answers 1 or 0 as /track does, refuses a request of more than 50 updates or of two tokens, and writes nothing of it", async () => {
    const device = uniqueId("d");
    const one = [{ $distinct_id: `$device:${device}`, $set: { plan: "pro" } }];
    const bad = await fetch(`${server.baseUrl}/engage?data=${encodeURIComponent(updates("no-such-key-0123456789", one))}`);
    expect([bad.status, await bad.text()]).toEqual([401, "0"]);
    const tooMany = await post("/engage", `data=${updates(key, Array(51).fill(one[0]))}&verbose=1`, {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(tooMany).toMatchObject({ status: 400, json: { status: 0, error: "a request holds at most 50 events; got 51" } });
    const mixed = Buffer.from(
      JSON.stringify([
        { ...one[0], $token: key },
        { ...one[0], $token: readKey },
      ]),
    ).toString("base64");
    const twoTokens = await fetch(`${server.baseUrl}/engage?verbose=1&data=${encodeURIComponent(mixed)}`);
    expect([twoTokens.status, await twoTokens.json()]).toEqual([
      400,
      { status: 0, error: "every item of a request must carry the same token" },
    ]);
    expect(await profileByDevice(client, device)).toBeNull();
    const ok = await fetch(`${server.baseUrl}/engage?data=${encodeURIComponent(updates(key, one))}`);
    expect([ok.status, await ok.text()]).toEqual([200, "1"]);
    expect(await profileByDevice(client, device)).not.toBeNull();
  });
});

describe("PostHog's endpoints", () => {
  it("refuse a bad api_key with 401 and malformed JSON with 400, and read gzip-js bodies", async () => {
    const unknown = await post("/batch/", JSON.stringify({ api_key: "no-such-key-0123456789", batch: [{ event: "a", distinct_id: "x" }] }));
    expect(unknown).toMatchObject({ status: 401, json: { type: "authentication_error" } });
    expect((await post("/capture/", "{nope")).status).toBe(400);
    const device = uniqueId("d");
    const body = gzipSync(JSON.stringify([{ api_key: key, event: "$pageview", distinct_id: device, properties: {} }]));
    const answer = await post("/i/v0/e/?compression=gzip-js", body, { "content-type": "text/plain" });
    expect(answer).toMatchObject({ status: 200, json: { status: 1 } });
    expect(await profileByDevice(client, device)).not.toBeNull();
  });
});

/** The ingestion routes alone on a port of their own, for a server that is busy or has lost Neo4j. */
async function ingestOnly(executor: Executor, maxInFlight: number): Promise<{ base: string; close(): Promise<void> }> {
  const services = createServices(executor, DEFAULT_IDENTITY_RULES);
  const app = express().use(
    createIngestRouter({ services, apiKeys: ApiKeys.parse(undefined), logger: createLogger("silent"), maxInFlight }),
  );
  const httpServer = http.createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => httpServer.close(resolve));
      await executor.close();
    },
  };
}

const REQUESTS: Array<[string, string, Record<string, string>]> = [
  ["/v1/batch", JSON.stringify({ batch: [{ type: "track", anonymousId: "d-1", event: "x" }] }), {}],
  ["/import", JSON.stringify([{ event: "a", properties: { distinct_id: "d-1", $insert_id: "i-1" } }]), {}],
  ["/batch/", JSON.stringify({ api_key: "k", batch: [{ event: "a", distinct_id: "d-1" }] }), {}],
];

describe("every SDK endpoint", () => {
  it("answers 429 with Retry-After when the server is at its in-flight limit", async () => {
    const busy = await ingestOnly(testExecutor(), 0);
    try {
      for (const [path, body, headers] of REQUESTS) {
        const answer = await post(path, body, headers, busy.base);
        expect([path, answer.status, answer.retryAfter]).toEqual([path, 429, "1"]);
      }
    } finally {
      await busy.close();
    }
  });

  it("answers 503 with Retry-After when Neo4j is unavailable", async () => {
    // A Neo4j that is not there, with a short retry window so the refusal comes quickly.
    const away = await ingestOnly(
      new Executor({ uri: "bolt://127.0.0.1:1", database: "neo4j", timings: { maxTransactionRetryTime: 200, connectionTimeout: 200 } }),
      10,
    );
    try {
      for (const [path, body, headers] of REQUESTS) {
        const answer = await post(path, body, headers, away.base);
        expect([path, answer.status, answer.retryAfter]).toEqual([path, 503, "5"]);
      }
    } finally {
      await away.close();
    }
  });
});
