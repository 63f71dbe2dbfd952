// `npm run bench -- --quick` (under 3 minutes) or `npm run bench` (10k, 100k and 1M profiles, then
// docs/BENCHMARKS.md and docs/bench-scale.svg). Every figure of one run is measured on one Neo4j:
// NEO4J_URI when set, else a local Neo4j of its own (.neo4j/bench, Bolt 7692), never the shared one.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { printSchema } from "graphql";
import type { RunningNeo4j } from "../dev/neo4j/local-neo4j.js";
import { startApp } from "../src/app/app.js";
import { buildIdgraphSchema } from "../src/app/schema.js";
import { createServices, type Services } from "../src/app/services.js";
import { ApiKeys } from "../src/auth/api-keys.js";
import { createLogger } from "../src/logger.js";
import { Executor } from "../src/neo4j/executor.js";
import { migrate } from "../src/neo4j/migrations.js";
import { DEFAULT_IDENTITY_RULES } from "../src/rules/rules-config.js";
import type { RunningServer } from "../src/server/http.js";
import { measureAdmin } from "./admin.js";
import { ingestThroughStore, measureChurn } from "./churn.js";
import { measureGrowth } from "./growth.js";
import { measureHotKey } from "./hot-key.js";
import type { IngestResult } from "./lib/load-client.js";
import { LoadClient } from "./lib/load-process.js";
import { benchLog, newRunId } from "./lib/log.js";
import { machineInfo } from "./lib/machine.js";
import { benchNeo4j, neo4jVersion } from "./lib/neo4j.js";
import { load1, peakRssMiB, round } from "./lib/stats.js";
import { measureReads } from "./reads.js";
import { writeReport } from "./report.js";
import { type BenchResult, joinRuns, type SizeResult } from "./results.js";
import { measureSteady } from "./steady.js";
import { benchApiKeys } from "./lib/keys.js";

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
    with: { type: "string" },
    help: { type: "boolean", default: false },
  },
  allowPositionals: false,
});

if (args.help) {
  console.log(`npm run bench -- [--quick] [--sizes 10000,100000,1000000] [--seed 42] [--clients 4] [--batch 1000]
  [--read-clients 32] [--read-seconds N] [--store-max 100000] [--steady N] [--steady-store N]
  [--growth-people N] [--growth-days N] [--growth-events N (a person a day)] [--hot-key-rate 200] [--fresh] [--docs]
  [--report bench/results/<run>.json [--with bench/results/<other run>.json]]
Uses NEO4J_URI when set, else starts its own local Neo4j (.neo4j/bench, Bolt 7692, HTTP 7479).`);
  process.exit(0);
}

if (args.report !== undefined) {
  // Re-renders docs/BENCHMARKS.md and the chart from a saved bench/results/<run>.json; with --with,
  // joined with the sizes another run measured that it lacks, saved as bench/results/<run>+<other>.json.
  let saved = JSON.parse(readFileSync(args.report, "utf8")) as BenchResult;
  if (args.with !== undefined) {
    const other = JSON.parse(readFileSync(args.with, "utf8")) as BenchResult;
    saved = joinRuns(saved, other);
    const file = path.join(projectRoot, "bench", "results", `${saved.runId}+${other.runId}.json`);
    writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
    console.log(`wrote ${path.relative(projectRoot, file)}`);
  }
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
const runId = newRunId();

const log = benchLog("bench");

/** What every phase of a run works with. */
interface Run {
  executor: Executor;
  local: RunningNeo4j | undefined;
  server: RunningServer;
  services: Services;
  /** Each space's admin key. */
  keys: Map<string, string>;
  schemaText: string;
  loadClient: LoadClient;
  result: BenchResult;
  /** Writes the results so far to bench/results/<run>.json. */
  save(): void;
}

const traffic = { seed, clients, batchSize };

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  log(`run ${runId}: ${quick ? "quick" : "full"}, sizes ${sizes.join(", ")}, load ${load1()}`);
  const run = await setUp(startedAt);
  try {
    await warmUp(run);
    if (growthPeople > 0) await growth(run);
    for (const profiles of sizes) await size(run, profiles);
    await admin(run);
    finish(run);
  } finally {
    run.loadClient.stop();
    await run.server.stop();
    await run.executor.close();
    await run.local?.stop();
  }
}

/** Neo4j (migrated), a server with an admin key per space, the services in-process, the load client, the results. */
async function setUp(startedAt: string): Promise<Run> {
  const { uri, local } = await benchNeo4j({
    name: "bench",
    boltPort: 7692,
    httpPort: 7479,
    heap: "3g",
    pageCache: quick ? "1g" : "6g",
    // A checkpoint every 30 s, not Neo4j's 15 min: the store reuses what was deleted only after a
    // checkpoint, so a run of minutes sees the store size weeks of a running server would.
    settings: { "db.checkpoint.interval.time": "30s" },
    purpose: "the benchmark",
    // A fresh store, so every full run measures the same growth from empty.
    fresh: args.fresh ?? !quick,
    log,
  });
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
  const apiKeys = ApiKeys.parse(benchApiKeys(keys));
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
  return { executor, local, server, services, keys, schemaText, loadClient, result, save };
}

/** A fresh JVM and server: warm the JIT, the query caches and the page cache before measuring. */
async function warmUp(run: Run): Promise<void> {
  const warmupProfiles = Math.min(5000, Math.max(1000, Math.floor((sizes[0] ?? 10000) / 2)));
  log(`warm-up: ${warmupProfiles} profiles through resolveBatch and the store (not measured)`);
  const warmupSpace = `bench-${runId}-warmup`;
  await run.loadClient.run<IngestResult>({
    type: "ingest",
    url: run.server.url,
    key: run.keys.get(warmupSpace) as string,
    profiles: warmupProfiles,
    seed: seed + 1,
    clients,
    batchSize,
  });
  await ingestThroughStore(run.services.identity, `${warmupSpace}-store`, warmupProfiles, traffic);
}

/** People, then simulated days of repeat traffic: does the store grow with people or with traffic (growth.ts)? */
async function growth(run: Run): Promise<void> {
  log(
    `== growth: ${growthPeople} people, then ${growthDays} simulated days of ${growthEvents} events a person a day (the dedup window shortened to ${growthDedupWindow} of real time, the retention work every second; the late window the default 7 days of the events' time)`,
  );
  const measured = await measureGrowth(
    run.executor,
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
      storeDir: run.local ? path.join(projectRoot, ".neo4j", "bench", "data", "databases", "neo4j") : undefined,
    },
    log,
  );
  run.result.growth = measured;
  log(
    `growth: ${measured.steadyNodesPerEvent} nodes and ${measured.growthBytesPerEvent ?? "?"} bytes per event once the windows passed; store on the last day ${measured.sizeRatioLastToDay7 ?? "?"}x day 7's`,
  );
  run.save();
}

/** One size: the churn workload, steady traffic, the hot key, reads; each in a space of its own. */
async function size(run: Run, profiles: number): Promise<void> {
  const { executor, loadClient, services } = run;
  const space = `bench-${runId}-${profiles}`;
  const key = run.keys.get(space) as string;
  const url = run.server.url;
  const { stats, ...churn } = await measureChurn({
    ...traffic,
    url,
    key,
    space,
    profiles,
    executor,
    identity: services.identity,
    loadClient,
    ceilingBatch,
    ceilingConcurrency,
    storeMax,
    log,
  });
  run.result.workload[String(profiles)] = stats;

  const steady = await measureSteady({
    ...traffic,
    url,
    key,
    space,
    profiles,
    observations: steadyObservations,
    storeObservations: steadyStoreObservations,
    executor,
    rules: DEFAULT_IDENTITY_RULES,
    loadClient,
    log,
  });
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

  const reads = await measureReads({
    url,
    key,
    space,
    seed,
    readClients,
    readSeconds,
    executor,
    profiles: services.profiles,
    loadClient,
    log,
  });

  const measured: SizeResult = {
    profiles,
    ...churn,
    steady: { ...steady, hotKey: { ...hotKey, load: hotKeyLoad } },
    ...reads,
    memory: {
      nodeMaxRssMiB: round(process.resourceUsage().maxRSS / 1024, 0),
      loadClientMaxRssMiB: loadClient.pid === undefined ? undefined : peakRssMiB(loadClient.pid),
      neo4jPeakRssMiB: run.local ? peakRssMiB(run.local.pid) : undefined,
    },
  };
  run.result.sizes.push(measured);
  log(`memory: Node (server) peak ${measured.memory.nodeMaxRssMiB} MiB, Neo4j peak ${measured.memory.neo4jPeakRssMiB ?? "?"} MiB`);
  run.save();
}

/** resetIdentities and unmerge on a 50-device profile, through the API (admin.ts). */
async function admin(run: Run): Promise<void> {
  log(`admin: resetIdentities and unmerge on a 50-device profile (${adminRepetitions} times each)`);
  const adminSpace = `bench-${runId}-admin`;
  const { result } = run;
  try {
    result.admin = await measureAdmin(run.server.url, run.keys.get(adminSpace) as string, run.schemaText, adminRepetitions, runId);
    if (result.admin.available)
      log(
        `admin: reset p50 ${result.admin.reset?.p50Ms} ms max ${result.admin.reset?.maxMs} ms; unmerge p50 ${result.admin.unmerge?.p50Ms} ms max ${result.admin.unmerge?.maxMs} ms`,
      );
    else log(`admin: skipped: ${result.admin.note}`);
  } catch (error) {
    result.admin = { available: false, devices: 50, note: `failed: ${error instanceof Error ? error.message : String(error)}` };
    log(`admin: ${result.admin.note}`);
  }
}

/** The summary line, the saved results, docs/BENCHMARKS.md (full runs), the table. */
function finish(run: Run): void {
  const { result } = run;
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
  run.save();
  if (writeDocs) {
    const written = writeReport(result, projectRoot);
    log(`wrote ${written.join(", ")}`);
  }
  printTable(result);
  console.log(JSON.stringify(result.summary));
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
