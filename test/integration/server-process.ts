// idgraph servers as separate OS processes (`node --import tsx src/app/main.ts`, or `dev/start.ts` with a
// local Neo4j of its own as `npm start` runs it), for the tests that need more than one process on
// one Neo4j or a process that must survive a Neo4j outage.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A port nobody listens on right now (the OS picks it; released before the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** True when this machine can run the local Neo4j launcher (Java 17+, a JDK and Maven). */
export function localNeo4jAvailable(): boolean {
  const works = (command: string, args: string[]): boolean => {
    const result = spawnSync(command, args, { encoding: "utf8" });
    return result.error === undefined && result.status === 0;
  };
  return works("java", ["-version"]) && works("javac", ["-version"]) && works("mvn", ["-v"]);
}

/** An API key for one space, in IDGRAPH_API_KEYS form. */
export function spaceKey(space: string, role: "read" | "ingest" | "admin" = "admin"): { key: string; entry: string } {
  const key = `key-${randomBytes(16).toString("hex")}`;
  return { key, entry: `tester-${space}:${key}:${role}:${space}` };
}

/** A local Neo4j that `dev/start.ts` starts and supervises itself (NEO4J_URI unset), as with `npm start`. */
export interface LocalNeo4jSettings {
  local: { name: string; boltPort: number; httpPort: number };
}

export interface ServerProcessOptions {
  neo4j: { uri: string; username?: string | undefined; password?: string | undefined; database?: string | undefined } | LocalNeo4jSettings;
  /** IDGRAPH_API_KEYS. */
  apiKeys: string;
  /** Extra environment (IDGRAPH_RULES_FILE, ...). */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

export interface ServerProcess {
  /** POST /graphql */
  url: string;
  baseUrl: string;
  pid: number;
  /** True while the OS process runs. */
  readonly alive: boolean;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM (graceful drain), then SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function startOnce(options: ServerProcessOptions, port: number): Promise<ServerProcess | { failed: string }> {
  const neo4j = options.neo4j;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...("local" in neo4j
      ? {
          NEO4J_LOCAL_NAME: neo4j.local.name,
          NEO4J_LOCAL_BOLT_PORT: String(neo4j.local.boltPort),
          NEO4J_LOCAL_HTTP_PORT: String(neo4j.local.httpPort),
          NEO4J_LOCAL_HEAP: "512m",
          NEO4J_LOCAL_PAGECACHE: "128m",
        }
      : {
          NEO4J_URI: neo4j.uri,
          NEO4J_USERNAME: neo4j.username ?? "neo4j",
          NEO4J_PASSWORD: neo4j.password ?? "",
          NEO4J_DATABASE: neo4j.database ?? "neo4j",
        }),
    PORT: String(port),
    HOST: "127.0.0.1",
    IDGRAPH_API_KEYS: options.apiKeys,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  // Vitest's own variables would make the child think it is a test worker.
  for (const name of Object.keys(env)) if (name.startsWith("VITEST")) delete env[name];
  if ("local" in neo4j) delete env["NEO4J_URI"];
  const entry = "local" in neo4j ? "dev/start.ts" : "src/app/main.ts";
  const child = spawn(process.execPath, ["--import", "tsx", entry], { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer): void => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let ready = false;
  while (Date.now() < deadline && !exited(child)) {
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) {
        ready = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // A server with a local Neo4j stops it on SIGTERM; SIGKILL would leave the JVM running.
  const graceMs = "local" in neo4j ? 45_000 : 15_000;
  if (!ready) {
    if (!exited(child)) {
      child.kill("local" in neo4j ? "SIGTERM" : "SIGKILL");
      if (!(await waitForExit(child, graceMs))) child.kill("SIGKILL");
      await waitForExit(child, 5_000);
    }
    return { failed: `idgraph server process on port ${port} was not ready (exit code ${child.exitCode}):\n${output}` };
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `${baseUrl}/graphql`,
    baseUrl,
    pid: child.pid as number,
    get alive() {
      return !exited(child);
    },
    output: () => output,
    stop() {
      stopping ??= (async () => {
        if (exited(child)) return;
        child.kill("SIGTERM");
        if (!(await waitForExit(child, graceMs))) {
          child.kill("SIGKILL");
          await waitForExit(child, 5_000);
        }
      })();
      return stopping;
    },
  };
}

/** Starts `src/app/main.ts` (`dev/start.ts` for a local Neo4j) on a free port and waits until /readyz answers 200. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  let failure = "";
  // A free port can be taken between the probe and the child's bind: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = await startOnce(options, await freePort());
    if (!("failed" in started)) return started;
    failure = started.failed;
    if (!failure.includes("EADDRINUSE")) break;
  }
  throw new Error(failure);
}
