// The CLI's Neo4j: NEO4J_URI, else the local Neo4j of `npm start` / `npm run neo4j`; the rules
// file and the services as the server builds them.
import { readEnvironment } from "../config.js";
import { Executor } from "../neo4j/executor.js";
import { migrate } from "../neo4j/migrations.js";
import { loadRules } from "../rules-file.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { createServices, type Services } from "../app/services.js";

export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface CliConnection {
  uri: string;
  executor: Executor;
  rules: IdentityRules;
  services: Services;
  close(): Promise<void>;
}

export async function connect(options: { migrate?: boolean } = {}): Promise<CliConnection> {
  const env = readEnvironment();
  const rules = loadRules(env.IDGRAPH_RULES_FILE);
  const uri = env.NEO4J_URI ?? `bolt://127.0.0.1:${env.NEO4J_LOCAL_BOLT_PORT}`;
  const executor = new Executor({ uri, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE });
  try {
    await executor.ping();
  } catch {
    await executor.close();
    throw new CliError(`cannot reach Neo4j at ${uri}. Start it with \`npm start\` or \`npm run neo4j\`, or set NEO4J_URI.`);
  }
  // The constraints the store's MERGEs rely on; each statement is IF NOT EXISTS.
  if (options.migrate) await migrate(executor);
  return {
    uri,
    executor,
    rules,
    services: createServices(executor, rules, { testEnvironment: env.IDGRAPH_TEST_ENV }),
    close: () => executor.close(),
  };
}

export async function withConnection<T>(work: (connection: CliConnection) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const connection = await connect(options);
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}
