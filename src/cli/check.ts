// `npm run check [-- --space <name>] [-- --json]`: scans the graph for broken identity invariants.
// Uses NEO4J_URI when set, else the local Neo4j that `npm start` or `npm run neo4j` runs.
// Exit code 0: clean; 1: violations found; 2: could not check.
import { parseArgs } from "node:util";
import { ConfigError, readEnvironment } from "../config.js";
import { checkSpace, listSpaces, type Violation } from "../identity/invariants.js";
import { loadRules } from "../rules-file.js";
import { Executor } from "../neo4j/executor.js";

const USAGE = `usage: npm run check -- [--space <name>]... [--json]
  Scans every space (or the named ones) and lists each violation of the identity invariants.`;

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
    const spaces = values.space ?? (await listSpaces(executor));
    const results: Array<{ space: string; violations: Violation[] }> = [];
    for (const space of spaces) results.push({ space, violations: await checkSpace(executor, space, rules) });
    const total = results.reduce((sum, r) => sum + r.violations.length, 0);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ uri, spaces: results, violations: total })}\n`);
    } else {
      for (const { space, violations } of results) {
        process.stdout.write(`space ${space}: ${violations.length === 0 ? "clean" : `${violations.length} violation(s)`}\n`);
        for (const violation of violations) process.stdout.write(`  ${violation.code}: ${violation.message}\n`);
      }
      process.stdout.write(`${spaces.length} space(s) checked, ${total} violation(s)\n`);
    }
    return total === 0 ? 0 : 1;
  } finally {
    await executor.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `idgraph check: ${error instanceof ConfigError || error instanceof TypeError ? error.message : String(error)}\n${USAGE}\n`,
    );
    process.exit(2);
  },
);
