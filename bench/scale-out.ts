// `npm run bench:scale`: one, then two idgraph server processes against one Neo4j, with the load
// generator in a process of its own (bench/lib/load-client.ts) spreading requests over the servers in
// turn. For each process count, in one run: ingest of the identity-churn workload (a fresh space),
// profileByDevice reads and the `{ __typename }` floor, each with the load average and the CPU time
// that the servers, Neo4j and the load generator spent on it (from /proc/<pid>/stat), so that a
// machine whose cores are the bound says so. Neo4j: NEO4J_URI when set, else a local one of its
// own (.neo4j/scale, Bolt 7694, HTTP 7481). Results: a table, and bench/results/scale-<run>.json.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { RunningNeo4j } from "../dev/neo4j/local-neo4j.js";
import type { IngestResult, ReadResult } from "./lib/load-client.js";
import { LoadClient } from "./lib/load-process.js";
import { benchLog, newRunId } from "./lib/log.js";
import { cpuModel } from "./lib/machine.js";
import { benchNeo4j } from "./lib/neo4j.js";
import { round } from "./lib/stats.js";
import { benchApiKeys } from "./lib/keys.js";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(benchDir, "..");

const { values: args } = parseArgs({
  options: {
    processes: { type: "string", default: "1,2" },
    profiles: { type: "string", default: "5000" },
    "warmup-profiles": { type: "string", default: "1000" },
    "first-warmup-profiles": { type: "string", default: "5000" },
    seed: { type: "string", default: "42" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "1000" },
    "read-clients": { type: "string", default: "32" },
    "read-seconds": { type: "string", default: "8" },
    "neo4j-pid": { type: "string" },
    help: { type: "boolean", default: false },
  },
  allowPositionals: false,
});

if (args.help) {
  console.log(`npm run bench:scale -- [--processes 1,2] [--profiles 5000] [--warmup-profiles 1000] [--first-warmup-profiles 5000] [--seed 42] [--clients 4]
  [--batch 1000] [--read-clients 32] [--read-seconds 8] [--neo4j-pid PID]
Uses NEO4J_URI when set (the Neo4j's process is found by its Bolt port when it runs on this machine,
or given by --neo4j-pid), else starts its own local Neo4j (.neo4j/scale, Bolt 7694, HTTP 7481).`);
  process.exit(0);
}

const processCounts = args.processes.split(",").map((count) => Number(count.trim()));
const profiles = Number(args.profiles);
const warmupProfiles = Number(args["warmup-profiles"]);
// The first round also warms a freshly started Neo4j (JIT, page cache): without more of it, the
// first process count would pay for that and look slower than it is.
const firstWarmupProfiles = Number(args["first-warmup-profiles"]);
const seed = Number(args.seed);
const clients = Number(args.clients);
const batchSize = Number(args.batch);
const readClients = Number(args["read-clients"]);
const readSeconds = Number(args["read-seconds"]);
const runId = newRunId();

const log = benchLog("scale");

// ---- CPU time and load, from /proc ----

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on Linux x86 and arm

/** User plus system CPU time of a process so far, in ms (undefined when it is not readable). */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** All CPU time of the machine so far (every process, from /proc/stat), in ms, and idle time. */
function machineCpuMs(): { busy: number; idle: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.split(/\s+/).slice(1).map(Number);
  const toMs = (ticks: number): number => (ticks * 1000) / TICKS_PER_SECOND;
  return { busy: toMs(user + nice + system + irq + softirq + steal), idle: toMs(idle + iowait) };
}

interface Load {
  /** `uptime`'s load averages (1, 5, 15 minutes) when the phase started. */
  loadAverage: [number, number, number];
  nproc: number;
}

const loadNow = (): Load => {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return { loadAverage: [round(one), round(five), round(fifteen)], nproc: os.availableParallelism() };
};

/** Where a phase's CPU went: each server process, Neo4j, the load generator, and the whole machine (ms of CPU per wall second = cores busy × 1000). */
interface CpuUse {
  wallMs: number;
  /** CPU ms of each idgraph server process. */
  servers: number[];
  neo4j: number | undefined;
  loadClient: number | undefined;
  /** Every process on the machine, this benchmark's and others'. */
  machine: number;
  machineIdle: number;
  /** Cores busy on average: all processes, the servers together, Neo4j. */
  coresBusy: { machine: number; servers: number; neo4j: number | undefined };
}

interface Pids {
  servers: number[];
  neo4j: number | undefined;
  loadClient: number | undefined;
}

async function measured<T>(pids: Pids, work: () => Promise<T>): Promise<{ result: T; load: Load; cpu: CpuUse }> {
  const load = loadNow();
  const before = {
    servers: pids.servers.map(cpuMs),
    neo4j: cpuMs(pids.neo4j),
    loadClient: cpuMs(pids.loadClient),
    machine: machineCpuMs(),
  };
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const machine = machineCpuMs();
  const delta = (after: number | undefined, earlier: number | undefined): number | undefined =>
    after === undefined || earlier === undefined ? undefined : round(after - earlier, 0);
  const servers = pids.servers.map((pid, i) => delta(cpuMs(pid), before.servers[i]) ?? 0);
  const neo4j = delta(cpuMs(pids.neo4j), before.neo4j);
  const serversTotal = servers.reduce((sum, ms) => sum + ms, 0);
  const cpu: CpuUse = {
    wallMs: round(wallMs, 0),
    servers,
    neo4j,
    loadClient: delta(cpuMs(pids.loadClient), before.loadClient),
    machine: round(machine.busy - before.machine.busy, 0),
    machineIdle: round(machine.idle - before.machine.idle, 0),
    coresBusy: {
      machine: round((machine.busy - before.machine.busy) / wallMs),
      servers: round(serversTotal / wallMs),
      neo4j: neo4j === undefined ? undefined : round(neo4j / wallMs),
    },
  };
  return { result, load, cpu };
}

/** The process listening on a TCP port of this machine (by the socket's inode in /proc), when it is visible to us. */
function listenerPid(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1] ?? "";
      // State 0A is LISTEN; the local address ends in the port in hex.
      if (fields[3] === "0A" && Number.parseInt(local.slice(local.lastIndexOf(":") + 1), 16) === port && fields[9]) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match?.[1] && inodes.has(match[1])) return Number(entry);
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return undefined;
}

// ---- Neo4j, the server processes, the load generator ----

async function startNeo4j(): Promise<{ uri: string; local: RunningNeo4j | undefined; pid: number | undefined }> {
  const { uri, local } = await benchNeo4j({
    name: "scale",
    boltPort: 7694,
    httpPort: 7481,
    heap: "1g",
    pageCache: "512m",
    purpose: "the scale-out benchmark",
    log,
  });
  if (local) return { uri, local, pid: local.pid };
  // NEO4J_URI: its process, when it runs on this machine (or as --neo4j-pid names it).
  const url = new URL(uri.replace(/^[a-z+]+:/, "http:"));
  const onThisMachine = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  const pid = args["neo4j-pid"] ? Number(args["neo4j-pid"]) : onThisMachine ? listenerPid(Number(url.port || 7687)) : undefined;
  return { uri, local: undefined, pid };
}

/** A port nobody listens on right now (the OS picks it; released before the server binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `node --import tsx src/app/main.ts` with NEO4J_URI, PORT and IDGRAPH_API_KEYS, as a deployment runs it; ready once /readyz answers 200. */
async function startServer(neo4jUri: string, apiKeys: string): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_URI: neo4jUri,
    PORT: String(port),
    HOST: "127.0.0.1",
    IDGRAPH_API_KEYS: apiKeys,
    IDGRAPH_PRODUCTION: "1",
    LOG_LEVEL: "warn",
  };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/app/main.ts"], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const waitForExit = (ms: number): Promise<boolean> =>
    exited()
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const timer = setTimeout(() => resolve(false), ms);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
  const stop = async (): Promise<void> => {
    if (exited()) return;
    child.kill("SIGTERM");
    if (!(await waitForExit(15_000))) {
      child.kill("SIGKILL");
      await waitForExit(5_000);
    }
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && !exited()) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid as number, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`idgraph server process on port ${port} was not ready:\n${output.slice(-2000)}`);
}

// ---- The run ----

interface Phase<T> {
  load: Load;
  cpu: CpuUse;
  figure: T;
}

interface ProcessCountResult {
  processes: number;
  ingest: Phase<{ observations: number; elapsedMs: number; perSec: number; warnings: Record<string, number> }>;
  reads: Phase<ReadResult>;
  floor: Phase<ReadResult>;
}

interface ScaleResult {
  runId: string;
  startedAt: string;
  finishedAt?: string;
  machine: Record<string, string | number>;
  neo4j: { uri: string; source: string; pid: number | undefined };
  settings: Record<string, number | string>;
  results: ProcessCountResult[];
}

async function main(): Promise<void> {
  const result: ScaleResult = {
    runId,
    startedAt: new Date().toISOString(),
    machine: {
      nproc: os.availableParallelism(),
      cpuModel: cpuModel() ?? "unknown",
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
    },
    neo4j: { uri: "", source: "", pid: undefined },
    settings: {
      processCounts: processCounts.join(","),
      profiles,
      warmupProfiles,
      firstWarmupProfiles,
      seed,
      clients,
      batchSize,
      readClients,
      readSeconds,
    },
    results: [],
  };
  log(
    `run ${runId}: ${processCounts.join(" then ")} server processes, ${profiles} profiles, nproc ${os.availableParallelism()}, load ${os
      .loadavg()
      .map((l) => round(l))
      .join(" ")}`,
  );
  const neo4j = await startNeo4j();
  result.neo4j = {
    uri: neo4j.uri,
    source: neo4j.local ? "local launcher (.neo4j/scale), heap 1g, page cache 512m" : "NEO4J_URI",
    pid: neo4j.pid,
  };
  if (neo4j.pid === undefined) log("the Neo4j process is not visible here: its CPU time is not measured (give --neo4j-pid)");

  // A space per round (`--processes 1,2,1,2` repeats a count): every measured ingest starts empty.
  const spaceOf = (round: number, n: number): string => `scale-${runId}-r${round}-p${n}`;
  const spaces = processCounts.flatMap((n, i) => [spaceOf(i, n), `${spaceOf(i, n)}-warmup`]);
  const keys = new Map(spaces.map((space) => [space, `scale-${randomBytes(12).toString("hex")}`]));
  const apiKeys = benchApiKeys(keys);
  const loadClient = new LoadClient(log);
  const resultsDir = path.join(benchDir, "results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `scale-${runId}.json`);
  const save = (): void => writeFileSync(file, JSON.stringify(result, null, 2));
  let servers: ServerProcess[] = [];

  try {
    for (const [i, n] of processCounts.entries()) {
      log(`== ${n} server process${n === 1 ? "" : "es"}: starting`);
      servers = await Promise.all(Array.from({ length: n }, () => startServer(neo4j.uri, apiKeys)));
      const urls = servers.map((server) => server.url);
      const pids: Pids = { servers: servers.map((server) => server.pid), neo4j: neo4j.pid, loadClient: loadClient.pid };
      log(`servers ${servers.map((s) => `${s.url} (pid ${s.pid})`).join(", ")}`);

      // Fresh processes: warm their JIT and Neo4j's query caches before measuring (not measured).
      const warmupSpace = `${spaceOf(i, n)}-warmup`;
      await loadClient.run<IngestResult>({
        type: "ingest",
        url: urls,
        key: keys.get(warmupSpace) as string,
        profiles: i === 0 ? firstWarmupProfiles : warmupProfiles,
        seed: seed + 1,
        clients,
        batchSize,
      });

      const space = spaceOf(i, n);
      const key = keys.get(space) as string;
      log(`ingest: ${profiles} profiles, ${clients} clients, batches of ${batchSize}, a fresh space`);
      const ingest = await measured(pids, () =>
        loadClient.run<IngestResult>({ type: "ingest", url: urls, key, profiles, seed, clients, batchSize }),
      );
      const ingestPerSec = Math.round((ingest.result.observations / ingest.result.elapsedMs) * 1000);
      log(
        `ingest: ${ingest.result.observations} observations, ${ingestPerSec}/s; ${describeCpu(ingest.cpu)}; load ${ingest.load.loadAverage.join(" ")}`,
      );

      log(`reads: profileByDevice, ${readClients} clients, ${readSeconds} s`);
      const reads = await measured(pids, () =>
        loadClient.run<ReadResult>({
          type: "reads",
          url: urls,
          key,
          query: "profileByDevice",
          concurrency: readClients,
          warmupMs: 2000,
          durationMs: readSeconds * 1000,
          seed,
        }),
      );
      log(
        `reads: ${reads.result.perSec}/s p50 ${reads.result.latency.p50Ms} ms p99 ${reads.result.latency.p99Ms} ms errors ${reads.result.errors}${reads.result.firstError ? ` ${reads.result.firstError}` : ""}; ${describeCpu(reads.cpu)}`,
      );
      const floor = await measured(pids, () =>
        loadClient.run<ReadResult>({
          type: "reads",
          url: urls,
          key,
          query: "typename",
          concurrency: readClients,
          warmupMs: 1000,
          durationMs: readSeconds * 1000,
          seed,
        }),
      );
      log(
        `floor { __typename }: ${floor.result.perSec}/s p50 ${floor.result.latency.p50Ms} ms p99 ${floor.result.latency.p99Ms} ms; ${describeCpu(floor.cpu)}`,
      );

      result.results.push({
        processes: n,
        ingest: {
          load: ingest.load,
          cpu: ingest.cpu,
          figure: {
            observations: ingest.result.observations,
            elapsedMs: round(ingest.result.elapsedMs, 0),
            perSec: ingestPerSec,
            warnings: ingest.result.warnings,
          },
        },
        reads: { load: reads.load, cpu: reads.cpu, figure: reads.result },
        floor: { load: floor.load, cpu: floor.cpu, figure: floor.result },
      });
      save();
      await Promise.all(servers.map((server) => server.stop()));
      servers = [];
    }
    result.finishedAt = new Date().toISOString();
    save();
    printTable(result);
    log(`saved ${path.relative(projectRoot, file)}`);
  } finally {
    loadClient.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await neo4j.local?.stop();
  }
}

function describeCpu(cpu: CpuUse): string {
  const perCore = (ms: number | undefined): string => (ms === undefined ? "?" : (ms / cpu.wallMs).toFixed(2));
  return `cores busy: machine ${cpu.coresBusy.machine}, servers ${cpu.servers.map(perCore).join("+")}, Neo4j ${perCore(cpu.neo4j)}, load client ${perCore(cpu.loadClient)}`;
}

/** The units a phase's CPU is divided by: thousands of observations (ingest), requests (reads), over the whole phase. */
function units(r: ProcessCountResult, phase: "ingest" | "reads" | "floor"): number {
  if (phase === "ingest") return r.ingest.figure.observations / 1000;
  const figure = r[phase].figure;
  return Math.max(1, (figure.perSec * r[phase].cpu.wallMs) / 1000);
}

function printTable(result: ScaleResult): void {
  const first = result.results[0];
  const rows = result.results.map((r) => ({
    processes: r.processes,
    "ingest obs/s": r.ingest.figure.perSec,
    "ingest ×": first ? round(r.ingest.figure.perSec / first.ingest.figure.perSec) : "-",
    "read/s": r.reads.figure.perSec,
    "read ×": first ? round(r.reads.figure.perSec / first.reads.figure.perSec) : "-",
    "read p50 ms": r.reads.figure.latency.p50Ms,
    "read p99 ms": r.reads.figure.latency.p99Ms,
    "floor/s": r.floor.figure.perSec,
    "floor p99 ms": r.floor.figure.latency.p99Ms,
    "load (1m) at ingest/read": `${r.ingest.load.loadAverage[0]}/${r.reads.load.loadAverage[0]}`,
    nproc: r.ingest.load.nproc,
  }));
  console.table(rows);
  const cpuRows = result.results.flatMap((r) =>
    (["ingest", "reads", "floor"] as const).map((phase) => {
      const cpu = r[phase].cpu;
      return {
        processes: r.processes,
        phase,
        "wall s": round(cpu.wallMs / 1000, 1),
        "machine cores busy": cpu.coresBusy.machine,
        "servers cores": cpu.coresBusy.servers,
        "neo4j cores": cpu.coresBusy.neo4j ?? "?",
        "load client cores": cpu.loadClient === undefined ? "?" : round(cpu.loadClient / cpu.wallMs),
        // CPU per unit of work (per 1000 observations for ingest, per request for reads; requests
        // of the whole phase, warm-up included, estimated from its rate): less sensitive to what
        // else the machine runs than the rates are.
        "servers CPU ms/unit": round(cpu.servers.reduce((sum, ms) => sum + ms, 0) / units(r, phase), 2),
        "neo4j CPU ms/unit": cpu.neo4j === undefined ? "?" : round(cpu.neo4j / units(r, phase), 2),
        "others cores": round(
          (cpu.machine - cpu.servers.reduce((sum, ms) => sum + ms, 0) - (cpu.neo4j ?? 0) - (cpu.loadClient ?? 0)) / cpu.wallMs,
        ),
      };
    }),
  );
  console.table(cpuRows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
