// The idgraph CLI's other commands, spawned as a user runs them, with --json for scripts: lookup,
// explain, check, export (every profile id with its profile and the profile's traits), demerge and delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../../src/app/services.js";
import type { Executor } from "../../src/neo4j/executor.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import type { Kept } from "../../src/retention/kept.reader.js";
import { idgraph } from "./cli-process.js";
import { testExecutor, uniqueId } from "./harness.js";

let executor: Executor;
let services: Services;
let space: string;
let profileId: string;
let profileIds: string[];
beforeAll(async () => {
  executor = testExecutor();
  services = createServices(executor, DEFAULT_IDENTITY_RULES);
  space = uniqueId("cli-cmd");
  const answers = await services.identity.resolveBatch(
    [
      {
        deviceId: "phone-1",
        userId: "jane-42",
        identifiers: [{ type: "email", value: "jane@example.com" }],
        timestamp: new Date("2026-12-01T10:00:00Z"),
        traits: { plan: "pro" },
      },
      { deviceId: "laptop-1", userId: "jane-42", timestamp: new Date("2026-12-01T10:05:00Z"), traits: { city: "Oslo", plan: "team" } },
      { deviceId: "tablet-1", userId: "john-7" },
    ],
    { space, actor: "test" },
  );
  profileId = answers[0]?.profileId as string;
  profileIds = answers.map((a) => a.assignedProfileId);
});
afterAll(async () => {
  await executor?.close();
});

const json = <T>(stdout: string): T => JSON.parse(stdout) as T;

describe("idgraph lookup, explain, check, export", () => {
  it("looks a profile up by user id, by an identifier as typed (normalised), by device; an unknown one is null with exit 1", async () => {
    const byUser = await idgraph(["lookup", "--user", "jane-42", "--space", space, "--json"]);
    expect(byUser.code).toBe(0);
    const { profile } = json<{ profile: { id: string; devices: Array<{ id: string }> } }>(byUser.stdout);
    expect(profile.id).toBe(profileId);
    expect(profile.devices.map((d) => d.id).sort()).toEqual(["laptop-1", "phone-1"]);
    const byEmail = json<{ profile: { id: string } }>(
      (await idgraph(["lookup", "--identifier", "email: Jane@Example.com", "--space", space, "--json"])).stdout,
    );
    expect(byEmail.profile.id).toBe(profileId);
    const unknown = await idgraph(["lookup", "--device", "nobody", "--space", space, "--json"]);
    expect(unknown.code).toBe(1);
    expect(json(unknown.stdout)).toEqual({ profile: null });
  });

  it("shows a profile's traits with lookup: each value, when and on which profile id it was set", async () => {
    const run = await idgraph(["lookup", "--user", "jane-42", "--space", space, "--json"]);
    const { profile } = json<{ profile: { traits: unknown; traitList: unknown[] } }>(run.stdout);
    expect(profile.traits).toEqual({ city: "Oslo", plan: "team" });
    expect(profile.traitList).toContainEqual({ name: "plan", value: "pro", at: "2026-12-01T10:00:00.000Z", profileId: profileIds[0] });
    const text = await idgraph(["lookup", "--user", "jane-42", "--space", space]);
    expect(text.stdout).toContain(`trait city: "Oslo" (set 2026-12-01T10:05:00.000Z on profile id ${profileIds[1]})`);
    expect(text.stdout).toContain(`trait plan: "team" (set 2026-12-01T10:05:00.000Z on profile id ${profileIds[1]})`);
    expect(text.stdout).not.toContain('"pro"');
  });

  it("explains why two devices are one profile, and checks the space clean", async () => {
    const run = await idgraph(["explain", "device:phone-1", "device:laptop-1", "--space", space, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.stringify(json(run.stdout))).toContain("jane-42");
    const check = await idgraph(["check", "--space", space, "--json"]);
    expect(check.code).toBe(0);
    expect(json<{ violations: number }>(check.stdout).violations).toBe(0);
  });

  it("says what the space keeps for good and what only for a window", async () => {
    const check = await idgraph(["check", "--space", space, "--json"]);
    const [report] = json<{ spaces: Array<{ kept: Kept }> }>(check.stdout).spaces;
    expect(report?.kept.forGood).toMatchObject({ devices: 3, profileIds: 3, identifiers: 3 });
    expect(report?.kept.forAWindow.receipts.windowMs).toBe(7 * 86_400_000);
    expect(report?.kept.forAWindow.marks.lateWindowMs).toBe(7 * 86_400_000);
    expect(report?.kept.forAWindow.changes.retentionMs).toBe(30 * 86_400_000);
    const text = await idgraph(["check", "--space", space]);
    expect(text.stdout).toContain("kept for good: 3 device(s), 3 profile id(s), 3 identifier(s)");
    expect(text.stdout).toMatch(/kept for a window: \d+ receipt\(s\) of messageIds for the dedup window of 7 d/);
  });

  it("exports every profile id with its profile and the profile's traits, as NDJSON (with each profile id's own) and as CSV", async () => {
    const ndjson = await idgraph(["export", "--space", space, "--format", "ndjson"]);
    const rows = ndjson.stdout
      .trim()
      .split("\n")
      .map((line) => json<{ profileId: string; profile: string; traits: unknown; traitList: unknown[] }>(line));
    expect(rows.map((r) => r.profileId).sort()).toEqual([...new Set(profileIds)].sort());
    expect(rows.find((r) => r.profileId === profileIds[1])).toEqual({
      profileId: profileIds[1],
      profile: profileId,
      traits: { city: "Oslo", plan: "team" },
      traitList: [
        { name: "city", value: "Oslo", at: "2026-12-01T10:05:00.000Z" },
        { name: "plan", value: "team", at: "2026-12-01T10:05:00.000Z" },
      ],
    });
    expect(rows.find((r) => r.profileId === profileIds[0])?.traitList).toEqual([
      { name: "plan", value: "pro", at: "2026-12-01T10:00:00.000Z" },
    ]);
    expect(rows.find((r) => r.profileId === profileIds[2])).toMatchObject({ traits: {}, traitList: [] });
    const csv = await idgraph(["export", "--space", space]);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe("profile_id,profile,traits");
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines).toContain(`${profileIds[1]},${profileId},"{""city"":""Oslo"",""plan"":""team""}"`);
    expect(lines).toContain(`${profileIds[2]},${profileIds[2]},{}`);
  });
});

describe("idgraph demerge and delete", () => {
  it("demerges an identity and deletes a profile, recording the actor", async () => {
    const demerged = await idgraph(["demerge", "jane-42", "--reason", "support ticket 7", "--space", space, "--actor", "ops-jo", "--json"]);
    expect(demerged.code).toBe(0);
    expect(json<{ profileIds: string[] }>(demerged.stdout).profileIds.length).toBeGreaterThan(0);
    const john = await services.profiles.rootByIdentifier(space, { type: "user_id", value: "john-7" });
    const deleted = await idgraph(["delete", john as string, "--space", space, "--json"]);
    expect(deleted.code).toBe(0);
    expect(json<{ deletedProfileIds: string[] }>(deleted.stdout).deletedProfileIds).toContain(john);
    expect(await services.profiles.rootByIdentifier(space, { type: "user_id", value: "john-7" })).toBeNull();
    const audit = await services.audit.all(space, 100, null);
    expect(JSON.stringify(audit)).toContain("ops-jo");
  });

  it("refuses a bad argument with the usage and exit code 2", async () => {
    const run = await idgraph(["lookup", "--space", space]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("give exactly one of --device, --user, --identifier, --profile");
  });
});
