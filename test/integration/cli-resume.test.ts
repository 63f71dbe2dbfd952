// Ctrl-C during `idgraph import` stops after the batch in flight; the same command run again
// resumes: what was applied is skipped by the file's checkpoint, the rest is applied, nothing twice;
// and so does a rerun long after, once the dedup window has taken the receipts of its lines.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { segmentExportLines } from "../../bench/segment-export.js";
import type { ImportSummary } from "../../src/cli/import/importer.js";
import { checkSpace } from "../../src/check/invariants.js";
import type { Executor } from "../../src/neo4j/executor.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { idgraph, startIdgraph } from "./cli-process.js";
import { testExecutor, uniqueId } from "./harness.js";

let dir: string;
let executor: Executor;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "idgraph-resume-"));
  executor = testExecutor();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await executor?.close();
});

it("resumes an import interrupted by Ctrl-C: the rerun skips the applied lines and applies the rest once", async () => {
  const space = uniqueId("cli-resume");
  const file = path.join(dir, "segment.ndjson");
  const total = 2000;
  writeFileSync(file, `${[...segmentExportLines(total, 3, uniqueId("r"))].join("\n")}\n`);

  let interrupted = false;
  // The first progress line comes after the first batch: interrupt then.
  const { done } = startIdgraph(["import", file, "--space", space, "--json", "--batch-size", "50"], (stderr, child) => {
    if (!interrupted && stderr.includes("import [1/1]")) {
      interrupted = true;
      child.kill("SIGINT");
    }
  });
  const first = await done;
  expect(first.code).toBe(130);
  const stopped = JSON.parse(first.stdout) as ImportSummary;
  expect(stopped.interrupted).toBe(true);
  expect(stopped.applied).toBeGreaterThan(0);
  expect(stopped.applied).toBeLessThan(total);
  expect(first.stderr).toContain("Run the same command again to resume");

  const second = await idgraph(["import", file, "--space", space, "--json", "--batch-size", "500"]);
  expect(second.code).toBe(0);
  const resumed = JSON.parse(second.stdout) as ImportSummary;
  expect(resumed.alreadyApplied).toBe(stopped.applied);
  expect(resumed.applied).toBe(total - stopped.applied);
  expect(second.stderr).toContain(
    `${stopped.applied} line(s) had been taken in before (a rerun; lines refused then were reported then): skipped, not applied twice.`,
  );
  expect(await checkSpace(executor, space, DEFAULT_IDENTITY_RULES)).toEqual([]);
});

it("re-importing a file once its receipts have expired changes nothing the first import did not", async () => {
  const space = uniqueId("cli-reimport");
  const file = path.join(dir, "history.ndjson");
  const t = (minute: number) => new Date(Date.parse("2026-10-01T10:00:00Z") + minute * 60_000).toISOString();
  // A shared tablet: Bob, then Adam, then Bob's late login between them (rule 10), and events.
  const lines = [
    { type: "identify", anonymousId: "tablet", userId: "bob", timestamp: t(0), messageId: "h1" },
    { type: "track", anonymousId: "tablet", event: "view", timestamp: t(5), messageId: "h2" },
    { type: "identify", anonymousId: "tablet", userId: "adam", timestamp: t(20), messageId: "h3" },
    { type: "track", anonymousId: "tablet", event: "view", timestamp: t(25), messageId: "h4" },
    { type: "identify", anonymousId: "tablet", userId: "bob", timestamp: t(10), messageId: "h5" },
    { type: "track", anonymousId: "phone", userId: "bob", event: "open", timestamp: t(30), messageId: "h6" },
  ];
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
  expect((await idgraph(["import", file, "--space", space])).code).toBe(0);
  // What the retention work leaves once the dedup window has passed: no receipt of any line.
  await executor.write("test", (tx) => tx.run("MATCH (m:Message {space: $space}) DETACH DELETE m", { space }));
  const before = await graphOf(executor, space);

  const again = await idgraph(["import", file, "--space", space, "--json"]);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout) as ImportSummary).toMatchObject({ lines: lines.length, applied: 0, alreadyApplied: lines.length });
  expect(await graphOf(executor, space)).toEqual(before);
  expect(await checkSpace(executor, space, DEFAULT_IDENTITY_RULES)).toEqual([]);
});

/** Everything of a space but the import checkpoint's timestamps: nodes with their labels and properties, relationships by type. */
async function graphOf(executor: Executor, space: string) {
  return executor.read("test", async (tx) => {
    const nodes = await tx.run(
      "MATCH (n {space: $space}) WHERE NOT n:ImportCheckpoint RETURN labels(n) AS labels, properties(n) AS properties",
      { space },
    );
    const relationships = await tx.run("MATCH ({space: $space})-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type", { space });
    return {
      nodes: nodes.records.map((record) => JSON.stringify(record.toObject())).sort(),
      relationships: relationships.records.map((record) => record.toObject()),
    };
  });
}
