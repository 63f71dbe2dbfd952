// `npm run neo4j`: runs the local Neo4j alone (Bolt 7687, Browser on 7474) until Ctrl-C, for
// exploring in Neo4j Browser or for running tests and servers against it with NEO4J_URI.
import { readEnvironment } from "../../src/config.js";
import { startLocalNeo4jFromEnvironment } from "./local-neo4j.js";

const env = readEnvironment();
const started = Date.now();
const neo4j = await startLocalNeo4jFromEnvironment(
  env,
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
process.stdout.write(
  `local Neo4j is up in ${Date.now() - started} ms\n  Bolt:          ${neo4j.boltUri}\n  Neo4j Browser: ${neo4j.browserUrl}\n  Ctrl-C stops it.\n`,
);
const stop = async (): Promise<void> => {
  await neo4j.stop();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
