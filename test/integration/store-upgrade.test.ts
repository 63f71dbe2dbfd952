// The upgrade of a store written before bounded state (docs/operations.md, "Upgrading an existing store"): a space whose every
// identified observation left a Stretch, and whose receipts have no arrival, is brought to the new
// shape by the retention work's upgrade, device by device: one Stretch per change of profile id,
// marks after the horizon, receipts dated. The invariant checker is clean before and after, and
// every device's attribution answers the same at every moment.
import { afterAll, expect, it } from "vitest";
import { IdentityService } from "../../src/identity/identity.service.js";
import { checkSpace } from "../../src/check/invariants.js";
import { ResolutionStore } from "../../src/identity/resolution.store.js";
import type { ObservationInput } from "../../src/rules/model.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { StoreUpgrade, upgradeState } from "../../src/retention/upgrade.js";
import { TimelineReader } from "../../src/timeline/timeline.reader.js";
import { seededRandom } from "../support/seeded-random.js";
import { testExecutor, uniqueId } from "./harness.js";
import type { StretchRow } from "../../src/timeline/compaction.js";

const executor = testExecutor();
afterAll(() => executor.close());
const rules = DEFAULT_IDENTITY_RULES;
const service = new IdentityService(new ResolutionStore(executor, rules), rules);
const timelines = new TimelineReader(executor);

/** Shared devices, logins in and out of order over ten days, anonymous events: a few timelines with many boundaries. */
function history(seed: number): ObservationInput[] {
  const random = seededRandom(seed);
  const start = Date.parse("2026-11-20T08:00:00Z");
  return Array.from({ length: 160 }, (_, n) => {
    const device = `d${Math.floor(random() * 4)}`;
    const user = random() < 0.55 ? `u${Math.floor(random() * 3)}` : undefined;
    const late = random() < 0.1 ? -Math.floor(random() * 30) * 3_600_000 : 0;
    return {
      deviceId: device,
      ...(user ? { userId: user } : {}),
      messageId: `m${n}`,
      timestamp: new Date(start + n * 90 * 60_000 + late),
    };
  });
}

/** Rewrites a space as the code before bounded state left it: a Stretch at every mark, receipts whole and undated. */
async function toOldShape(space: string): Promise<void> {
  await executor.write("test", async (tx) => {
    const stretches = await tx.run(
      "MATCH (s:Stretch {space: $space}) RETURN s.deviceId AS deviceId, s.from AS from, s.fromSeq AS fromSeq, s.until AS until, s.untilSeq AS untilSeq, s.profileId AS profileId",
      { space },
    );
    const marks = await tx.run("MATCH (m:Mark {space: $space}) RETURN m.deviceId AS deviceId, m.posAt AS at, m.posSeq AS seq", { space });
    const byDevice = new Map<string, Array<{ from: string; fromSeq: number; profileId: string | null }>>();
    for (const record of stretches.records) {
      const row = record.toObject() as StretchRow;
      byDevice.set(row.deviceId, [
        ...(byDevice.get(row.deviceId) ?? []),
        { from: row.from, fromSeq: row.fromSeq, profileId: row.profileId },
      ]);
    }
    const before = (a: { from: string; fromSeq: number }, b: { from: string; fromSeq: number }) =>
      a.from < b.from ? -1 : a.from > b.from ? 1 : a.fromSeq - b.fromSeq;
    for (const record of marks.records) {
      const { deviceId, at, seq } = record.toObject() as { deviceId: string; at: string; seq: number };
      const starts = byDevice.get(deviceId);
      // A mark where a stretch starts (a late login made it a change of profile id) is that stretch.
      if (starts && !starts.some((start) => start.from === at && start.fromSeq === seq))
        starts.push({ from: at, fromSeq: seq, profileId: null });
    }
    const rows = [...byDevice].flatMap(([deviceId, starts]) => {
      const sorted = starts.sort(before);
      let profileId = "";
      return sorted.map((start, index) => {
        profileId = start.profileId ?? profileId;
        const next = sorted[index + 1];
        return {
          deviceId,
          from: start.from,
          fromSeq: start.fromSeq,
          until: next?.from ?? null,
          untilSeq: next?.fromSeq ?? null,
          profileId,
        };
      });
    });
    await tx.run("MATCH (n:Stretch|Mark {space: $space}) WHERE NOT n:Message DETACH DELETE n", { space });
    await tx.run("MATCH (m:Mark:Message {space: $space}) REMOVE m:Mark", { space });
    await tx.run(
      `UNWIND $rows AS r
       MATCH (p:ProfileId {space: $space, id: r.profileId})
       CREATE (s:Stretch {space: $space, deviceId: r.deviceId, from: r.from, fromSeq: r.fromSeq, until: r.until, untilSeq: r.untilSeq, profileId: r.profileId})
       CREATE (s)-[:ATTRIBUTED_TO]->(p)`,
      { space, rows },
    );
    await tx.run(
      `MATCH (m:Message {space: $space})
       SET m.answer = coalesce(m.answer, '{"profileId":"' + m.profile + '","assignedProfileId":"' + m.profileId + '","created":false,"mergedProfileIds":[],"reattributed":[],"warnings":' + coalesce(m.warnings, '[]') + '}')
       REMOVE m.arrivedAt, m.mentions, m.profile, m.warnings`,
      { space },
    );
    await tx.run(
      "MERGE (u:IdgraphUpgrade {name: 'bounded-state', space: $space}) SET u.phase = 'timelines', u.after = '', u.devices = 0, u.receipts = 0",
      { space },
    );
  });
}

const count = async (space: string, label: string): Promise<number> =>
  executor.read(
    "test",
    async (tx) => (await tx.run(`MATCH (n:${label} {space: $space}) RETURN count(n) AS n`, { space })).records[0]?.get("n") as number,
  );

async function attributions(space: string): Promise<Array<string | undefined>> {
  const moments = Array.from({ length: 120 }, (_, n) => new Date(Date.parse("2026-11-20T07:00:00Z") + n * 2 * 3_600_000 + 1234));
  const answers: Array<string | undefined> = [];
  for (const deviceId of ["d0", "d1", "d2", "d3"])
    for (const moment of moments) answers.push((await timelines.attribution(space, deviceId, moment))?.assignedProfileId);
  return answers;
}

it("brings a space written before bounded state to the new shape: the checker clean before and after, every attribution unchanged", async () => {
  const space = uniqueId("upgrade");
  const inputs = history(7);
  for (let start = 0; start < inputs.length; start += 40)
    await service.resolveBatch(inputs.slice(start, start + 40), { space, actor: "system" });
  await toOldShape(space);
  const oldStretches = await count(space, "Stretch");
  expect(await count(space, "Mark")).toBe(0);
  expect(await checkSpace(executor, space, rules)).toEqual([]);
  const before = await attributions(space);

  const upgrade = new StoreUpgrade(executor, rules, 2);
  let steps = 0;
  while (await upgrade.step(space)) steps++;
  expect(steps).toBeGreaterThan(2);
  expect(await upgradeState(executor, space)).toMatchObject({ phase: "done", devices: 4, receipts: inputs.length });

  expect(await checkSpace(executor, space, rules)).toEqual([]);
  expect(await attributions(space)).toEqual(before);
  expect(await count(space, "Stretch")).toBeLessThan(oldStretches);
  expect(await count(space, "Mark")).toBeGreaterThan(0);
  expect(
    await executor.read("test", async (tx) =>
      (await tx.run("MATCH (m:Message {space: $space}) WHERE m.arrivedAt IS NULL RETURN count(m) AS n", { space })).records[0]?.get("n"),
    ),
  ).toBe(0);
  // Decided on the upgraded store, a retried messageId still answers where its event belongs now.
  const retry = await service.resolve(inputs[100] as ObservationInput, { space, actor: "system" });
  expect(retry.warnings.map((warning) => warning.code)).toContain("DUPLICATE_MESSAGE");
  expect(retry.assignedProfileId).toBe(
    (await timelines.attribution(space, inputs[100]?.deviceId as string, inputs[100]?.timestamp as Date))?.assignedProfileId,
  );
});
