// The emitted SDL, checked in as schema/schema.graphql so every API change shows in review.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildIdgraphSchema } from "./schema.js";

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../schema/schema.graphql");

export async function printIdgraphSchema(): Promise<string> {
  const schema = await buildIdgraphSchema();
  return `# Emitted from the type-graphql classes by \`npm run emit-schema\`; do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
