// Ctrl-C during `idgraph import` stops after the batch in flight; the same command run again
// resumes: what was applied is skipped by messageId, the rest is applied, nothing twice.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { segmentExportLines } from "../../bench/segment-export.js";
import type { ImportSummary } from "../../src/cli/import/importer.js";
import { checkSpace } from "../../src/identity/invariants.js";
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
  expect(second.stderr).toContain(`${stopped.applied} line(s) had been applied before (a rerun): skipped, not applied twice.`);
  expect(await checkSpace(executor, space, DEFAULT_IDENTITY_RULES)).toEqual([]);
});
