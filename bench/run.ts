// `npm run bench -- --quick` (under 3 minutes) or `npm run bench` (10k, 100k and 1M profiles, then
// docs/BENCHMARKS.md and docs/bench-scale.svg). Every figure of one run is measured on one Neo4j:
// NEO4J_URI when set, else a local Neo4j of its own (.neo4j/bench, Bolt 7692), never the shared one.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { printSchema } from "graphql";
import { startApp } from "../src/app/app.js";
import { ApiKeys } from "../src/auth/api-keys.js";
import { buildIdgraphSchema } from "../src/app/schema.js";
import { DEFAULT_IDENTITY_RULES } from "../src/rules/rules-config.js";
import { createLogger } from "../src/logger.js";
import { Executor } from "../src/neo4j/executor.js";
import { startLocalNeo4j, type RunningNeo4j } from "../dev/neo4j/local-neo4j.js";
import { migrate } from "../src/neo4j/migrations.js";
import { createServices } from "../src/app/services.js";
import { measureAdmin } from "./admin.js";
import { countSpace, totalOf, writeCeiling, writeSteadyCeiling } from "./ceiling.js";
import { measureGrowth } from "./growth.js";
import { measureHotKey } from "./hot-key.js";
import { SteadyWorkload, type SteadyStats } from "./lib/steady-workload.js";
import { IdentityService } from "../src/identity/identity.service.js";
import { ResolutionStore } from "../src/identity/resolution.store.js";
import type { IngestResult, ReadResult } from "./lib/load-client.js";
import { LoadClient } from "./lib/load-process.js";
import { writeReport } from "./report.js";
import type { BenchResult, InProcessReads, SizeResult } from "./results.js";
import { load1, peakRssMiB, nextOf, pool, round, summarise } from "./lib/stats.js";
import { Workload } from "./lib/workload.js";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(benchDir, "..");

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    seed: { type: "string", default: "42" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "1000" },
    "read-clients": { type: "string", default: "32" },
    "read-seconds": { type: "string" },
    "store-max": { type: "string", default: "100000" },
    "ceiling-concurrency": { type: "string", default: "1" },
    "ceiling-batch": { type: "string", default: "10000" },
    "admin-repetitions": { type: "string" },
    steady: { type: "string" },
    "steady-store": { type: "string" },
    "growth-people": { type: "string" },
    "hot-key-rate": { type: "string", default: "200" },
    "growth-days": { type: "string" },
    "growth-events": { type: "string" },
    fresh: { type: "boolean" },
    docs: { type: "boolean" },
    report: { type: "string" },
    help: { type: "boolean", default: false },
  },
  allowPositionals: false,
});

if (args.help) {
  console.log(`npm run bench -- [--quick] [--sizes 10000,100000,1000000] [--seed 42] [--clients 4] [--batch 1000]
  [--read-clients 32] [--read-seconds N] [--store-max 100000] [--steady N] [--steady-store N]
  [--growth-people N] [--growth-days N] [--growth-events N (a person a day)] [--hot-key-rate 200] [--fresh] [--docs]
  [--report bench/results/<run>.json]
Uses NEO4J_URI when set, else starts its own local Neo4j (.neo4j/bench, Bolt 7692, HTTP 7479).`);
  process.exit(0);
}

if (args.report !== undefined) {
  // Re-renders docs/BENCHMARKS.md and the chart from a saved bench/results/<run>.json.
  const saved = JSON.parse(readFileSync(args.report, "utf8")) as BenchResult;
  console.log(`wrote ${writeReport(saved, projectRoot).join(", ")}`);
  process.exit(0);
}

const quick = args.quick;
const sizes = (args.sizes ?? (quick ? "10000" : "10000,100000,1000000")).split(",").map((size) => Number(size.trim()));
const seed = Number(args.seed);
const clients = Number(args.clients);
const batchSize = Number(args.batch);
const readClients = Number(args["read-clients"]);
const readSeconds = Number(args["read-seconds"] ?? (quick ? 8 : 20));
const storeMax = Number(args["store-max"]);
const ceilingConcurrency = Number(args["ceiling-concurrency"]);
const ceilingBatch = Number(args["ceiling-batch"]);
const adminRepetitions = Number(args["admin-repetitions"] ?? (quick ? 3 : 5));
const writeDocs = args.docs ?? !quick;
/** Steady traffic per size over HTTP (and its ceiling), and in-process through the store with and without the fast path. */
const steadyObservations = Number(args.steady ?? (quick ? 30000 : 100000));
const steadyStoreObservations = Number(args["steady-store"] ?? (quick ? 10000 : 30000));
/** The growth phase (growth.ts): people, simulated days, events a person a day; 0 people skips it. */
const growthPeople = Number(args["growth-people"] ?? (quick ? 1000 : 10000));
const growthDays = Number(args["growth-days"] ?? 30);
const growthEvents = Number(args["growth-events"] ?? (quick ? 4 : 20));
/**
 * The growth phase's dedup window, in real time: about a simulated day's worth, so receipts expire
 * within the run as they would within a week (a quick run's day takes about a second, a full one's a minute).
 */
const growthDedupWindow = quick ? "2s" : "60s";
/** The hot device's observations a second beside ordinary traffic (hot-key.ts). */
const hotKeyPerSec = Number(args["hot-key-rate"]);
const runId = `${new Date().toISOString().replace(/[-:T]/g, "").slice(0, 12)}${randomBytes(2).toString("hex")}`;

const log = (line: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

function machineInfo(): Record<string, string | number> {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return {
    cpus: os.availableParallelism(),
    cpuModel,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    freeG: (() => {
      try {
        return (/^Mem:.*$/m.exec(execFileSync("free", ["-g"], { encoding: "utf8" }))?.[0] ?? "").replace(/\s+/g, " ");
      } catch {
        return "unavailable";
      }
    })(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

async function startNeo4j(): Promise<{ uri: string; local: RunningNeo4j | undefined }> {
  if (process.env["NEO4J_URI"]) return { uri: process.env["NEO4J_URI"], local: undefined };
  const home = path.join(projectRoot, ".neo4j", "bench");
  if (args.fresh ?? !quick) {
    // A fresh store, so every full run measures the same growth from empty.
    const pidFile = path.join(home, "launcher.pid");
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8")) : 0;
    const alive = pid > 0 && existsSync(`/proc/${pid}`) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("IdgraphNeo4j");
    if (alive)
      throw new Error(`the bench Neo4j (pid ${pid}) is running; stop it, or run with NEO4J_URI=bolt://127.0.0.1:7692 and without --fresh`);
    rmSync(path.join(home, "data"), { recursive: true, force: true });
  }
  log("starting a local Neo4j for the benchmark (.neo4j/bench, bolt://127.0.0.1:7692)");
  // A checkpoint every 30 s, not Neo4j's 15 min: the store reuses what was deleted only after a
  // checkpoint, so a run of minutes sees the store size weeks of a running server would.
  const local = await startLocalNeo4j({
    name: "bench",
    boltPort: 7692,
    httpPort: 7479,
    heap: "3g",
    pageCache: quick ? "1g" : "6g",
    log,
    settings: { "db.checkpoint.interval.time": "30s" },
  });
  return { uri: local.boltUri, local };
}

async function neo4jVersion(executor: Executor): Promise<string> {
  const result = await executor.read("bench", (tx) =>
    tx.run("CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"),
  );
  const record = result.records[0];
  return record ? `${record.get("name")} ${record.get("version")} ${record.get("edition")}` : "unknown";
}

/** The same workload straight into the store (no HTTP, no GraphQL), with the same clients and batches. */
async function ingestThroughStore(
  services: ReturnType<typeof createServices>,
  space: string,
  profiles: number,
): Promise<{ observations: number; elapsedMs: number }> {
  const workload = new Workload({ profiles, seed });
  const batches = workload.batches(batchSize);
  let observations = 0;
  const started = performance.now();
  await pool(clients, nextOf(batches), async (batch) => {
    const inputs = batch.map(({ timestamp, ...rest }) => ({ ...rest, timestamp: new Date(timestamp) }));
    await services.identity.resolveBatch(inputs, { space, actor: "system" });
    observations += batch.length;
  });
  return { observations, elapsedMs: performance.now() - started };
}

async function readThroughReader(
  services: ReturnType<typeof createServices>,
  space: string,
  devices: string[],
  path: "one" | "two",
): Promise<InProcessReads> {
  let next = 0;
  const read = async (deviceId: string): Promise<unknown> => {
    if (path === "one") return services.profiles.profileByDevice(space, deviceId);
    const root = await services.profiles.rootByDevice(space, deviceId);
    return root ? services.profiles.loadProfiles(space, [root]) : null;
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

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  log(`run ${runId}: ${quick ? "quick" : "full"}, sizes ${sizes.join(", ")}, load ${load1()}`);
  const { uri, local } = await startNeo4j();
  const executor = new Executor({
    uri,
    username: process.env["NEO4J_USERNAME"],
    password: process.env["NEO4J_PASSWORD"],
    database: process.env["NEO4J_DATABASE"] ?? "neo4j",
  });
  await migrate(executor, log);
  const neo4j = await neo4jVersion(executor);
  const spaces = [...sizes.map((size) => `bench-${runId}-${size}`), `bench-${runId}-admin`, `bench-${runId}-warmup`];
  const keys = new Map(spaces.map((space) => [space, `bench-${randomBytes(12).toString("hex")}`]));
  const apiKeys = ApiKeys.parse([...keys].map(([space, key]) => `bench:${key}:admin:${space}`).join(","));
  const rules = DEFAULT_IDENTITY_RULES;
  const server = await startApp({ executor, rules, logger: createLogger("silent"), apiKeys, port: 0, host: "127.0.0.1" });
  const services = createServices(executor, rules);
  const schemaText = printSchema(await buildIdgraphSchema());
  const loadClient = new LoadClient(log);
  const result: BenchResult = {
    runId,
    quick,
    startedAt,
    machine: { ...machineInfo(), neo4j, neo4jSource: local ? "local launcher, heap 3g" : "NEO4J_URI" },
    settings: {
      clients,
      batchSize,
      readClients,
      readSeconds,
      ceilingConcurrency,
      ceilingBatch,
      seed,
      storeMax,
      steadyObservations,
      steadyStoreObservations,
      growthPeople,
      growthDays,
      growthEvents,
    },
    workload: {},
    sizes: [],
  };
  const resultsDir = path.join(benchDir, "results");
  mkdirSync(resultsDir, { recursive: true });
  const save = (): void => writeFileSync(path.join(resultsDir, `${runId}.json`), JSON.stringify(result, null, 2));

  try {
    // A fresh JVM and server: warm the JIT, the query caches and the page cache before measuring.
    const warmupProfiles = Math.min(5000, Math.max(1000, Math.floor((sizes[0] ?? 10000) / 2)));
    log(`warm-up: ${warmupProfiles} profiles through resolveBatch and the store (not measured)`);
    const warmupSpace = `bench-${runId}-warmup`;
    await loadClient.run<IngestResult>({
      type: "ingest",
      url: server.url,
      key: keys.get(warmupSpace) as string,
      profiles: warmupProfiles,
      seed: seed + 1,
      clients,
      batchSize,
    });
    await ingestThroughStore(services, `${warmupSpace}-store`, warmupProfiles);

    if (growthPeople > 0) {
      log(
        `== growth: ${growthPeople} people, then ${growthDays} simulated days of ${growthEvents} events a person a day (the dedup window shortened to ${growthDedupWindow} of real time, the retention work every second; the late window the default 7 days of the events' time)`,
      );
      result.growth = await measureGrowth(
        executor,
        `bench-${runId}-growth`,
        {
          people: growthPeople,
          days: growthDays,
          eventsPerPersonPerDay: growthEvents,
          seed,
          clients,
          batchSize,
          dedupWindow: growthDedupWindow,
          retentionIntervalMs: 1000,
          storeDir: local ? path.join(projectRoot, ".neo4j", "bench", "data", "databases", "neo4j") : undefined,
        },
        log,
      );
      log(
        `growth: ${result.growth.steadyNodesPerEvent} nodes and ${result.growth.growthBytesPerEvent ?? "?"} bytes per event once the windows passed; store on the last day ${result.growth.sizeRatioLastToDay7 ?? "?"}x day 7's`,
      );
      save();
    }

    for (const profiles of sizes) {
      const space = `bench-${runId}-${profiles}`;
      const key = keys.get(space) as string;
      log(`== ${profiles} profiles: ingest through resolveBatch over HTTP (${clients} clients, batches of ${batchSize})`);
      const ingestLoad = load1();
      const ingest = await loadClient.run<IngestResult>({ type: "ingest", url: server.url, key, profiles, seed, clients, batchSize });
      const ingestPerSec = Math.round((ingest.observations / ingest.elapsedMs) * 1000);
      log(`ingest: ${ingest.observations} observations in ${(ingest.elapsedMs / 1000).toFixed(1)} s = ${ingestPerSec}/s (load ${load1()})`);
      result.workload[String(profiles)] = ingest.stats;

      const counts = await countSpace(executor, space);
      log(
        `graph: ${totalOf(counts.nodes)} nodes ${JSON.stringify(counts.nodes)}, ${totalOf(counts.relationships)} relationships ${JSON.stringify(counts.relationships)}`,
      );
      log(`ceiling: the same graph by batched UNWIND ... CREATE (${ceilingConcurrency} at once, ${ceilingBatch} rows)`);
      const ceilingLoad = load1();
      const ceiling = await writeCeiling(executor, `${space}-ceiling`, counts, ceilingBatch, ceilingConcurrency);
      const ceilingPerSec = Math.round((ingest.observations / ceiling.elapsedMs) * 1000);
      log(
        `ceiling: ${(ceiling.elapsedMs / 1000).toFixed(1)} s = ${ceilingPerSec} observations/s equivalent; ingest/ceiling ${round(ingestPerSec / ceilingPerSec)}`,
      );

      let store: SizeResult["store"];
      if (profiles <= storeMax) {
        log(`ingest through the store directly (no HTTP/GraphQL, ${clients} clients)`);
        const storeLoad = load1();
        const direct = await ingestThroughStore(services, `${space}-store`, profiles);
        store = { ...direct, perSec: Math.round((direct.observations / direct.elapsedMs) * 1000), load: storeLoad };
        log(`store: ${store.perSec}/s`);
      }

      log(`== steady traffic: ${steadyObservations} observations over HTTP (${clients} clients, batches of ${batchSize})`);
      const steadyLoad = load1();
      const steadyRun = await loadClient.run<IngestResult>({
        type: "ingest",
        workload: "steady",
        observations: steadyObservations,
        url: server.url,
        key,
        profiles,
        seed,
        clients,
        batchSize,
      });
      const steadyPerSec = Math.round((steadyRun.observations / steadyRun.elapsedMs) * 1000);
      log(`steady: ${steadyRun.observations} in ${(steadyRun.elapsedMs / 1000).toFixed(1)} s = ${steadyPerSec}/s (load ${load1()})`);
      const steadyCeilingLoad = load1();
      const steadyCeilingRun = await writeSteadyCeiling(
        executor,
        space,
        new SteadyWorkload({ profiles, seed, observations: steadyObservations, messagePrefix: "ceiling-steady" }).batches(batchSize),
        clients,
        batchSize,
      );
      const steadyCeilingPerSec = Math.round((steadyCeilingRun.observations / steadyCeilingRun.elapsedMs) * 1000);
      log(`steady ceiling: ${steadyCeilingPerSec}/s; steady/ceiling ${round(steadyPerSec / steadyCeilingPerSec)}`);
      const storeLoad = load1();
      const viaStore = async (wholeProfiles: boolean): Promise<number> => {
        const identity = new IdentityService(new ResolutionStore(executor, rules, { wholeProfiles }), rules);
        const batches = new SteadyWorkload({
          profiles,
          seed,
          observations: steadyStoreObservations,
          messagePrefix: wholeProfiles ? "store-whole" : "store-fast",
        }).batches(batchSize);
        let count = 0;
        const started = performance.now();
        await pool(clients, nextOf(batches), async (batch) => {
          const inputs = batch.map(({ timestamp, event: _event, ...rest }) => ({ ...rest, timestamp: new Date(timestamp) }));
          await identity.resolveBatch(inputs, { space, actor: "system" });
          count += batch.length;
        });
        return Math.round((count / (performance.now() - started)) * 1000);
      };
      const fastPerSec = await viaStore(false);
      const wholePerSec = await viaStore(true);
      log(`steady through the store: fast path ${fastPerSec}/s, whole profiles ${wholePerSec}/s`);
      log(`hot key: the same traffic through the store alone, then beside one device sending ${hotKeyPerSec} observations a second`);
      const hotKeyLoad = load1();
      const hotKey = await measureHotKey(services.identity, space, {
        profiles,
        seed,
        observations: steadyStoreObservations,
        clients,
        batchSize,
        hotPerSec: hotKeyPerSec,
      });
      log(
        `hot key: alone ${hotKey.without.perSec}/s p99 ${hotKey.without.p99Ms} ms; beside the hot device (${hotKey.with.hotPerSec}/s) ${hotKey.with.perSec}/s p99 ${hotKey.with.p99Ms} ms: rate x${hotKey.rateRatio}, p99 x${hotKey.p99Ratio}`,
      );
      const steady: SizeResult["steady"] = {
        observations: steadyRun.observations,
        elapsedMs: round(steadyRun.elapsedMs),
        perSec: steadyPerSec,
        load: steadyLoad,
        stats: steadyRun.stats as SteadyStats,
        warnings: steadyRun.warnings,
        ceiling: { elapsedMs: round(steadyCeilingRun.elapsedMs), perSec: steadyCeilingPerSec, load: steadyCeilingLoad },
        ratio: round(steadyPerSec / steadyCeilingPerSec),
        store: { fastPerSec, wholePerSec, observations: steadyStoreObservations, load: storeLoad },
        hotKey: { ...hotKey, load: hotKeyLoad },
      };

      // Closed-loop reads of one query from the load client: concurrency, warm-up and measured time.
      const readsOf = (query: "profileByDevice" | "typename", concurrency: number, warmupMs: number, durationMs: number) =>
        loadClient.run<ReadResult>({ type: "reads", url: server.url, key, query, concurrency, warmupMs, durationMs, seed });
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

      // The same reads without HTTP or GraphQL, 32 at once in this process: the resolver's first path
      // (root by device, then the profile: two transactions) and the one statement it uses now.
      const devices = (
        await executor.read("bench", (tx) => tx.run(`MATCH (d:Device {space: $space}) RETURN d.id AS id LIMIT 20000`, { space }))
      ).records.map((r) => r.get("id") as string);
      const readerLoad = load1();
      const readerTwo = await readThroughReader(services, space, devices, "two");
      const readerOne = await readThroughReader(services, space, devices, "one");
      log(
        `reader in-process: root then profile ${readerTwo.perSec}/s p99 ${readerTwo.latency.p99Ms} ms; one statement ${readerOne.perSec}/s p99 ${readerOne.latency.p99Ms} ms`,
      );

      const size: SizeResult = {
        profiles,
        ingest: {
          observations: ingest.observations,
          elapsedMs: round(ingest.elapsedMs),
          perSec: ingestPerSec,
          warnings: ingest.warnings,
          load: ingestLoad,
        },
        counts,
        ceiling: {
          elapsedMs: round(ceiling.elapsedMs),
          perSec: ceilingPerSec,
          nodesPerSec: Math.round((ceiling.nodes / ceiling.elapsedMs) * 1000),
          relationshipsPerSec: Math.round((ceiling.relationships / ceiling.elapsedMs) * 1000),
          ratio: round(ingestPerSec / ceilingPerSec),
          load: ceilingLoad,
        },
        ...(store ? { store } : {}),
        steady,
        reads: { ...reads, load: readLoad },
        readsOne: { ...readsOne, load: readsOneLoad },
        floor: { ...floor, load: floorLoad },
        readRatio: round(reads.perSec / floor.perSec),
        reader: { twoStatements: readerTwo, oneStatement: readerOne, load: readerLoad },
        memory: {
          nodeMaxRssMiB: round(process.resourceUsage().maxRSS / 1024, 0),
          loadClientMaxRssMiB: loadClient.pid === undefined ? undefined : peakRssMiB(loadClient.pid),
          neo4jPeakRssMiB: local ? peakRssMiB(local.pid) : undefined,
        },
      };
      result.sizes.push(size);
      log(`memory: Node (server) peak ${size.memory.nodeMaxRssMiB} MiB, Neo4j peak ${size.memory.neo4jPeakRssMiB ?? "?"} MiB`);
      save();
    }

    log(`admin: resetIdentities and unmerge on a 50-device profile (${adminRepetitions} times each)`);
    const adminSpace = `bench-${runId}-admin`;
    try {
      result.admin = await measureAdmin(server.url, keys.get(adminSpace) as string, schemaText, adminRepetitions, runId);
      if (result.admin.available)
        log(
          `admin: reset p50 ${result.admin.reset?.p50Ms} ms max ${result.admin.reset?.maxMs} ms; unmerge p50 ${result.admin.unmerge?.p50Ms} ms max ${result.admin.unmerge?.maxMs} ms`,
        );
      else log(`admin: skipped: ${result.admin.note}`);
    } catch (error) {
      result.admin = { available: false, devices: 50, note: `failed: ${error instanceof Error ? error.message : String(error)}` };
      log(`admin: ${result.admin.note}`);
    }

    const last = result.sizes.at(-1) as SizeResult;
    result.summary = {
      ingestPerSec: last.ingest.perSec,
      ceilingPerSec: last.ceiling.perSec,
      ingestRatio: last.ceiling.ratio,
      readP50Ms: last.reads.latency.p50Ms,
      readP99Ms: last.reads.latency.p99Ms,
      readRatio: last.readRatio,
      reset50Ms: result.admin?.reset?.p50Ms ?? null,
      readPerSec: last.reads.perSec,
      steadyPerSec: last.steady?.perSec ?? null,
      steadyCeilingPerSec: last.steady?.ceiling.perSec ?? null,
      steadyRatio: last.steady?.ratio ?? null,
      readP50Ms1: last.readsOne?.latency.p50Ms ?? null,
      steadyNodesPerEvent: result.growth?.steadyNodesPerEvent ?? null,
      growthBytesPerEvent: result.growth?.growthBytesPerEvent ?? null,
    };
    result.finishedAt = new Date().toISOString();
    save();
    if (writeDocs) {
      const written = writeReport(result, projectRoot);
      log(`wrote ${written.join(", ")}`);
    }
    printTable(result);
    console.log(JSON.stringify(result.summary));
  } finally {
    loadClient.stop();
    await server.stop();
    await executor.close();
    await local?.stop();
  }
}

function printTable(result: BenchResult): void {
  const rows = result.sizes.map((s) => ({
    profiles: s.profiles,
    observations: s.ingest.observations,
    "ingest/s": s.ingest.perSec,
    "store/s": s.store?.perSec ?? "-",
    "ceiling/s": s.ceiling.perSec,
    "ingest/ceiling": s.ceiling.ratio,
    "read/s": s.reads.perSec,
    "p50 ms": s.reads.latency.p50Ms,
    "p95 ms": s.reads.latency.p95Ms,
    "p99 ms": s.reads.latency.p99Ms,
    "steady/s": s.steady?.perSec ?? "-",
    "steady ceiling/s": s.steady?.ceiling.perSec ?? "-",
    "floor/s": s.floor.perSec,
    "read/floor": s.readRatio,
    "node MiB": s.memory.nodeMaxRssMiB,
    "neo4j MiB": s.memory.neo4jPeakRssMiB ?? "-",
  }));
  console.table(rows);
  if (result.admin?.available) {
    console.log(
      `admin on a 50-device profile: resetIdentities p50 ${result.admin.reset?.p50Ms} ms (max ${result.admin.reset?.maxMs}), unmerge p50 ${result.admin.unmerge?.p50Ms} ms (max ${result.admin.unmerge?.maxMs})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
