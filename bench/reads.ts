// Reads at one size: profileByDevice over HTTP with many clients and with one, the
// `{ __typename }` floor (the same HTTP and GraphQL, no data), all from the load client; then the
// same read without HTTP or GraphQL, many at once in this process: the resolver's first path (root
// by device, then the profile: two transactions) and the one statement it uses now.
import type { Executor } from "../src/neo4j/executor.js";
import type { ProfileReader } from "../src/profiles/profile.reader.js";
import type { ReadResult } from "./lib/load-client.js";
import type { LoadClient } from "./lib/load-process.js";
import { load1, pool, round, summarise } from "./lib/stats.js";
import type { InProcessReads, SizeResult } from "./results.js";

export interface ReadsOptions {
  url: string;
  key: string;
  space: string;
  seed: number;
  /** Readers at once, and the seconds each figure is measured. */
  readClients: number;
  readSeconds: number;
  executor: Executor;
  profiles: ProfileReader;
  loadClient: LoadClient;
  log: (line: string) => void;
}

export type ReadsResult = Pick<SizeResult, "reads" | "readsOne" | "floor" | "readRatio" | "reader">;

export async function measureReads(options: ReadsOptions): Promise<ReadsResult> {
  const { url, key, space, seed, readClients, readSeconds, executor, loadClient, log } = options;
  // Closed-loop reads of one query from the load client: concurrency, warm-up and measured time.
  const readsOf = (query: "profileByDevice" | "typename", concurrency: number, warmupMs: number, durationMs: number) =>
    loadClient.run<ReadResult>({ type: "reads", url, key, query, concurrency, warmupMs, durationMs, seed });
  log(`reads: profileByDevice, ${readClients} concurrent clients, ${readSeconds} s`);
  const readLoad = load1();
  const reads = await readsOf("profileByDevice", readClients, 2000, readSeconds * 1000);
  log(
    `reads: ${reads.perSec}/s p50 ${reads.latency.p50Ms} ms p95 ${reads.latency.p95Ms} ms p99 ${reads.latency.p99Ms} ms errors ${reads.errors}${reads.firstError ? ` ${reads.firstError}` : ""}`,
  );
  const floorLoad = load1();
  const floor = await readsOf("typename", readClients, 1000, readSeconds * 1000);
  log(`floor { __typename }: ${floor.perSec}/s p50 ${floor.latency.p50Ms} ms p99 ${floor.latency.p99Ms} ms`);
  const readsOneLoad = load1();
  const readsOne = await readsOf("profileByDevice", 1, 1000, Math.max(4, readSeconds / 2) * 1000);
  log(`reads, one client: ${readsOne.perSec}/s p50 ${readsOne.latency.p50Ms} ms p99 ${readsOne.latency.p99Ms} ms`);

  const devices = (
    await executor.read("bench", (tx) => tx.run(`MATCH (d:Device {space: $space}) RETURN d.id AS id LIMIT 20000`, { space }))
  ).records.map((r) => r.get("id") as string);
  const readerLoad = load1();
  const readerTwo = await readThroughReader(options, devices, "two");
  const readerOne = await readThroughReader(options, devices, "one");
  log(
    `reader in-process: root then profile ${readerTwo.perSec}/s p99 ${readerTwo.latency.p99Ms} ms; one statement ${readerOne.perSec}/s p99 ${readerOne.latency.p99Ms} ms`,
  );
  return {
    reads: { ...reads, load: readLoad },
    readsOne: { ...readsOne, load: readsOneLoad },
    floor: { ...floor, load: floorLoad },
    readRatio: round(reads.perSec / floor.perSec),
    reader: { twoStatements: readerTwo, oneStatement: readerOne, load: readerLoad },
  };
}

/** profileByDevice without HTTP or GraphQL: by its two statements (root, then profile) or the one it uses now. */
async function readThroughReader(options: ReadsOptions, devices: string[], path: "one" | "two"): Promise<InProcessReads> {
  const { profiles, space, readClients, readSeconds } = options;
  let next = 0;
  const read = async (deviceId: string): Promise<unknown> => {
    if (path === "one") return profiles.profileByDevice(space, deviceId);
    const root = await profiles.rootByDevice(space, deviceId);
    return root ? profiles.loadProfiles(space, [root]) : null;
  };
  const latencies: number[] = [];
  const warmupEnds = performance.now() + 1000;
  const ends = warmupEnds + readSeconds * 500;
  let from = 0;
  await pool(
    readClients,
    () => (performance.now() < ends ? devices[next++ % devices.length] : undefined),
    async (deviceId) => {
      const started = performance.now();
      await read(deviceId);
      if (started >= warmupEnds) {
        from ||= started;
        latencies.push(performance.now() - started);
      }
    },
  );
  return { perSec: Math.round((latencies.length / (performance.now() - from)) * 1000), latency: summarise(latencies) };
}
