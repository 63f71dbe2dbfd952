// Every statement a request or a write runs finds its nodes by an index: none reads a whole label,
// every node, or every relationship of a type, however big the store grows ("the graph grows with
// people"). Neo4j plans each cypher/ file as it stands (EXPLAIN runs nothing); the statements that
// read a whole space or a label that stays small are named below with why.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { statement } from "../../src/persistence/statements.js";
import { testExecutor } from "./harness.js";

const cypherDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../cypher");

/** Statements that may scan, and why. */
const SCANS_ON_PURPOSE: Record<string, string> = {
  "admin/wipe-space": "account reset removes the whole space (test environments only)",
  "audit/forced-merges": "MERGED_WITH edges are manual merges only: an admin's, a handful a space",
  "feed/relay-pending": "PendingChange is only the changes not yet sequenced: the relay keeps it near empty",
  "neo4j/applied-migrations": "one node per migration",
  "retention/upgrade-progress": "one node per space being upgraded",
  "retention/upgrade-state": "one node per space being upgraded",
};
/** Folders whose statements read a whole space by design: the invariant checker and Neo4j Browser's favourites; webhook endpoints and dead letters are a handful. */
const WHOLE_SPACE_FOLDERS = new Set(["check", "browser", "webhooks", "migrations"]);

const SCAN = /LabelScan|AllNodesScan|RelationshipTypeScan|AllRelationshipsScan/;

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function scansOf(plan: PlanNode): string[] {
  const own = SCAN.test(plan.operatorType) ? [`${plan.operatorType.replace(/@.*/, "")} ${String(plan.arguments["Details"] ?? "")}`] : [];
  return [...own, ...plan.children.flatMap(scansOf)];
}

const statements = readdirSync(cypherDir)
  .filter((folder) => !WHOLE_SPACE_FOLDERS.has(folder))
  .flatMap((folder) =>
    readdirSync(path.join(cypherDir, folder))
      .filter((file) => file.endsWith(".cypher"))
      .map((file) => `${folder}/${file.replace(/\.cypher$/, "")}`),
  )
  .filter((name) => !(name in SCANS_ON_PURPOSE))
  .sort();

const executor = testExecutor();
afterAll(() => executor.close());

describe("the statements' plans", () => {
  it("finds something to check", () => {
    expect(statements.length).toBeGreaterThan(50);
  });

  it.each(statements)("%s reads by index, never a whole label", async (name) => {
    const result = await executor.read("test", (tx) => tx.run(`EXPLAIN ${statement(name)}`));
    const plan = result.summary.plan;
    expect(plan, "Neo4j returned no plan").toBeTruthy();
    expect(scansOf(plan as unknown as PlanNode)).toEqual([]);
  });
});
