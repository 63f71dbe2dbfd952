// `idgraph import` as a user runs it (the bin, spawned, on the shared Neo4j, a space of its own): a
// generated Segment export (gzip) and a CSV profile upload are applied, a rerun applies nothing new,
// malformed lines are reported with their numbers and never half-applied, and traits (rule 11) come
// in as the live SDK endpoints take them, each by its line's time.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { segmentExportLines } from "../../bench/segment-export.js";
import type { ImportSummary } from "../../src/cli/import/importer.js";
import { checkSpace } from "../../src/check/invariants.js";
import { ProfileReader } from "../../src/profiles/profile.reader.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import type { Executor } from "../../src/neo4j/executor.js";
import { type CliRun, idgraph } from "./cli-process.js";
import { testExecutor, uniqueId } from "./harness.js";

let dir: string;
let executor: Executor;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "idgraph-cli-"));
  executor = testExecutor();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await executor?.close();
});

const summaryOf = (run: CliRun): ImportSummary => JSON.parse(run.stdout) as ImportSummary;

describe("idgraph import", () => {
  it("says how many stretches a late login moved to another person (rule 10) in its summary", async () => {
    const space = uniqueId("cli-late");
    const at = (time: string): string => `2026-11-01T${time}:00.000Z`;
    const file = path.join(dir, "late.ndjson");
    writeFileSync(
      file,
      [
        { type: "identify", anonymousId: "E", userId: "Bob", messageId: "l-1", timestamp: at("10:00") },
        { type: "track", anonymousId: "E", event: "view", messageId: "l-2", timestamp: at("10:20") },
        { type: "identify", anonymousId: "E", userId: "Bob", messageId: "l-3", timestamp: at("10:30") },
        { type: "identify", anonymousId: "E", userId: "Adam", messageId: "l-4", timestamp: at("10:15") },
      ]
        .map((line) => JSON.stringify(line))
        .join("\n"),
    );
    const run = await idgraph(["import", file, "--space", space, "--json", "--batch-size", "1"]);
    expect(summaryOf(run)).toMatchObject({ applied: 4, reattributions: 1 });
    expect(run.stderr).toContain("reattributions (late observations, rule 10): 1");
  });

  it("applies a generated Segment export once: a rerun skips every line by messageId and says so", async () => {
    const space = uniqueId("cli-seg");
    const prefix = uniqueId("p");
    const lines = [...segmentExportLines(300, 7, prefix)];
    const file = path.join(dir, "segment.ndjson.gz");
    writeFileSync(file, gzipSync(`${lines.join("\n")}\n`));

    const first = await idgraph(["import", file, "--space", space, "--json", "--batch-size", "100"]);
    expect(first.stderr).toContain("import done");
    expect(first.code).toBe(0);
    const applied = summaryOf(first);
    expect(applied).toMatchObject({ lines: 300, applied: 300, alreadyApplied: 0, refused: [], conflicts: 0 });
    expect(applied.newProfiles).toBeGreaterThan(0);
    // Not a TTY: plain progress lines, no bar.
    expect(first.stderr).not.toContain("\u001b[");

    const people = new ProfileReader(executor);
    const user = `${prefix}-user-1`;
    const root1 = await people.rootByIdentifier(space, { type: "user_id", value: user });
    const [profile] = await people.loadProfiles(space, [root1 as string]);
    expect(profile?.identifiers).toContainEqual({ type: "email", value: `${user}@example.com` });
    expect(profile?.devices.map((d) => d.id)).toContain(`${prefix}-anon-1-0`);
    expect(await checkSpace(executor, space, DEFAULT_IDENTITY_RULES)).toEqual([]);

    const again = await idgraph(["import", file, "--space", space, "--json"]);
    expect(again.code).toBe(0);
    expect(summaryOf(again)).toMatchObject({ lines: 300, applied: 0, alreadyApplied: 300, newProfiles: 0, merges: 0 });
    expect(again.stderr).toContain(
      "300 line(s) had been taken in before (a rerun; lines refused then were reported then): skipped, not applied twice.",
    );
  });

  it("reports malformed and refused lines with their numbers and applies every other line", async () => {
    const space = uniqueId("cli-bad");
    const file = path.join(dir, "mixed.ndjson");
    writeFileSync(
      file,
      [
        JSON.stringify({ type: "track", anonymousId: "dev-1", event: "open", messageId: "ok-1", timestamp: "2026-11-01T10:00:00Z" }),
        '{"type": "track", "anonymousId": ', // line 2: cut off
        JSON.stringify({ type: "identify", anonymousId: "dev-1", userId: "jane", messageId: "ok-3", timestamp: "2026-11-01T10:01:00Z" }),
        JSON.stringify({ type: "track", anonymousId: "dev-2", event: "x", messageId: "bad-4", timestamp: "1990-01-01T00:00:00Z" }), // the store refuses it
        JSON.stringify({ type: "track", event: "nobody", timestamp: "2026-11-01T10:02:00Z" }), // line 5: no id
        JSON.stringify({ type: "track", anonymousId: "dev-3", event: "open", timestamp: "2026-11-01T10:03:00Z" }),
        "",
      ].join("\n"),
    );
    const run = await idgraph(["import", file, "--space", space, "--json"]);
    expect(run.code).toBe(1);
    const summary = summaryOf(run);
    expect(summary.refused.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(summary.refused[0]?.reason).toBe("malformed JSON");
    expect(summary.refused[1]?.reason).toMatch(/before 2000/);
    expect(summary.applied).toBe(3);
    expect(run.stderr).toMatch(/mixed\.ndjson:2: malformed JSON/);
    expect(run.stderr).toMatch(/mixed\.ndjson:5: no anonymousId, userId or identifying trait/);
    // The refused line left nothing behind: its device is unknown.
    expect(await new ProfileReader(executor).rootByDevice(space, "dev-2")).toBeNull();
    expect(await new ProfileReader(executor).rootByDevice(space, "dev-3")).not.toBeNull();
  });

  it("uploads CSV profiles: rows sharing an identity are one profile; a rerun applies nothing new", async () => {
    const space = uniqueId("cli-csv");
    const file = path.join(dir, "profiles.csv");
    writeFileSync(
      file,
      [
        "Identity,Email,Phone,Name",
        "jane-42,jane@example.com,,Jane",
        ',JANE@example.com,+1 555 0100,"Jane, again"',
        "john-7,john@example.com,,John",
        ",,,Nobody",
      ].join("\n"),
    );
    const run = await idgraph(["import", file, "--space", space, "--json"]);
    const summary = summaryOf(run);
    expect(summary).toMatchObject({ lines: 4, applied: 3, newProfiles: 2 });
    expect(summary.refused).toEqual([{ file, line: 5, reason: "the row has no identifier value" }]);
    const people = new ProfileReader(executor);
    const jane = await people.rootByIdentifier(space, { type: "user_id", value: "jane-42" });
    expect(await people.rootByIdentifier(space, { type: "phone", value: "+15550100" })).toBe(jane);
    expect(await people.rootByIdentifier(space, { type: "user_id", value: "john-7" })).not.toBe(jane);
    // The Name column is a trait: the later row of the same person, on the same import, shows.
    const [janeProfile] = await people.loadProfiles(space, [jane as string]);
    expect(janeProfile?.traits).toEqual({ Name: "Jane, again" });

    // A rerun skips every row the first run took in, the refused one too (it was reported then).
    const again = summaryOf(await idgraph(["import", file, "--space", space, "--json"]));
    expect(again).toMatchObject({ applied: 0, alreadyApplied: 4, refused: [] });
  });

  it("carries the traits of Segment, Mixpanel and PostHog lines, each by its line's time, whatever the file's order", async () => {
    const space = uniqueId("cli-traits");
    const file = path.join(dir, "traits.ndjson");
    const at = (time: string): string => `2026-11-01T${time}:00.000Z`;
    writeFileSync(
      file,
      [
        {
          type: "identify",
          userId: "ann",
          anonymousId: "ann-phone",
          messageId: "t-1",
          timestamp: at("10:30"),
          traits: { plan: "team", email: "ann@example.com" },
        },
        {
          event: "Upgraded",
          properties: { distinct_id: "ann", $insert_id: "t-2", time: Date.parse(at("10:00")), $set: { plan: "pro", seats: 3 } },
        },
        {
          event: "$set",
          distinct_id: "ann",
          uuid: "t-3",
          timestamp: at("10:40"),
          properties: { $set_once: { source: "ad" }, $unset: ["seats"] },
        },
        // A late line: older than the identify, so its plan does not show.
        {
          type: "track",
          userId: "ann",
          event: "Opened",
          messageId: "t-4",
          timestamp: at("09:00"),
          context: { traits: { plan: "free", locale: "nb" } },
        },
      ]
        .map((line) => JSON.stringify(line))
        .join("\n"),
    );
    const summary = summaryOf(await idgraph(["import", file, "--space", space, "--json"]));
    expect(summary).toMatchObject({ applied: 4, refused: [] });
    const people = new ProfileReader(executor);
    const ann = await people.rootByIdentifier(space, { type: "user_id", value: "ann" });
    const [profile] = await people.loadProfiles(space, [ann as string]);
    expect(profile?.traits).toEqual({ plan: "team", source: "ad", locale: "nb" });
    expect(profile?.identifiers).toContainEqual({ type: "email", value: "ann@example.com" });
  });

  it("refuses a line with a trait over rule 11's limits, with its number, and applies the others", async () => {
    const space = uniqueId("cli-trait-limit");
    const file = path.join(dir, "trait-limit.ndjson");
    writeFileSync(
      file,
      [
        { type: "identify", anonymousId: "ok-dev", traits: { plan: "pro" }, timestamp: "2026-11-01T10:00:00Z" },
        { type: "identify", anonymousId: "big-dev", traits: { notes: "x".repeat(9000) }, timestamp: "2026-11-01T10:00:00Z" },
      ]
        .map((line) => JSON.stringify(line))
        .join("\n"),
    );
    const run = await idgraph(["import", file, "--space", space, "--json"]);
    expect(run.code).toBe(1);
    expect(summaryOf(run)).toMatchObject({ applied: 1, refused: [{ file, line: 2, reason: "trait notes is over 8192 bytes of JSON" }] });
    expect(await new ProfileReader(executor).rootByDevice(space, "big-dev")).toBeNull();
  });

  it("imports PostHog and Mixpanel lines from one file: a distinct_id known as a user is that user, another is a device", async () => {
    const space = uniqueId("cli-ph");
    const file = path.join(dir, "posthog-mixpanel.ndjson");
    const at = "2026-11-01T10:00:00Z";
    writeFileSync(
      file,
      [
        { event: "$pageview", distinct_id: "anon-1", uuid: "ph-1", timestamp: at },
        { event: "$identify", distinct_id: "jane", uuid: "ph-2", timestamp: at, properties: { $anon_distinct_id: "anon-1" } },
        { event: "$pageview", distinct_id: "jane", uuid: "ph-3", timestamp: at },
        { event: "Signup", properties: { distinct_id: "$device:mx-dev", $insert_id: "mx-1", time: 1764000000 } },
        { event: "$identify", properties: { $anon_id: "mx-dev", $identified_id: "john", $insert_id: "mx-2", time: 1764000001 } },
        { event: "Purchase", properties: { distinct_id: "john", $insert_id: "mx-3", time: 1764000002 } },
      ]
        .map((line) => JSON.stringify(line))
        .join("\n"),
    );
    const summary = summaryOf(await idgraph(["import", file, "--space", space, "--json"]));
    expect(summary).toMatchObject({ applied: 6, refused: [], byFormat: { posthog: 3, mixpanel: 3 } });
    const people = new ProfileReader(executor);
    const jane = await people.rootByIdentifier(space, { type: "user_id", value: "jane" });
    expect(await people.rootByDevice(space, "anon-1")).toBe(jane);
    const john = await people.rootByIdentifier(space, { type: "user_id", value: "john" });
    expect(await people.rootByDevice(space, "mx-dev")).toBe(john);
    // Known user ids never became devices.
    expect(await people.rootByDevice(space, "jane")).toBeNull();
    expect(await people.rootByDevice(space, "john")).toBeNull();
  });
});
