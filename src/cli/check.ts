// `npm run check [-- --space <name>] [-- --json]` (also `idgraph check`): scans the graph for broken
// identity invariants, and says what each space keeps for good and what for a window. Uses NEO4J_URI when set, else the local Neo4j that `npm start` or
// `npm run neo4j` runs. Exit code 0: clean; 1: violations found; 2: could not check.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ConfigError, readEnvironment } from "../config.js";
import { listSpaces } from "../check/graph-scan.reader.js";
import { checkSpace, type Violation } from "../check/invariants.js";
import { type Kept, keptInSpace, keptLines } from "../retention/kept.reader.js";
import { loadRules } from "../rules-file.js";
import { Executor } from "../neo4j/executor.js";

const USAGE = `usage: npm run check -- [--space <name>]... [--json]
  Scans every space (or the named ones), lists each violation of the identity invariants, and says
  what each space keeps for good and what only for a window (receipts, timeline marks, the feed's outbox).`;

export interface CheckOptions {
  spaces?: string[] | undefined;
  json: boolean;
}

/** Runs the check and prints its result; returns the exit code. */
export async function runCheck(options: CheckOptions): Promise<number> {
  const env = readEnvironment();
  const rules = loadRules(env.IDGRAPH_RULES_FILE);
  const uri = env.NEO4J_URI ?? `bolt://127.0.0.1:${env.NEO4J_LOCAL_BOLT_PORT}`;
  const executor = new Executor({ uri, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE });
  try {
    try {
      await executor.ping();
    } catch {
      process.stderr.write(
        `idgraph check: cannot reach Neo4j at ${uri}. Start it with \`npm start\` or \`npm run neo4j\`, or set NEO4J_URI.\n`,
      );
      return 2;
    }
    const spaces = options.spaces ?? (await listSpaces(executor));
    const feedRetentionMs = Math.round(env.IDGRAPH_FEED_RETENTION_DAYS * 86_400_000);
    const results: Array<{ space: string; violations: Violation[]; kept: Kept }> = [];
    for (const space of spaces)
      results.push({
        space,
        violations: await checkSpace(executor, space, rules),
        kept: await keptInSpace(executor, space, rules, feedRetentionMs),
      });
    const total = results.reduce((sum, r) => sum + r.violations.length, 0);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ uri, spaces: results, violations: total })}\n`);
    } else {
      for (const { space, violations, kept } of results) {
        process.stdout.write(`space ${space}: ${violations.length === 0 ? "clean" : `${violations.length} violation(s)`}\n`);
        for (const violation of violations) process.stdout.write(`  ${violation.code}: ${violation.message}\n`);
        for (const line of keptLines(kept)) process.stdout.write(`${line}\n`);
      }
      process.stdout.write(`${spaces.length} space(s) checked, ${total} violation(s)\n`);
    }
    return total === 0 ? 0 : 1;
  } finally {
    await executor.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      space: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  return runCheck({ spaces: values.space, json: values.json ?? false });
}

// Run as a script (`npm run check`); imported by the idgraph CLI, it only exports runCheck.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `idgraph check: ${error instanceof ConfigError || error instanceof TypeError ? error.message : String(error)}\n${USAGE}\n`,
      );
      process.exit(2);
    },
  );
}
