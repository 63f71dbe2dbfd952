// Every Cypher statement idgraph runs is a whole file, cypher/<folder>/<name>.cypher, <folder> named
// for the src/ folder it serves (CONTRIBUTING.md, "Project layout"), read once at start-up: a reviewer reads
// exactly what Neo4j runs, and no statement is assembled from fragments at run time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** cypher/ beside src/ (tsx) or beside dist/src/ (the build copies cypher/ to dist/cypher/). */
const cypherDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../cypher");

/** The statement in cypher/<name>.cypher, without its leading comment lines. */
export function statement(name: string): string {
  const text = readFileSync(path.join(cypherDir, `${name}.cypher`), "utf8");
  return text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("//"))
    .join("\n")
    .trim();
}
