// Webhooks with several server processes: one delivers each endpoint at a time (a lease in
// Neo4j), and when that process dies, another takes the endpoint over where it stopped.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolve } from "./api.js";
import type { Executor } from "../../src/neo4j/executor.js";
import { Client, TestServer, testExecutor, uniqueId } from "./harness.js";
import { FAST_FEED, FAST_FEED_ENV, readFeed, until, waitForSequenced } from "./feed-helpers.js";
import { type ServerProcess, spaceKey, startServerProcess } from "./server-process.js";

describe("webhook delivery across server processes", () => {
  const space = uniqueId("hooks");
  const { key, entry } = spaceKey(space, "admin");
  let process1: ServerProcess;
  let server: TestServer | undefined;
  let executor: Executor;
  const received: Array<{ body: string; headers: Record<string, string> }> = [];
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
      });
      response.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
    process1 = await startServerProcess({
      neo4j: inject("neo4j"),
      apiKeys: entry,
      env: { ...FAST_FEED_ENV, IDGRAPH_WEBHOOK_LEASE_MS: "1500", IDGRAPH_WEBHOOK_TIMEOUT_MS: "500", IDGRAPH_WEBHOOK_BACKOFF_MS: "20" },
    });
    executor = testExecutor();
  }, 120_000);
  afterAll(async () => {
    await process1?.stop();
    await server?.stop();
    await executor?.close();
    receiver.closeAllConnections();
    await new Promise<void>((done) => receiver.close(() => done()));
  });

  it("delivers every change once and in order, also after the delivering process is killed", async () => {
    const client = new Client(process1.url, key, space);
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const { addWebhookEndpoint: endpoint } = await client.data(
      "mutation ($url: String!) { addWebhookEndpoint(url: $url, maxAttempts: 100) { id secret } }",
      { url },
    );
    for (let i = 0; i < 4; i++) await resolve(client, { deviceId: uniqueId("d"), userId: uniqueId("u") });
    await waitForSequenced(executor, space);
    const before = await readFeed(client);
    await until(() => received.length >= before.length, 20_000, "the first changes");
    await new Promise((done) => setTimeout(done, 200));

    // The only process delivering dies without giving its leases back; a new one takes over.
    process.kill(process1.pid, "SIGKILL");
    await until(() => !process1.alive, 10_000, "the process to die");
    server = await TestServer.start({ spaces: 1, feed: FAST_FEED, keys: [{ name: "hooks-admin", role: "admin", space }] });
    const survivor = server.clientFor("hooks-admin", space);
    for (let i = 0; i < 4; i++) await resolve(survivor, { deviceId: uniqueId("d"), userId: uniqueId("u") });
    await waitForSequenced(server.executor, space);
    const cursors = (await readFeed(survivor)).map((change) => change.cursor);
    await until(() => received.length >= cursors.length, 30_000, "every change after the takeover");
    await new Promise((done) => setTimeout(done, 300));

    const verifier = new Webhook(endpoint.secret);
    const delivered = received.map((d) => (verifier.verify(d.body, d.headers) as { data: { cursor: string } }).data.cursor);
    expect(delivered).toEqual(cursors);
    expect(cursors.length).toBeGreaterThan(before.length);
  });
});
