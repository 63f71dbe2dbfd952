// The read path, measured and profiled: `npx tsx bench/read-profile.ts [--seconds 8] [--profiles 2000]`.
// Seeds one space through the store, starts the server in a child process (so the load does not
// share its event loop) and profiles it with the inspector while 32 clients read profileByDevice
// over HTTP; then `{ __typename }` (the floor), one client's latency, and the same read in-process
// (ProfileReader, no HTTP or GraphQL). Prints a table, the server's CPU per request and the
// profile's top frames. Uses NEO4J_URI (for example the shared bolt://127.0.0.1:7700).
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { startApp } from "../src/app/app.js";
import { ApiKeys } from "../src/auth/api-keys.js";
import { createLogger } from "../src/logger.js";
import { Executor } from "../src/neo4j/executor.js";
import { migrate } from "../src/neo4j/migrations.js";
import { DEFAULT_IDENTITY_RULES } from "../src/rules/rules-config.js";
import { createServices } from "../src/app/services.js";
import { type CpuProfile, printProfileSummary, summariseProfile } from "./lib/cpuprofile.js";
import { postGraphQL } from "./lib/graphql.js";
import { benchLog } from "./lib/log.js";
import { load1, nextOf, pool, round, summarise, type LatencySummary } from "./lib/stats.js";
import { toInputs, Workload } from "./lib/workload.js";

const thisFile = fileURLToPath(import.meta.url);

/** The benchmark's read (bench/lib/load-client.ts's PROFILE_BY_DEVICE; not imported: that module, once loaded, takes IPC messages as its own). */
const PROFILE_BY_DEVICE = `query ProfileByDevice($deviceId: String!) {
  profileByDevice(deviceId: $deviceId) { id ids identifiers { type value } devices { id profileId lastSeenAt } createdAt }
}`;

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    profiles: { type: "string", default: "2000" },
    clients: { type: "string", default: "32" },
    seed: { type: "string", default: "7" },
    /** Where the server's .cpuprofile goes (under the OS temp dir when absent). */
    "profile-out": { type: "string" },
    "no-profile": { type: "boolean", default: false },
    top: { type: "string", default: "15" },
    serve: { type: "boolean", default: false },
  },
  allowPositionals: false,
});

const connection = () => ({ uri: process.env["NEO4J_URI"] ?? "bolt://127.0.0.1:7700", database: process.env["NEO4J_DATABASE"] ?? "neo4j" });

type ServerRequest = { type: "cpu" } | { type: "profileStart" } | { type: "profileStop"; file: string } | { type: "exit" };
type ServerReply =
  | { type: "ready"; url: string }
  | { type: "cpu"; micros: number }
  | { type: "profileStarted" }
  | { type: "profileStopped" }
  | { type: "failed"; message: string };

/** The server's side: the app on port 0, its CPU time and an inspector profile on request. */
async function serve(): Promise<void> {
  const executor = new Executor(connection());
  const apiKeys = ApiKeys.parse(process.env["READ_PROFILE_KEYS"] ?? "");
  const server = await startApp({
    executor,
    rules: DEFAULT_IDENTITY_RULES,
    logger: createLogger("silent"),
    apiKeys,
    port: 0,
    host: "127.0.0.1",
  });
  const session = new Session();
  session.connect();
  const reply = (message: ServerReply): void => void process.send?.(message);
  process.on("message", (request: ServerRequest) => {
    const work = async (): Promise<void> => {
      if (request.type === "cpu") {
        const usage = process.cpuUsage();
        reply({ type: "cpu", micros: usage.user + usage.system });
      } else if (request.type === "profileStart") {
        await session.post("Profiler.enable");
        await session.post("Profiler.setSamplingInterval", { interval: 1000 });
        await session.post("Profiler.start");
        reply({ type: "profileStarted" });
      } else if (request.type === "profileStop") {
        const { profile } = await session.post("Profiler.stop");
        writeFileSync(request.file, JSON.stringify(profile));
        reply({ type: "profileStopped" });
      } else if (request.type === "exit") {
        session.disconnect();
        await server.stop();
        await executor.close();
        process.exit(0);
      }
    };
    work().catch((error: unknown) =>
      reply({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  reply({ type: "ready", url: server.url });
}

class ServerProcess {
  private readonly child;
  private waiting: ((message: ServerReply) => void) | undefined;
  private failed: ((error: Error) => void) | undefined;
  readonly ready: Promise<string>;

  constructor(keys: string) {
    this.child = fork(thisFile, ["--serve"], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, READ_PROFILE_KEYS: keys },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.ready = new Promise((resolve, reject) => {
      this.waiting = (message) => (message.type === "ready" ? resolve(message.url) : reject(new Error(JSON.stringify(message))));
      this.failed = reject;
    });
    this.child.on("message", (message: ServerReply) => {
      if (message.type === "failed") this.failed?.(new Error(`server: ${message.message}`));
      else this.waiting?.(message);
    });
    this.child.on("exit", (code, signal) => this.failed?.(new Error(`server exited (${code ?? signal})`)));
  }

  ask(request: ServerRequest): Promise<ServerReply> {
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      this.child.send(request);
    });
  }

  async cpuMicros(): Promise<number> {
    const answer = await this.ask({ type: "cpu" });
    return answer.type === "cpu" ? answer.micros : Number.NaN;
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.failed = undefined;
      this.child.send({ type: "exit" });
    });
  }
}

interface Measured {
  perSec: number;
  latency: LatencySummary;
  errors: number;
  firstError?: string;
  /** Server CPU (user + system) per answered request, when measured. */
  cpuMsPerRequest?: number;
}

/** A closed loop of `clients` workers for `ms` (after `warmupMs`), timing each call. */
async function closedLoop(clients: number, warmupMs: number, ms: number, call: () => Promise<string | undefined>): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const measureFrom = performance.now() + warmupMs;
  const ends = measureFrom + ms;
  await pool(
    clients,
    () => (performance.now() < ends ? true : undefined),
    async () => {
      const sent = performance.now();
      const error = await call();
      if (sent < measureFrom) return;
      if (error !== undefined) {
        errors++;
        firstError ??= error;
      } else latencies.push(performance.now() - sent);
    },
  );
  return {
    perSec: Math.round(latencies.length / (ms / 1000)),
    latency: summarise(latencies),
    errors,
    ...(firstError !== undefined ? { firstError } : {}),
  };
}

async function main(): Promise<void> {
  const seconds = Number(args.seconds);
  const profiles = Number(args.profiles);
  const clients = Number(args.clients);
  const seed = Number(args.seed);
  const runId = randomBytes(3).toString("hex");
  const space = `readprofile-${runId}`;
  const key = `rp-${randomBytes(12).toString("hex")}`;
  const log = benchLog("read-profile");
  log(`space ${space}, ${profiles} profiles, ${clients} clients, ${seconds} s per figure, load ${load1()}`);

  const executor = new Executor(connection());
  await migrate(executor, () => undefined);
  const services = createServices(executor, DEFAULT_IDENTITY_RULES);
  const workload = new Workload({ profiles, seed, prefix: `rp${runId}` });
  const batches = workload.batches(1000);
  const seedStarted = performance.now();
  await pool(2, nextOf(batches), async (batch) => {
    await services.identity.resolveBatch(toInputs(batch), { space, actor: "system" });
  });
  const devices = workload.deviceSample;
  log(
    `seeded ${workload.stats.observations} observations (${devices.length} devices) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  const server = new ServerProcess(`readprofile:${key}:read:${space}`);
  const url = new URL(await server.ready);
  log(`server at ${url.href}`);
  const http = new Pool(url.origin, { connections: clients, pipelining: 1 });
  let next = 0;
  const device = (): string => devices[next++ % devices.length] as string;
  const post = async (body: string): Promise<string | undefined> => {
    const { status, answer } = await postGraphQL(http, url.pathname, key, body);
    if (status !== 200 || answer.errors) return JSON.stringify(answer.errors ?? status).slice(0, 300);
    return undefined;
  };
  const byDevice = (): Promise<string | undefined> => post(JSON.stringify({ query: PROFILE_BY_DEVICE, variables: { deviceId: device() } }));
  const typename = (): Promise<string | undefined> => post(JSON.stringify({ query: "{ __typename }" }));
  const withCpu = async (measure: () => Promise<Measured>): Promise<Measured> => {
    const before = await server.cpuMicros();
    const measured = await measure();
    const used = (await server.cpuMicros()) - before;
    // The warm-up's requests are in the CPU time too: count them by the measured rate.
    return { ...measured, cpuMsPerRequest: round(used / 1000 / (measured.perSec * (seconds + 1))) };
  };

  const rows: Array<Record<string, string | number>> = [];
  const row = (figure: string, measured: Measured, load: number): void => {
    rows.push({
      figure,
      "req/s": measured.perSec,
      "p50 ms": measured.latency.p50Ms,
      "p99 ms": measured.latency.p99Ms,
      "server CPU ms/req": measured.cpuMsPerRequest ?? "-",
      errors: measured.errors,
      load,
    });
    if (measured.firstError) log(`${figure}: first error ${measured.firstError}`);
  };

  try {
    // Warm the JIT and Neo4j's query cache, unmeasured and unprofiled.
    await closedLoop(clients, 0, 2000, byDevice);
    const profileFile = args["profile-out"] ?? path.join(os.tmpdir(), `read-profile-${runId}.cpuprofile`);
    const profiling = !args["no-profile"];
    let load = load1();
    const reads = await withCpu(() => closedLoop(clients, 1000, seconds * 1000, byDevice));
    row(`profileByDevice HTTP, ${clients} clients`, reads, load);
    load = load1();
    const floor = await withCpu(() => closedLoop(clients, 1000, seconds * 1000, typename));
    row(`{ __typename } HTTP, ${clients} clients`, floor, load);
    load = load1();
    const single = await withCpu(() => closedLoop(1, 1000, seconds * 1000, byDevice));
    row("profileByDevice HTTP, 1 client", single, load);
    load = load1();
    const reader = await closedLoop(clients, 1000, seconds * 1000, async () => {
      await services.profiles.profileByDevice(space, device());
      return undefined;
    });
    row(`ProfileReader.profileByDevice in-process, ${clients} at once`, reader, load);
    console.table(rows);
    const summary = {
      readPerSec: reads.perSec,
      floorPerSec: floor.perSec,
      readRatio: round(reads.perSec / floor.perSec),
      readP99Ms: reads.latency.p99Ms,
      readP50Ms1: single.latency.p50Ms,
      inProcessPerSec: reader.perSec,
      httpOverInProcess: round(reads.perSec / reader.perSec),
      readCpuMs: reads.cpuMsPerRequest ?? null,
      floorCpuMs: floor.cpuMsPerRequest ?? null,
      load: load1(),
    };
    console.log(JSON.stringify(summary));
    if (profiling) {
      // Profiled apart from the figures above, so that the sampling does not slow them.
      await server.ask({ type: "profileStart" });
      await closedLoop(clients, 0, (seconds * 1000) / 2, byDevice);
      await server.ask({ type: "profileStop", file: profileFile });
      log(`server profile (profileByDevice, ${clients} clients, ${seconds / 2} s): ${profileFile}`);
      printProfileSummary(
        summariseProfile(JSON.parse(readFileSync(profileFile, "utf8")) as CpuProfile, Number(args.top), (frame) =>
          frame.includes("bench/read-profile.ts"),
        ),
      );
    }
  } finally {
    await http.close();
    await server.stop();
    await executor.close();
  }
}

(args.serve ? serve() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
