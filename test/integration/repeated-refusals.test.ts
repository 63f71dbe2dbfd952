// A refusal that repeats (docs/identity-rules.md, "What the store keeps"): a device whose every event is
// refused — an email that belongs to someone else, a ghost device sending its user id — writes one
// audit entry with a count and the time of its last repeat, and the store decides the repeats on
// the neighbourhood alone, loading no profile, for as long as nothing in the profiles changed.
import type { ManagedTransaction } from "neo4j-driver";
import { afterAll, describe, expect, it } from "vitest";
import { AdminStore } from "../../src/admin/admin.store.js";
import { IdentityService } from "../../src/identity/identity.service.js";
import { checkSpace } from "../../src/check/invariants.js";
import { ResolutionStore } from "../../src/identity/resolution.store.js";
import { Executor } from "../../src/neo4j/executor.js";
import { statement } from "../../src/persistence/statements.js";
import type { ObservationInput } from "../../src/rules/model.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { rulesWith } from "../unit/helpers.js";
import { testConnection, uniqueId } from "./harness.js";

/** An executor that counts the statements it runs, by their text. */
class CountingExecutor extends Executor {
  readonly ran = new Map<string, number>();
  override write<T>(label: Parameters<Executor["write"]>[0], work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return super.write(label, (tx) =>
      work(
        new Proxy(tx, {
          get: (target, property) =>
            property === "run"
              ? (text: string, parameters?: Record<string, unknown>) => {
                  this.ran.set(text, (this.ran.get(text) ?? 0) + 1);
                  return target.run(text, parameters);
                }
              : Reflect.get(target, property),
        }),
      ),
    );
  }
  count(name: string): number {
    return this.ran.get(statement(name)) ?? 0;
  }
}

const executor = new CountingExecutor(testConnection());
afterAll(() => executor.close());

const context = (space: string) => ({ space, actor: "system" });

async function refusalEntries(space: string) {
  return executor.read("test", async (tx) => {
    const result = await tx.run(
      `MATCH (a:AuditEntry {space: $space}) WHERE a.action IN ['IDENTITY_ERROR', 'GHOST_PROFILE']
       RETURN a.action AS action, a.count AS count, a.at AS at, a.lastAt AS lastAt ORDER BY a.id`,
      { space },
    );
    return result.records.map((record) => record.toObject() as { action: string; count: number; at: string; lastAt: string });
  });
}

describe("repeated refusals", () => {
  it("1,000 identical refused observations write one IDENTITY_ERROR entry counting 1,000, and load no profile after the first", async () => {
    const rules = DEFAULT_IDENTITY_RULES;
    const service = new IdentityService(new ResolutionStore(executor, rules), rules);
    const space = uniqueId("refusals");
    await service.resolve({ deviceId: "bobs-phone", userId: "bob", identifiers: [{ type: "email", value: "bob@x.io" }] }, context(space));
    await service.resolve({ deviceId: "kims-phone", userId: "kim", identifiers: [{ type: "email", value: "kim@x.io" }] }, context(space));
    // Kim's phone keeps sending Bob's email with Kim's user id: the email belongs to someone else.
    const start = Date.parse("2026-12-04T09:00:00Z");
    const refused = (n: number): ObservationInput => ({
      deviceId: "kims-phone",
      userId: "kim",
      identifiers: [{ type: "email", value: "bob@x.io" }],
      messageId: `m${n}`,
      timestamp: new Date(start + n * 1000),
    });
    const first = await service.resolve(refused(0), context(space));
    expect(first.warnings.map((warning) => warning.code)).toEqual(["IDENTIFIER_CONFLICT"]);
    const loadsBefore = executor.count("persistence/load-profiles");
    for (let batch = 0; batch < 10; batch++) {
      const inputs = Array.from({ length: 100 }, (_, n) => refused(1 + batch * 100 + n)).slice(0, batch === 9 ? 99 : 100);
      const answers = await service.resolveBatch(inputs, context(space));
      for (const answer of answers) expect(answer).toEqual({ ...first, warnings: first.warnings, reattributed: [] });
    }
    expect(executor.count("persistence/load-profiles") - loadsBefore).toBe(0);
    const entries = await refusalEntries(space);
    expect(entries).toEqual([
      { action: "IDENTITY_ERROR", count: 1000, at: new Date(start).toISOString(), lastAt: new Date(start + 999_000).toISOString() },
    ]);
    expect(await checkSpace(executor, space, rules)).toEqual([]);
  });

  it("a ghost device sending its user id writes one GHOST_PROFILE entry with a count", async () => {
    const rules = rulesWith({ deviceCap: 2 });
    const service = new IdentityService(new ResolutionStore(executor, rules), rules);
    const space = uniqueId("ghosts");
    await service.resolve({ deviceId: "d1", userId: "ann" }, context(space));
    await service.resolve({ deviceId: "d2", userId: "ann" }, context(space));
    await service.resolve({ deviceId: "d3" }, context(space));
    const answers = await service.resolveBatch(
      Array.from({ length: 50 }, (_, n) => ({ deviceId: "d3", userId: "ann", messageId: `g${n}` })),
      context(space),
    );
    expect(new Set(answers.map((answer) => answer.warnings.map((warning) => warning.code).join()))).toEqual(
      new Set(["DEVICE_LIMIT_REACHED"]),
    );
    expect((await refusalEntries(space)).map(({ action, count }) => ({ action, count }))).toEqual([{ action: "GHOST_PROFILE", count: 50 }]);
    expect(await checkSpace(executor, space, rules)).toEqual([]);
  });

  it("decides a repeat again, on whole profiles, once a profile it involves has changed: a demerge frees the email", async () => {
    const rules = DEFAULT_IDENTITY_RULES;
    const service = new IdentityService(new ResolutionStore(executor, rules), rules);
    const admin = new AdminStore(executor, rules);
    const space = uniqueId("refusals");
    await service.resolve(
      { deviceId: "bobs-phone", userId: "bob", identifiers: [{ type: "email", value: "shared@x.io" }] },
      context(space),
    );
    await service.resolve({ deviceId: "kims-phone", userId: "kim" }, context(space));
    const email = [{ type: "email", value: "shared@x.io" }];
    const before = await service.resolve({ deviceId: "kims-phone", userId: "kim", identifiers: email, messageId: "a" }, context(space));
    expect(before.warnings.map((warning) => warning.code)).toEqual(["IDENTIFIER_CONFLICT"]);
    await service.resolve({ deviceId: "kims-phone", userId: "kim", identifiers: email, messageId: "b" }, context(space));
    await admin.demerge([{ type: "email", value: "shared@x.io" }], { space, actor: "admin", reason: "bad merge" });
    // Bob's profile lost the email: Kim's next event with it links it to Kim.
    const after = await service.resolve({ deviceId: "kims-phone", userId: "kim", identifiers: email, messageId: "c" }, context(space));
    expect(after.warnings).toEqual([]);
    expect(await refusalEntries(space)).toEqual([expect.objectContaining({ action: "IDENTITY_ERROR", count: 2 })]);
    expect(await checkSpace(executor, space, rules)).toEqual([]);
  });
});
