// GET /metrics and the change feed: an operator sees how long changes wait for their cursor, and per
// webhook endpoint (by its id, never its URL) how long deliveries lag, how many attempts failed and
// how many changes were set aside as dead letters.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "./api.js";
import { FAST_FEED, readFeed, until, waitForSequenced } from "./feed-helpers.js";
import { TestServer, uniqueId } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({
    spaces: 2,
    feed: { ...FAST_FEED, webhooks: { ...FAST_FEED.webhooks, backoffMs: 20, backoffMaxMs: 50 } },
  });
});
afterAll(() => server?.stop());

const ADD = "mutation ($url: String!, $maxAttempts: Int) { addWebhookEndpoint(url: $url, maxAttempts: $maxAttempts) { id } }";

async function metricsText(): Promise<string> {
  return (await fetch(`${server.baseUrl}/metrics`)).text();
}

function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A receiver on port 0 that answers each request with the status `answer(n)` gives (n from 1). */
async function receiver(answer: (n: number) => number): Promise<{ url: string; stop: () => Promise<void> }> {
  let n = 0;
  const receiving = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(answer(++n)).end());
  });
  await new Promise<void>((done) => receiving.listen(0, "127.0.0.1", done));
  const { port } = receiving.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/token-${uniqueId("secret")}?value=jane%40example.com`,
    stop: async () => {
      receiving.closeAllConnections();
      await new Promise<void>((done) => receiving.close(() => done()));
    },
  };
}

describe("the change feed's metrics", () => {
  it("count each endpoint's attempts, failures, dead letters and delivery lag, by its id only", async () => {
    const client = server.newSpace();
    // Two failures set the first change aside (maxAttempts 2); the next two are delivered at the first try.
    const hooks = await receiver((n) => (n <= 2 ? 500 : 200));
    try {
      const { addWebhookEndpoint: endpoint } = await client.data<{ addWebhookEndpoint: { id: string } }>(ADD, {
        url: hooks.url,
        maxAttempts: 2,
      });
      const deviceId = uniqueId("feed-metrics-dev");
      for (let i = 0; i < 3; i++) await resolve(client, { deviceId: `${deviceId}-${i}` });
      await waitForSequenced(server.executor, client.space);
      expect(await readFeed(client)).toHaveLength(3);
      const at = (text: string, series: string): number => sample(text, series) ?? 0;
      const label = `{endpoint="${endpoint.id}"}`;
      let text = "";
      await until(
        async () => {
          text = await metricsText();
          return at(text, `idgraph_webhook_attempts_total${label}`) >= 4;
        },
        30_000,
        "four attempts counted",
      );
      expect(at(text, `idgraph_webhook_attempts_total${label}`)).toBe(4);
      expect(at(text, `idgraph_webhook_failures_total${label}`)).toBe(2);
      expect(at(text, `idgraph_webhook_dead_letters_total${label}`)).toBe(1);
      expect(at(text, `idgraph_webhook_delivery_lag_seconds_count${label}`)).toBe(2);
      expect(at(text, `idgraph_webhook_delivery_lag_seconds_sum${label}`)).toBeGreaterThan(0);
      expect(at(text, `idgraph_webhook_delivery_lag_seconds_sum${label}`)).toBeLessThan(60);
      // The endpoint is named by its id: not its URL (a token, a value in its query), no device id, no space.
      for (const value of [hooks.url, "token-", "jane", "127.0.0.1:", deviceId, client.space]) expect(text).not.toContain(value);
    } finally {
      await hooks.stop();
    }
  });

  it("measure how long changes wait for their cursor, in the process that holds the relay's lease", async () => {
    // One relay sequences for the whole database (a lease): while another test's server holds it,
    // this server's relay waits, so the test keeps writing until this one has sequenced some.
    const client = server.newSpace();
    let text = "";
    await until(
      async () => {
        await resolve(client, { deviceId: uniqueId("seq-dev") });
        text = await metricsText();
        return (sample(text, "idgraph_feed_sequencing_lag_seconds_count") ?? 0) >= 1;
      },
      80_000,
      "this server's relay sequenced a change",
    );
    const count = sample(text, "idgraph_feed_sequencing_lag_seconds_count") ?? 0;
    const sum = sample(text, "idgraph_feed_sequencing_lag_seconds_sum") ?? Number.NaN;
    expect(sample(text, 'idgraph_feed_sequencing_lag_seconds_bucket{le="+Inf"}')).toBe(count);
    expect(sum).toBeGreaterThanOrEqual(0);
    // Waiting for the lease can take long; a change waits at most that long plus a round.
    expect(sum / count).toBeLessThan(90);
  }, 100_000);
});
