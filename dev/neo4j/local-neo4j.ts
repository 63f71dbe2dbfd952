// Starts and stops a local Neo4j Community server (Bolt + HTTP + Neo4j Browser) for development
// and tests, without Docker: jars come from Maven Central through `mvn` (cached in ~/.m2), a small
// Java launcher (dev/neo4j/IdgraphNeo4j.java) runs the DBMS, data lives under .neo4j/.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import neo4j from "neo4j-driver";
import type { Environment } from "../../src/config.js";

const launcherDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(launcherDir, "../..");

export interface LocalNeo4jOptions {
  /** Instance name: its data lives in .neo4j/<name>. */
  name: string;
  boltPort: number;
  httpPort: number;
  heap?: string;
  pageCache?: string;
  /** How long to wait for Bolt to answer, including a cold start. */
  startTimeoutMs?: number;
  log?: (line: string) => void;
  /** Lines that need attention: the Neo4j exited on its own, a restart failed (log when absent). */
  warn?: (line: string) => void;
  /**
   * Supervise: when the Neo4j exits on its own (a crash, kill -9, out of memory), say so at once
   * and start it again on its data, after 1 s, 2 s, 4 s... (at most RESTART_DELAY_MAX_MS) while
   * it keeps failing. stop() ends the supervision. Off by default: the tests that crash a Neo4j
   * on purpose restart it themselves.
   */
  restartOnExit?: boolean;
  /**
   * The idgraph server Neo4j Browser should be set up from (http://host:port): on connect, Browser
   * applies its stylesheet and opens its guide (src/server/neo4j-browser.ts).
   */
  idgraphUrl?: string;
  /** Further Neo4j settings (name to value), e.g. the benchmark's shorter checkpoint interval. */
  settings?: Record<string, string>;
}

/** The first restart's delay; each failed restart doubles it, up to the maximum. */
export const RESTART_DELAY_FIRST_MS = 1_000;
export const RESTART_DELAY_MAX_MS = 30_000;
/** A Neo4j that stayed up this long had recovered: its next exit starts again from the first delay. */
const RECOVERED_AFTER_MS = 60_000;

export class LocalNeo4jError extends Error {
  override readonly name = "LocalNeo4jError";
}

export interface RunningNeo4j {
  boltUri: string;
  httpUrl: string;
  /** Neo4j Browser, with the connection to this Neo4j (no authentication) preselected. */
  browserUrl: string;
  /** The JVM's process id (a new one after each restart). */
  readonly pid: number;
  stop(): Promise<void>;
}

const JAVA_OPTIONS = [
  "-XX:+UseG1GC",
  "-XX:-OmitStackTraceInFastThrow",
  "-XX:+DisableExplicitGC",
  "-Djdk.nio.maxCachedBufferSize=1024",
  "-Dio.netty.tryReflectionSetAccessible=true",
  "-Dlog4j2.disable.jmx=true",
  // Without these, Neo4j 5 dies on Java 17 with a LinkageError / InaccessibleObjectException.
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/java.lang=ALL-UNNAMED",
  "--add-opens=java.base/java.util=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
  "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
  "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
  "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
];

const MISSING_TOOLS_HELP =
  "idgraph starts a local Neo4j with Java 17+ and Maven when NEO4J_URI is not set.\n" +
  "  - install them (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven), or\n" +
  "  - point idgraph at an existing Neo4j 5: NEO4J_URI=neo4j://host:7687 NEO4J_USERNAME=... NEO4J_PASSWORD=..., or\n" +
  "  - run everything with Docker: docker compose up";

function toolVersion(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stdout}${result.stderr}`.trim();
}

function requireTools(): void {
  const missing: string[] = [];
  const java = toolVersion("java", ["-version"]);
  if (!java) missing.push("java");
  else {
    const major = /version "(\d+)/.exec(java)?.[1];
    if (major !== undefined && Number(major) < 17) {
      throw new LocalNeo4jError(`Java ${major} found; Neo4j 5 needs Java 17 or newer.\n${MISSING_TOOLS_HELP}`);
    }
  }
  if (!toolVersion("javac", ["-version"])) missing.push("javac (a JDK, not only a JRE)");
  if (!toolVersion("mvn", ["-v"])) missing.push("mvn (Apache Maven)");
  if (missing.length > 0) {
    throw new LocalNeo4jError(`Missing ${missing.join(", ")}.\n${MISSING_TOOLS_HELP}`);
  }
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { cwd: launcherDir, encoding: "utf8" });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-30).join("\n");
    throw new LocalNeo4jError(`${what} failed (${command} ${args.join(" ")}):\n${output || String(result.error)}`);
  }
}

/**
 * Resolves the Neo4j jars with Maven and compiles the launcher, once per version of the pom and
 * launcher source (the build output is keyed by their hash under .neo4j/build/).
 */
export function prepareLocalNeo4j(log: (line: string) => void = () => {}): { classpath: string } {
  const pom = readFileSync(path.join(launcherDir, "pom.xml"));
  const source = readFileSync(path.join(launcherDir, "IdgraphNeo4j.java"));
  const key = createHash("sha256").update(pom).update(source).digest("hex").slice(0, 16);
  const buildDir = path.join(projectRoot, ".neo4j", "build", key);
  const classpathFile = path.join(buildDir, "classpath.txt");
  const classesDir = path.join(buildDir, "classes");
  const doneMarker = path.join(buildDir, "ready");
  if (!existsSync(doneMarker)) {
    requireTools();
    mkdirSync(buildDir, { recursive: true });
    log("local Neo4j: resolving Neo4j jars with Maven (the first time downloads about 60 MB)...");
    run("mvn", ["-q", "-B", "dependency:build-classpath", `-Dmdep.outputFile=${classpathFile}`], "Maven");
    const dependencies = readFileSync(classpathFile, "utf8").trim();
    log("local Neo4j: compiling the launcher...");
    run("javac", ["--release", "17", "-cp", dependencies, "-d", classesDir, "IdgraphNeo4j.java"], "javac");
    writeFileSync(doneMarker, new Date().toISOString());
  }
  const dependencies = readFileSync(classpathFile, "utf8").trim();
  return { classpath: `${classesDir}${path.delimiter}${dependencies}` };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/** A launcher left running by a killed earlier run holds the store lock: stop it first. */
async function stopStale(pidFile: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "IdgraphNeo4j";
  if (!cmdline.includes("IdgraphNeo4j")) return;
  log(`local Neo4j: stopping a launcher left running by an earlier run (pid ${pid})`);
  process.kill(pid, "SIGTERM");
  if (!(await waitForExit(pid, 30_000))) process.kill(pid, "SIGKILL");
}

/**
 * Neo4j settings (passed as -Dneo4j.<setting>) that set Neo4j Browser up for idgraph on connect:
 * the commands to run, and idgraph's host on the list of hosts Browser may fetch guides and
 * stylesheets from (beside Neo4j's defaults).
 */
export function browserSetupSettings(idgraphUrl: string): Record<string, string> {
  const base = idgraphUrl.replace(/\/+$/, "");
  const { hostname } = new URL(base);
  const hosts = [...new Set(["guides.neo4j.com", "localhost", hostname])];
  return {
    // Browser runs each `;`-separated command, prefixed with ":", after connecting.
    "browser.post_connect_cmd": `style ${base}/browser/idgraph.grass; play ${base}/browser/guide.html`,
    "browser.remote_content_hostname_whitelist": hosts.join(","),
  };
}

/** The Browser URL that opens the connection form on `boltUri` with "No authentication" chosen. */
export function browserUrlFor(httpUrl: string, boltUri: string): string {
  return `${httpUrl}/browser/?dbms=${encodeURIComponent(boltUri)}&preselectAuthMethod=NO_AUTH`;
}

async function waitForBolt(boltUri: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = readFileSync(logFile, "utf8").trim().split("\n").slice(-25).join("\n");
      throw new LocalNeo4jError(`local Neo4j exited during start-up (code ${child.exitCode}); last lines of ${logFile}:\n${tail}`);
    }
    const driver = neo4j.driver(boltUri, undefined, { connectionTimeout: 2000, logging: undefined });
    try {
      await driver.verifyConnectivity();
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await driver.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new LocalNeo4jError(`local Neo4j did not answer on ${boltUri} within ${timeoutMs} ms: ${String(lastError)}; see ${logFile}`);
}

/** "exit code 1" or "killed by SIGKILL": how a child process ended. */
function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `killed by ${signal}` : `exit code ${code}`;
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<RunningNeo4j> {
  const log = options.log ?? (() => {});
  const warn = options.warn ?? log;
  const { classpath } = prepareLocalNeo4j(log);
  const home = path.join(projectRoot, ".neo4j", options.name);
  mkdirSync(home, { recursive: true });
  const pidFile = path.join(home, "launcher.pid");
  await stopStale(pidFile, log);

  const bolt = `127.0.0.1:${options.boltPort}`;
  const http = `127.0.0.1:${options.httpPort}`;
  const heap = options.heap ?? "512m";
  const logFile = path.join(home, "launcher.log");
  const startTimeoutMs = options.startTimeoutMs ?? 180_000;
  /** Starts the JVM; a restart appends to the log, so the lines before a crash stay readable. */
  const launch = (restart: boolean): ChildProcess => {
    if (restart) appendFileSync(logFile, `\n--- idgraph: restarting the local Neo4j, ${new Date().toISOString()} ---\n`);
    const out = openSync(logFile, restart ? "a" : "w");
    const launched = spawn(
      "java",
      [
        `-Xms${heap}`,
        `-Xmx${heap}`,
        ...JAVA_OPTIONS,
        `-Didgraph.home=${home}`,
        `-Didgraph.bolt=${bolt}`,
        `-Didgraph.http=${http}`,
        `-Didgraph.pagecache=${options.pageCache ?? "256m"}`,
        // Neo4j Browser sends no usage data from this development server.
        "-Dneo4j.client.allow_telemetry=false",
        ...Object.entries({ ...(options.idgraphUrl ? browserSetupSettings(options.idgraphUrl) : {}), ...options.settings }).map(
          ([setting, value]) => `-Dneo4j.${setting}=${value}`,
        ),
        "-cp",
        classpath,
        "IdgraphNeo4j",
      ],
      { cwd: projectRoot, stdio: ["ignore", out, out], detached: false },
    );
    closeSync(out);
    if (launched.pid === undefined) throw new LocalNeo4jError("could not start java");
    writeFileSync(pidFile, String(launched.pid));
    return launched;
  };

  let child = launch(false);
  const stopOnExit = (): void => {
    if (child.pid !== undefined && isAlive(child.pid)) process.kill(child.pid, "SIGTERM");
  };
  process.once("exit", stopOnExit);

  const boltUri = `bolt://${bolt}`;
  try {
    await waitForBolt(boltUri, child, logFile, startTimeoutMs);
  } catch (error) {
    stopOnExit();
    process.off("exit", stopOnExit);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let nextDelayMs = RESTART_DELAY_FIRST_MS;
  let upSince = Date.now();
  /** True from a restart's launch until its Bolt answers. */
  let restarting = false;

  /** Watches one JVM: its exit, unless stop() asked for it, is reported in one line and followed by a restart. */
  const supervise = (watched: ChildProcess): void => {
    watched.once("exit", (code, signal) => {
      if (stopping || watched !== child) return;
      const starting = restarting;
      if (!starting && Date.now() - upSince >= RECOVERED_AFTER_MS) nextDelayMs = RESTART_DELAY_FIRST_MS;
      const delayMs = nextDelayMs;
      nextDelayMs = Math.min(nextDelayMs * 2, RESTART_DELAY_MAX_MS);
      warn(
        `local Neo4j ${starting ? "exited while restarting" : "exited unexpectedly"} (${describeExit(code, signal)}, pid ${watched.pid}); ` +
          `its log: ${logFile}, Neo4j's own logs: ${path.join(home, "logs")}; restarting it in ${delayMs / 1000} s on its data in ${home}`,
      );
      restartTimer = setTimeout(() => void restart(), delayMs);
    });
  };

  const restart = async (): Promise<void> => {
    restartTimer = undefined;
    if (stopping) return;
    try {
      child = launch(true);
    } catch (error) {
      warn(`local Neo4j could not be restarted: ${error instanceof Error ? error.message : String(error)}; giving up`);
      return;
    }
    const started = child;
    restarting = true;
    supervise(started);
    try {
      await waitForBolt(boltUri, started, logFile, startTimeoutMs);
    } catch {
      // Exited during start-up: its exit handler reports it and schedules the next attempt.
      if (stopping || started.exitCode !== null || started.signalCode !== null) return;
      warn(`local Neo4j did not answer on ${boltUri} within ${startTimeoutMs / 1000} s of a restart; killing it to try again`);
      started.kill("SIGKILL");
      return;
    }
    if (stopping || started !== child) return;
    upSince = Date.now();
    restarting = false;
    log(`local Neo4j is back on ${boltUri} (pid ${started.pid})`);
  };

  if (options.restartOnExit) supervise(child);

  return {
    boltUri,
    httpUrl: `http://${http}`,
    browserUrl: browserUrlFor(`http://${http}`, boltUri),
    get pid() {
      return child.pid as number;
    },
    stop() {
      stopping ??= (async () => {
        if (restartTimer) clearTimeout(restartTimer);
        process.off("exit", stopOnExit);
        const pid = child.pid as number;
        if (isAlive(pid)) {
          process.kill(pid, "SIGTERM");
          if (!(await waitForExit(pid, 30_000))) process.kill(pid, "SIGKILL");
        }
      })();
      return stopping;
    },
  };
}

/** Where a browser on this machine reaches the idgraph server of HOST and PORT. */
export function idgraphUrlFor(env: Pick<Environment, "HOST" | "PORT">): string {
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT}`;
}

/**
 * The local Neo4j of `npm start` and `npm run neo4j` (instance NEO4J_LOCAL_NAME, "dev" by default),
 * from NEO4J_LOCAL_* settings, restarted when it exits on its own, with Neo4j Browser set up from
 * the idgraph server of HOST and PORT.
 */
export function startLocalNeo4jFromEnvironment(
  env: Environment,
  log: (line: string) => void,
  warn: (line: string) => void = log,
): Promise<RunningNeo4j> {
  return startLocalNeo4j({
    idgraphUrl: idgraphUrlFor(env),
    name: env.NEO4J_LOCAL_NAME,
    boltPort: env.NEO4J_LOCAL_BOLT_PORT,
    httpPort: env.NEO4J_LOCAL_HTTP_PORT,
    heap: env.NEO4J_LOCAL_HEAP,
    pageCache: env.NEO4J_LOCAL_PAGECACHE,
    log,
    warn,
    restartOnExit: true,
  });
}
