// Signed webhooks: every change once, in feed order, signed so that the standardwebhooks package
// verifies it; retried through failures and an outage; set aside after its attempts, and replayed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "./api.js";
import { deleteProfile, mergeProfiles } from "./admin-helpers.js";
import { type Client, TestServer, uniqueId } from "./harness.js";
import { FAST_FEED, readFeed, until, waitForSequenced } from "./feed-helpers.js";

interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/** A local receiver on port 0 whose answer to the n-th request (from 1) is a status, "hang" or "down". */
class Receiver {
  readonly accepted: Delivery[] = [];
  requests = 0;
  private server = http.createServer();
  port = 0;
  constructor(private readonly answer: (n: number) => number | "hang" | "down") {}

  async start(port = 0): Promise<void> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const n = ++this.requests;
        const answer = this.answer(n);
        if (answer === "hang") return;
        if (answer === "down") {
          request.socket.destroy();
          void this.outage(1_500);
          return;
        }
        if (answer >= 200 && answer < 300) {
          const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
          this.accepted.push({ headers, body: Buffer.concat(chunks).toString("utf8") });
        }
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((done) => this.server.listen(port, "127.0.0.1", done));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** The receiver is down (connections refused) for a while, then back on the same port. */
  private async outage(ms: number): Promise<void> {
    await this.stop();
    await new Promise((done) => setTimeout(done, ms));
    await this.start(this.port);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

const ADD = `mutation ($url: String!, $maxAttempts: Int) { addWebhookEndpoint(url: $url, maxAttempts: $maxAttempts) { id secret position maxAttempts } }`;
const DEAD_LETTERS = `query ($id: ID!) { webhookDeadLetters(endpointId: $id) { cursor attempts lastError replaying } }`;

async function workload(client: Client): Promise<void> {
  const user = uniqueId("user");
  const a = await resolve(client, { deviceId: uniqueId("d") });
  await resolve(client, { deviceId: uniqueId("d"), userId: user });
  const b = await resolve(client, { deviceId: uniqueId("d"), identifiers: [{ type: "email", value: `${user}@x.io` }] });
  await mergeProfiles(client, [a.profileId, b.profileId]);
  await deleteProfile(client, b.profileId);
}

describe("signed webhooks", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({
      spaces: 4,
      feed: { ...FAST_FEED, webhooks: { ...FAST_FEED.webhooks, timeoutMs: 300, backoffMs: 20, backoffMaxMs: 150 } },
    });
  });
  afterAll(() => server.stop());

  it("delivers every change once, in feed order, validly signed, through failed attempts and an outage of the receiver", async () => {
    const client = server.newSpace();
    const receiver = new Receiver((n) => (n <= 3 ? 500 : n === 4 ? "down" : 200));
    await receiver.start();
    try {
      const { addWebhookEndpoint: endpoint } = await client.data(ADD, { url: receiver.url, maxAttempts: 100 });
      expect(endpoint.secret).toMatch(/^whsec_/);
      await workload(client);
      await waitForSequenced(server.executor, client.space);
      const feed = await readFeed(client);
      await until(() => receiver.accepted.length >= feed.length, 30_000, "every change delivered");
      await new Promise((done) => setTimeout(done, 300));

      const verifier = new Webhook(endpoint.secret);
      const delivered = receiver.accepted.map(
        (delivery) => verifier.verify(delivery.body, delivery.headers) as { data: { cursor: string } },
      );
      expect(delivered.map((payload) => payload.data.cursor)).toEqual(feed.map((change) => change.cursor));
      // The values a later deletion scrubbed from the outbox were in the deliveries made before it.
      const shape = (change: { cursor: string; kind: string; memberships: unknown }) => [change.cursor, change.kind, change.memberships];
      expect(delivered.map((payload) => shape(payload.data as never))).toEqual(feed.map(shape));
      expect(delivered.every((payload) => (payload.data as unknown as { space: string }).space === client.space)).toBe(true);
      expect(new Set(receiver.accepted.map((d) => d.headers["webhook-id"])).size).toBe(feed.length);
      expect(receiver.requests).toBeGreaterThan(feed.length + 3);
      expect((await client.data(DEAD_LETTERS, { id: endpoint.id })).webhookDeadLetters).toEqual([]);
    } finally {
      await receiver.stop();
    }
  });

  it("sets aside what a receiver that never answers did not take, and a replay delivers it in order", async () => {
    const client = server.newSpace();
    let answering = false;
    const receiver = new Receiver(() => (answering ? 200 : "hang"));
    await receiver.start();
    try {
      const { addWebhookEndpoint: endpoint } = await client.data(ADD, { url: receiver.url, maxAttempts: 2 });
      for (let i = 0; i < 3; i++) await resolve(client, { deviceId: uniqueId("d") });
      await waitForSequenced(server.executor, client.space);
      const feed = await readFeed(client);
      expect(feed).toHaveLength(3);
      let letters: Array<{ cursor: string; attempts: number; lastError: string; replaying: boolean }> = [];
      await until(
        async () => {
          letters = (await client.data(DEAD_LETTERS, { id: endpoint.id })).webhookDeadLetters;
          return letters.length === 3;
        },
        30_000,
        "three dead letters",
      );
      expect(letters).toEqual(feed.map((change) => ({ cursor: change.cursor, attempts: 2, lastError: "timed out", replaying: false })));
      expect(receiver.accepted).toEqual([]);

      answering = true;
      expect(
        (await client.data("mutation ($id: ID!) { replayWebhookDeadLetters(endpointId: $id) }", { id: endpoint.id }))
          .replayWebhookDeadLetters,
      ).toBe(3);
      await until(() => receiver.accepted.length >= 3, 30_000, "the replayed changes");
      const verifier = new Webhook(endpoint.secret);
      const cursors = receiver.accepted.map((d) => (verifier.verify(d.body, d.headers) as { data: { cursor: string } }).data.cursor);
      expect(cursors).toEqual(feed.map((change) => change.cursor));
      await until(
        async () => (await client.data(DEAD_LETTERS, { id: endpoint.id })).webhookDeadLetters.length === 0,
        10_000,
        "no dead letters",
      );
    } finally {
      await receiver.stop();
    }
  });

  it("adds, lists (without the secret) and removes endpoints, and refuses a URL that is not http(s)", async () => {
    const client = server.newSpace();
    const bad = await client.request(ADD, { url: "ftp://example.com/x" });
    expect(bad.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const { addWebhookEndpoint: endpoint } = await client.data(ADD, { url: "http://127.0.0.1:9/none" });
    const listed = (await client.data("{ webhookEndpoints { id url secret } }")).webhookEndpoints;
    expect(listed).toEqual([{ id: endpoint.id, url: "http://127.0.0.1:9/none", secret: null }]);
    expect((await client.data("mutation ($id: ID!) { removeWebhookEndpoint(id: $id) }", { id: endpoint.id })).removeWebhookEndpoint).toBe(
      true,
    );
    expect((await client.data("{ webhookEndpoints { id } }")).webhookEndpoints).toEqual([]);
  });
});
