// Rule 9 of docs/identity-rules.md (the pure half): a batch is applied in its own order, as if its
// observations arrived one by one; and rule 1 for batches: one bad observation refuses the batch.
import { describe, expect, it } from "vitest";
import { ErrorCode, IdgraphError } from "../../src/errors.js";
import type { ObservationInput } from "../../src/rules/model.js";
import { MAX_BATCH } from "../../src/identity/identity.service.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { simulatedService } from "./simulated-store.js";

const context = { space: "test", actor: "system" };
const appendTable: ObservationInput[] = [
  { deviceId: "E", userId: "Bob" },
  { deviceId: "E" },
  { deviceId: "E", userId: "Adam" },
  { deviceId: "E" },
  { deviceId: "E" },
];

describe("rule 9: a batch", () => {
  it("is applied in its own order, giving the answers of the same observations one by one", async () => {
    const batched = simulatedService(DEFAULT_IDENTITY_RULES);
    const single = simulatedService(DEFAULT_IDENTITY_RULES);
    const batchAnswers = await batched.service.resolveBatch(appendTable, context);
    const singleAnswers: unknown[] = [];
    for (const input of appendTable) singleAnswers.push(await single.service.resolve(input, context));
    expect(batchAnswers).toEqual(singleAnswers);
    expect(batched.store.database.toData()).toEqual(single.store.database.toData());
    expect(batched.batches).toHaveLength(1);
    // Bob, Bob, Adam, Adam, Adam: the last known user at each point of the batch.
    const ids = batchAnswers.map((answer) => answer.assignedProfileId);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids.slice(3)).toEqual([ids[2], ids[2]]);
  });

  it("depends on its order: anonymous events before a login belong to whoever was last known before them", async () => {
    const { service } = simulatedService(DEFAULT_IDENTITY_RULES);
    const [adam, anonymous, bob] = await service.resolveBatch(
      [{ deviceId: "E", userId: "Adam" }, { deviceId: "E" }, { deviceId: "E", userId: "Bob" }],
      context,
    );
    expect(anonymous?.assignedProfileId).toBe(adam?.assignedProfileId);
    expect(bob?.assignedProfileId).not.toBe(adam?.assignedProfileId);
  });

  it("is refused whole, with nothing applied, when one observation has neither a device nor an identifier", async () => {
    const { service, store, batches } = simulatedService(DEFAULT_IDENTITY_RULES);
    const refusal = service.resolveBatch([{ deviceId: "X", userId: "u1" }, { deviceId: "Y" }, { userId: "null" }], context);
    await expect(refusal).rejects.toBeInstanceOf(IdgraphError);
    await expect(refusal).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining("inputs[2]") });
    expect(batches).toEqual([]);
    expect(store.database.devices.size).toBe(0);
  });

  it(`is refused beyond ${MAX_BATCH} observations`, async () => {
    const { service, batches } = simulatedService(DEFAULT_IDENTITY_RULES);
    const inputs = Array.from({ length: MAX_BATCH + 1 }, (_, n) => ({ deviceId: `d${n}` }));
    await expect(service.resolveBatch(inputs, context)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    expect(batches).toEqual([]);
  });

  it("may hold one device's observations many times, each seeing the ones before it", async () => {
    const { service, store } = simulatedService(DEFAULT_IDENTITY_RULES);
    const answers = await service.resolveBatch(
      [{ deviceId: "Q" }, { deviceId: "P", userId: "Smith" }, { deviceId: "Q", userId: "Smith" }, { deviceId: "Q" }],
      context,
    );
    const [q, p] = answers.map((answer) => answer.profileId);
    expect(p).not.toBe(q);
    // Smith on Q merges Q's older anonymous profile with P's: the merged profile keeps Q's older id.
    expect(answers.map((answer) => answer.profileId)).toEqual([q, p, q, q]);
    expect(store.database.components.size).toBe(1);
  });
});
