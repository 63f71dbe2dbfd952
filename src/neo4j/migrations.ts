// Versioned, idempotent schema migrations from cypher/migrations/NNNN_name.cypher. Each applied
// version is recorded as an (:IdgraphMigration) node; every statement uses IF NOT EXISTS, so two
// processes starting at once both succeed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Neo4jError } from "neo4j-driver";
import { num } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { Executor } from "./executor.js";

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../cypher/migrations");

const APPLIED_MIGRATIONS = statement("neo4j/applied-migrations");

const RECORD_MIGRATION = statement("neo4j/record-migration");

const AWAIT_INDEXES = statement("neo4j/await-indexes");

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export function splitStatements(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n")
    .split(";")
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.cypher$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.cypher$/, ""),
      statements: splitStatements(readFileSync(path.join(dir, file), "utf8")),
    }));
}

const RACE_CODES = new Set([
  "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
  "Neo.ClientError.Schema.ConstraintAlreadyExists",
  "Neo.ClientError.Schema.IndexAlreadyExists",
]);

export async function appliedVersions(executor: Executor): Promise<Set<number>> {
  const result = await executor.read("migrate", (tx) => tx.run(APPLIED_MIGRATIONS));
  return new Set(result.records.map((record) => num(record.get("version"), "version")));
}

export async function migrate(executor: Executor, log: (line: string) => void = () => {}): Promise<number[]> {
  const applied = await appliedVersions(executor);
  const done: number[] = [];
  for (const migration of loadMigrations()) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) {
      try {
        await executor.runAutoCommit("migrate", statement);
      } catch (error) {
        if (!(error instanceof Neo4jError && RACE_CODES.has(error.code))) throw error;
      }
    }
    await executor.runAutoCommit("migrate", AWAIT_INDEXES);
    await executor.write("migrate", (tx) => tx.run(RECORD_MIGRATION, { version: migration.version, name: migration.name }));
    log(`migration ${migration.name} applied`);
    done.push(migration.version);
  }
  return done;
}

/** True when every migration in cypher/migrations is recorded as applied. */
export async function migrationsApplied(executor: Executor): Promise<boolean> {
  const applied = await appliedVersions(executor);
  return loadMigrations().every((migration) => applied.has(migration.version));
}
