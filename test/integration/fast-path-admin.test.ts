// The steady path against the whole rules, with admin operations and late logins between the
// batches (a property, on Neo4j): random traffic on shared devices — logins in and out of order,
// anonymous events, repeats — with demerges, resets and unmerges at random points, sent to one space
// through the store's fast path and to another through a store that loads every profile whole.
// The answers, every device's timeline and every attribution agree. And the same kind of traffic
// from parallel clients, with admin operations running beside it, leaves a graph the checker
// accepts, every receipt answering where its event belongs now.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { AdminStore } from "../../src/admin/admin.store.js";
import { IdentityService } from "../../src/identity/identity.service.js";
import { checkSpace } from "../../src/check/invariants.js";
import { ResolutionStore } from "../../src/identity/resolution.store.js";
import type { ObservationInput, Resolution } from "../../src/rules/model.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { TimelineReader } from "../../src/timeline/timeline.reader.js";
import { testExecutor, uniqueId } from "./harness.js";

const executor = testExecutor();
afterAll(() => executor.close());
const rules = DEFAULT_IDENTITY_RULES;
const fast = new IdentityService(new ResolutionStore(executor, rules), rules);
const whole = new IdentityService(new ResolutionStore(executor, rules, { wholeProfiles: true }), rules);
const admin = new AdminStore(executor, rules);
const timelines = new TimelineReader(executor);

const START = Date.parse("2026-12-01T09:00:00Z");
const users = ["ann", "ben", "cat", "dan"];
const devices = ["d1", "d2", "d3"];

type Step =
  | { kind: "observe"; deviceId: string; userId?: string | undefined; minutes: number; repeat: boolean }
  | { kind: "demerge"; userId: string }
  | { kind: "reset"; deviceId: string }
  | { kind: "unmergeLast" };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant("observe" as const),
      deviceId: fc.constantFrom(...devices),
      userId: fc.option(fc.constantFrom(...users), { nil: undefined, freq: 2 }),
      // Mostly forward in time; now and then a late one (a login stamped before what came already).
      minutes: fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: 1, max: 30 }) },
        { weight: 1, arbitrary: fc.integer({ min: -90, max: 0 }) },
      ),
      repeat: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("demerge" as const), userId: fc.constantFrom(...users) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reset" as const), deviceId: fc.constantFrom(...devices) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unmergeLast" as const) }) },
);

/** Renames profile ids by their first appearance, so two spaces' answers compare by role. */
function namer() {
  const names = new Map<string, string>();
  return (id: string | null | undefined): string | null => {
    if (id === null || id === undefined) return null;
    if (!names.has(id)) names.set(id, `#${names.size}`);
    return names.get(id) as string;
  };
}

async function run(service: IdentityService, steps: Step[], batchSize: number) {
  const space = uniqueId("fp-admin");
  const name = namer();
  const answers: unknown[] = [];
  let clock = START;
  let pending: ObservationInput[] = [];
  const sent: ObservationInput[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const resolved: Resolution[] = await service.resolveBatch(pending, { space, actor: "test" });
    for (const answer of resolved)
      answers.push({
        profileId: name(answer.profileId),
        assignedProfileId: name(answer.assignedProfileId),
        created: answer.created,
        merged: answer.mergedProfileIds.map(name),
        warnings: answer.warnings.map((warning) => warning.code),
        moved: answer.reattributed.map((r) => [r.deviceId, name(r.fromProfileId), name(r.toProfileId)]),
      });
    pending = [];
  };
  const context = { space, actor: "test", reason: "property" };
  for (const item of steps) {
    if (item.kind === "observe") {
      clock += item.minutes * 60_000;
      const previous = sent.at(-1);
      const input: ObservationInput =
        item.repeat && previous
          ? previous
          : {
              deviceId: item.deviceId,
              ...(item.userId ? { userId: item.userId } : {}),
              messageId: `m${sent.length}`,
              timestamp: new Date(clock),
            };
      sent.push(input);
      pending.push(input);
      if (pending.length >= batchSize) await flush();
      continue;
    }
    await flush();
    if (item.kind === "demerge")
      answers.push({ demerged: (await admin.demerge([{ type: "user_id", value: item.userId }], context)).length });
    else if (item.kind === "reset") {
      const current = await executor.read("test", async (tx) =>
        (
          await tx.run("MATCH (:Device {space: $space, id: $id})-[:CURRENT]->(p) RETURN p.id AS id", { space, id: item.deviceId })
        ).records[0]?.get("id"),
      );
      if (typeof current === "string") answers.push({ reset: (await admin.resetIdentities(current, context)).length });
    } else {
      const entry = await executor.read("test", async (tx) =>
        (
          await tx.run(
            "MATCH (a:AuditEntry {space: $space}) WHERE a.action = 'IDENTIFIER_LINKED' AND EXISTS { (a)-[:ABOUT]->() } RETURN a.id AS id ORDER BY a.id DESC LIMIT 1",
            { space },
          )
        ).records[0]?.get("id"),
      );
      if (typeof entry === "string") {
        try {
          answers.push({ unmerged: (await admin.unmerge(entry, context)).length });
        } catch {
          answers.push({ unmerged: "gone" });
        }
      }
    }
  }
  await flush();
  const attributions: Array<string | null> = [];
  for (const deviceId of devices)
    for (let minute = -60; minute <= 40 * 30; minute += 17)
      attributions.push(name((await timelines.attribution(space, deviceId, new Date(START + minute * 60_000)))?.assignedProfileId));
  expect(await checkSpace(executor, space, rules)).toEqual([]);
  return { answers, attributions };
}

describe("the steady path with admin operations and late logins between batches", { timeout: 240_000 }, () => {
  it("answers, and attributes every moment, as the whole rules do", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (steps, batchSize) => {
        const viaFast = await run(fast, steps, batchSize);
        const viaWhole = await run(whole, steps, batchSize);
        expect(viaFast).toEqual(viaWhole);
      }),
      { numRuns: 12 },
    );
  });
});

describe("the steady path beside admin operations running at the same time", { timeout: 120_000 }, () => {
  it("leaves a graph the checker accepts, every receipt answering where its event belongs now", async () => {
    const space = uniqueId("fp-parallel");
    const context = { space, actor: "test", reason: "parallel" };
    const inputs = Array.from({ length: 4 }, (_, client) =>
      Array.from({ length: 30 }, (_, n) => ({
        deviceId: devices[(client + n) % devices.length] as string,
        ...((client + n) % 3 === 0 ? { userId: users[(client * 7 + n) % users.length] as string } : {}),
        messageId: `c${client}-${n}`,
        timestamp: new Date(START + (n * 4 + client) * 60_000 - ((client + n) % 5 === 0 ? 45 * 60_000 : 0)),
      })),
    );
    const clients = inputs.map(async (mine) => {
      for (let from = 0; from < mine.length; from += 5) await fast.resolveBatch(mine.slice(from, from + 5), { space, actor: "test" });
    });
    const admins = (async () => {
      for (let round = 0; round < 8; round++) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await admin.demerge([{ type: "user_id", value: users[round % users.length] as string }], context);
      }
    })();
    await Promise.all([...clients, admins]);
    expect(await checkSpace(executor, space, rules)).toEqual([]);
    for (const input of inputs.flat()) {
      const repeat = await fast.resolve(input, { space, actor: "test" });
      expect(repeat.warnings.map((warning) => warning.code)).toContain("DUPLICATE_MESSAGE");
      if (input.userId === undefined)
        expect(repeat.assignedProfileId, input.messageId).toBe(
          (await timelines.attribution(space, input.deviceId, input.timestamp))?.assignedProfileId,
        );
    }
  });
});
