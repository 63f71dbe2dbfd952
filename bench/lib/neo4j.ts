// The Neo4j a benchmark measures on: NEO4J_URI when set, else a local Neo4j of its own (the
// development launcher, under .neo4j/<name>), never the shared one.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningNeo4j, startLocalNeo4j } from "../../dev/neo4j/local-neo4j.js";
import type { Executor } from "../../src/neo4j/executor.js";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface BenchNeo4jOptions {
  /** The local instance's name: its store is .neo4j/<name>. */
  name: string;
  boltPort: number;
  httpPort: number;
  heap: string;
  pageCache: string;
  settings?: Record<string, string>;
  /** Which benchmark it is for, as the start-up line says ("the benchmark"). */
  purpose: string;
  /** Start from an empty store (refused while that local Neo4j runs). */
  fresh?: boolean;
  log: (line: string) => void;
}

/** NEO4J_URI when set (local: undefined), else a local Neo4j started for this run. */
export async function benchNeo4j(options: BenchNeo4jOptions): Promise<{ uri: string; local: RunningNeo4j | undefined }> {
  const given = process.env["NEO4J_URI"];
  if (given) return { uri: given, local: undefined };
  const { name, boltPort, httpPort, heap, pageCache, settings, log } = options;
  const home = path.join(projectRoot, ".neo4j", name);
  if (options.fresh) {
    const pidFile = path.join(home, "launcher.pid");
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8")) : 0;
    const alive = pid > 0 && existsSync(`/proc/${pid}`) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("IdgraphNeo4j");
    if (alive)
      throw new Error(
        `the ${name} Neo4j (pid ${pid}) is running; stop it, or run with NEO4J_URI=bolt://127.0.0.1:${boltPort} and without --fresh`,
      );
    rmSync(path.join(home, "data"), { recursive: true, force: true });
  }
  log(`starting a local Neo4j for ${options.purpose} (.neo4j/${name}, bolt://127.0.0.1:${boltPort})`);
  const local = await startLocalNeo4j({ name, boltPort, httpPort, heap, pageCache, log, ...(settings ? { settings } : {}) });
  return { uri: local.boltUri, local };
}

/** "Neo4j Kernel 5.26.0 community", as dbms.components() says. */
export async function neo4jVersion(executor: Executor): Promise<string> {
  const result = await executor.read("bench", (tx) =>
    tx.run("CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"),
  );
  const record = result.records[0];
  return record ? `${record.get("name")} ${record.get("version")} ${record.get("edition")}` : "unknown";
}
