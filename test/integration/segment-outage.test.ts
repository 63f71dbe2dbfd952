// Neo4j goes away while @segment/analytics-node is sending and comes back: the server answers 503
// with Retry-After meanwhile, the SDK's retry queue holds the events, and afterwards every event is
// in the graph exactly once (the retried batches' messageIds keep the repeats out). This test
// stops and restarts a Neo4j of its own (.neo4j/segment-outage on 7741/7742), so it needs Java 17+,
// a JDK and Maven even when NEO4J_URI points elsewhere.
import { Analytics } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningNeo4j, startLocalNeo4j } from "../../dev/neo4j/local-neo4j.js";
import { checkSpace } from "../../src/check/invariants.js";
import { Executor } from "../../src/neo4j/executor.js";
import { migrate } from "../../src/neo4j/migrations.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { TestServer, uniqueId } from "./harness.js";
import { localNeo4jAvailable } from "./server-process.js";

const canRunOwnNeo4j = localNeo4jAvailable();
if (!canRunOwnNeo4j) {
  process.stderr.write(
    "segment-outage.test.ts: skipped: it starts and stops a Neo4j of its own, which needs java, javac (17+) and mvn on PATH\n",
  );
}

const NEO4J = { name: "segment-outage", boltPort: 7741, httpPort: 7742 };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!canRunOwnNeo4j)("@segment/analytics-node through a Neo4j outage", () => {
  let neo4j: RunningNeo4j | undefined;
  let executor: Executor;
  let server: TestServer;
  const space = uniqueId("segment-outage");
  const startNeo4j = (): Promise<RunningNeo4j> =>
    startLocalNeo4j({
      ...NEO4J,
      heap: "512m",
      pageCache: "128m",
      log: (line) => void process.stderr.write(`[${NEO4J.name} neo4j] ${line}\n`),
    });

  beforeAll(async () => {
    neo4j = await startNeo4j();
    executor = new Executor({ uri: neo4j.boltUri, database: "neo4j" });
    await migrate(executor);
    // The server gets an executor of its own (stop() closes it), with a retry window of 3 s instead
    // of 10 s, so that its 503s come sooner and the SDK's retries fit the test's time.
    server = await TestServer.start({
      spaces: 1,
      keys: [{ name: "tracker", role: "ingest", space }],
      executor: new Executor({
        uri: neo4j.boltUri,
        database: "neo4j",
        timings: { maxTransactionRetryTime: 3_000, connectionTimeout: 2_000, connectionAcquisitionTimeout: 5_000 },
      }),
    });
    // A first write warms the new Neo4j up (query plans, page cache) before the clock of the test starts.
    const warmUp = await fetch(`${server.baseUrl}/v1/identify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ writeKey: server.keys.get("tracker"), anonymousId: uniqueId("warm"), userId: uniqueId("warm") }),
    });
    expect(warmUp.status).toBe(200);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await executor?.close();
    await neo4j?.stop();
  }, 60_000);

  it("holds every event through the outage and applies each exactly once", async () => {
    const analytics = new Analytics({
      writeKey: server.keys.get("tracker") as string,
      host: server.baseUrl,
      flushAt: 5,
      flushInterval: 50,
      maxRetries: 30,
      // Longer than the server's ~15 s before it gives up on Neo4j, so the SDK sees the 503s.
      httpRequestTimeout: 30_000,
    });
    const started = Date.now();
    const statuses: number[] = [];
    const log: string[] = [];
    analytics.on("http_response", (response) => {
      statuses.push(response.status);
      log.push(`${((Date.now() - started) / 1000).toFixed(1)}:${response.status}`);
    });
    const failures: unknown[] = [];
    const events = Array.from({ length: 60 }, (_, i) => ({
      device: uniqueId(`d${i}`),
      user: uniqueId(`u${i}`),
      messageId: uniqueId(`m${i}`),
    }));
    const send = (event: (typeof events)[number]): void =>
      analytics.identify({ anonymousId: event.device, userId: event.user, messageId: event.messageId }, (error) => {
        if (error) failures.push(error);
      });

    const mark = (what: string): void =>
      void process.stderr.write(`segment-outage: ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}\n`);
    for (const event of events.slice(0, 20)) send(event);
    await analytics.flush();
    mark("first 20 events delivered");
    // Neo4j stops with events in flight and is restarted at once: stopping and starting take long
    // enough (10 s or more) to outlast the server's retry window, so requests are refused meanwhile.
    const stopped = neo4j?.stop();
    for (const event of events.slice(20, 40)) {
      send(event);
      await sleep(100);
    }
    await stopped;
    mark("Neo4j stopped");
    neo4j = await startNeo4j();
    mark("Neo4j started again");
    for (const event of events.slice(40)) send(event);
    // The SDK's backoff has grown during the outage (up to a minute between tries of one batch).
    await analytics.closeAndFlush({ timeout: 150_000 });
    mark(`the SDK has flushed; answers (s:status): ${log.join(" ")}`);
    const seconds = (Date.now() - started) / 1000;

    expect(failures).toEqual([]);
    expect(statuses).toContain(503);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    // Exactly once: one message receipt and one link of the user id per event, the user on its device.
    const applied = await executor.read("test", async (tx) => {
      const result = await tx.run(
        `UNWIND $events AS event
         OPTIONAL MATCH (m:Message {space: $space, id: event.messageId})
         OPTIONAL MATCH (a:AuditEntry {space: $space, action: 'IDENTIFIER_LINKED'}) WHERE a.messageId = event.messageId
         OPTIONAL MATCH (:Identifier {space: $space, type: 'user_id', value: event.user})-[:IDENTIFIES]->(p:ProfileId)<-[:HAS_PROFILE_ID]-(d:Device {space: $space})
         RETURN event.messageId AS messageId, count(DISTINCT m) AS receipts, count(DISTINCT a) AS links, collect(DISTINCT d.id) AS devices`,
        { space, events },
      );
      return new Map(
        result.records.map((r) => [
          r.get("messageId") as string,
          { receipts: r.get("receipts"), links: r.get("links"), devices: r.get("devices") },
        ]),
      );
    });
    for (const event of events)
      expect([event.messageId, applied.get(event.messageId)]).toEqual([
        event.messageId,
        { receipts: 1, links: 1, devices: [event.device] },
      ]);
    expect(await checkSpace(executor, space, DEFAULT_IDENTITY_RULES)).toEqual([]);
    process.stderr.write(
      `segment-outage: ${events.length} events, ${statuses.length} requests (${statuses.filter((s) => s === 503).length} answered 503), ${seconds.toFixed(1)} s\n`,
    );
    // On a quiet machine this takes under a minute; a loaded one can take a minute just to restart Neo4j.
  }, 240_000);
});
