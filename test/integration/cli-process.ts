// The idgraph CLI as a separate process (bin/idgraph.js), pointed at the shared Neo4j.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bin/idgraph.js ARGS` against the shared Neo4j. */
export function idgraph(args: string[]): Promise<CliRun> {
  return startIdgraph(args).done;
}

/** Starts `bin/idgraph.js ARGS`; `onStderr` sees its progress as it comes. */
export function startIdgraph(
  args: string[],
  onStderr?: (text: string, child: ChildProcess) => void,
): { child: ChildProcess; done: Promise<CliRun> } {
  const neo4j = inject("neo4j");
  let started: ChildProcess | undefined;
  const done = new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/idgraph.js"), ...args], {
      cwd: root,
      env: {
        ...process.env,
        NEO4J_URI: neo4j.uri,
        NEO4J_USERNAME: neo4j.username,
        NEO4J_PASSWORD: neo4j.password,
        NEO4J_DATABASE: neo4j.database,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    started = child;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      onStderr?.(stderr, child);
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child: started as ChildProcess, done };
}
