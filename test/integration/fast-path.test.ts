// The store's fast path for observations that change nothing (src/rules/batch.ts) on Neo4j: the
// same traffic answers the same whether the store decides it on the neighbourhood or loads every
// profile a batch touches whole, and leaves the same graph; a profile an admin merged past a limit
// is never decided on the neighbourhood alone.
import { afterAll, describe, expect, it } from "vitest";
import { AdminStore } from "../../src/admin/admin.store.js";
import { IdentityService } from "../../src/identity/identity.service.js";
import { checkSpace } from "../../src/check/invariants.js";
import { ResolutionStore } from "../../src/identity/resolution.store.js";
import type { ObservationInput, Resolution } from "../../src/rules/model.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { seededRandom } from "../support/seeded-random.js";
import { testExecutor, uniqueId } from "./harness.js";

const executor = testExecutor();
afterAll(() => executor.close());
const rules = DEFAULT_IDENTITY_RULES;
const fast = new IdentityService(new ResolutionStore(executor, rules), rules);
const whole = new IdentityService(new ResolutionStore(executor, rules, { wholeProfiles: true }), rules);

/** Steady traffic with logins, shared devices, new devices and repeated messageIds, seeded. */
function traffic(seed: number, count: number): ObservationInput[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const start = Date.parse("2026-11-30T10:00:00Z");
  const owners = ["u1", "u2", "u3", "u4", "u5", "u6"];
  const out: ObservationInput[] = [];
  for (let i = 0; i < count; i++) {
    const device = Math.floor(random() * 10);
    const x = random();
    const userId = x < 0.6 ? owners[device % owners.length] : x < 0.65 ? pick(owners) : undefined;
    const messageId = random() < 0.03 && i > 0 ? `m${Math.floor(random() * i)}` : `m${i}`;
    const email = userId !== undefined && random() < 0.1 ? [{ type: "email", value: `${userId}@x.io` }] : [];
    out.push({
      deviceId: `d${device}`,
      userId,
      identifiers: email,
      messageId,
      timestamp: new Date(start + i * 60_000 - (random() < 0.05 ? 600_000 : 0)),
    });
  }
  return out;
}

/** Profile ids renamed by their first appearance in the answers: two spaces' ids compared by role. */
function canonical(answers: Resolution[]) {
  const names = new Map<string, string>();
  const name = (id: string): string => {
    if (!names.has(id)) names.set(id, `#${names.size}`);
    return names.get(id) as string;
  };
  const shape = answers.map((answer) => ({
    profileId: name(answer.profileId),
    assignedProfileId: name(answer.assignedProfileId),
    created: answer.created,
    mergedProfileIds: answer.mergedProfileIds.map(name),
    warnings: answer.warnings.map((warning) => warning.code),
    reattributed: answer.reattributed.map((r) => ({ deviceId: r.deviceId, from: name(r.fromProfileId), to: name(r.toProfileId) })),
  }));
  return { shape, name };
}

async function devicesOf(space: string, name: (id: string) => string) {
  const result = await executor.read("test", (tx) =>
    tx.run(
      `MATCH (d:Device {space: $space})-[:CURRENT]->(c:ProfileId)
       OPTIONAL MATCH (s:Stretch {space: $space, deviceId: d.id})
       RETURN d.id AS id, c.id AS current, c.profile AS profile, d.seq AS seq, count(s) AS stretches ORDER BY id`,
      { space },
    ),
  );
  return result.records.map((r) => ({
    id: r.get("id"),
    current: name(r.get("current")),
    profile: name(r.get("profile")),
    seq: r.get("seq"),
    stretches: r.get("stretches"),
  }));
}

async function resolveInBatches(service: IdentityService, space: string, inputs: ObservationInput[], size: number): Promise<Resolution[]> {
  const answers: Resolution[] = [];
  for (let from = 0; from < inputs.length; from += size)
    answers.push(...(await service.resolveBatch(inputs.slice(from, from + size), { space, actor: "test" })));
  return answers;
}

describe("observations that change nothing, on Neo4j", () => {
  it("answer and leave the graph exactly as when every profile is loaded whole", async () => {
    for (const seed of [1, 2, 3]) {
      const inputs = traffic(seed, 240);
      const [fastSpace, wholeSpace] = [uniqueId("fast"), uniqueId("whole")];
      const fastAnswers = canonical(await resolveInBatches(fast, fastSpace, inputs, 40));
      const wholeAnswers = canonical(await resolveInBatches(whole, wholeSpace, inputs, 40));
      expect(fastAnswers.shape).toEqual(wholeAnswers.shape);
      expect(await devicesOf(fastSpace, fastAnswers.name)).toEqual(await devicesOf(wholeSpace, wholeAnswers.name));
      expect(await checkSpace(executor, fastSpace, rules)).toEqual([]);
    }
  });

  it("decide a profile merged past its limits by the whole rules, as before the fast path", async () => {
    const answers: Array<ReturnType<typeof canonical>["shape"]> = [];
    for (const service of [fast, whole]) {
      const space = uniqueId("forced");
      const [adam, bob] = await service.resolveBatch(
        [
          { deviceId: "phone-a", userId: "adam", messageId: "1" },
          { deviceId: "phone-b", userId: "bob", messageId: "2" },
        ],
        { space, actor: "test" },
      );
      // Two user ids in one profile: past the user_id limit of 1, by force.
      await new AdminStore(executor, rules).mergeProfiles([(adam as Resolution).profileId, (bob as Resolution).profileId], true, {
        space,
        actor: "test",
        reason: "forced",
      });
      const after = await service.resolveBatch([{ deviceId: "phone-a", userId: "adam", messageId: "3" }], { space, actor: "test" });
      answers.push(canonical([adam as Resolution, bob as Resolution, ...after]).shape);
    }
    expect(answers[0]).toEqual(answers[1]);
  });
});
