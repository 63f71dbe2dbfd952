import { writeFileSync } from "node:fs";
import { printIdgraphSchema, SCHEMA_FILE } from "../src/app/emit.js";

writeFileSync(SCHEMA_FILE, await printIdgraphSchema());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
