// Rule 9 through the API: a batch is applied in its own order and answered in the same order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { profileByDevice, resolve, resolveBatch } from "./api.js";
import { TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 8 });
});
afterAll(async () => {
  await server?.stop();
});

describe("rule 9: batch order", () => {
  it("applies a batch in order: the same sequence as a batch or one by one gives the same answers", async () => {
    const sequence = [
      { deviceId: "E" },
      { deviceId: "E", userId: "Bob" },
      { deviceId: "E" },
      { deviceId: "E", userId: "Adam" },
      { deviceId: "E" },
      { deviceId: "F", userId: "Bob" },
      { deviceId: "E", userId: "Bob" },
    ];
    const batchClient = server.newSpace();
    const oneByOneClient = server.newSpace();
    const batch = await resolveBatch(batchClient, sequence);
    const oneByOne: Awaited<ReturnType<typeof resolve>>[] = [];
    for (const input of sequence) oneByOne.push(await resolve(oneByOneClient, input));
    // Ids differ between spaces; the pattern of which answers share a profile must not.
    const pattern = (answers: typeof batch) => answers.map((a) => answers.findIndex((b) => b.profileId === a.profileId));
    expect(pattern(batch)).toEqual(pattern(oneByOne));
    expect(pattern(batch)).toEqual([0, 0, 0, 3, 3, 0, 0]);
    expect(batch.map((a) => a.created)).toEqual(oneByOne.map((a) => a.created));
    expect((await profileByDevice(batchClient, "E"))?.id).toBe(batch[1]?.profileId);
    expect(await checkSpace(server.executor, batchClient.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("answers a batch of 1000 in the order given", async () => {
    const client = server.newSpace();
    const inputs = Array.from({ length: 1000 }, (_, i) => ({ deviceId: `bulk-${i}`, userId: `user-${i % 400}` }));
    const answers = await resolveBatch(client, inputs);
    expect(answers).toHaveLength(1000);
    for (let i = 400; i < 1000; i++) expect(answers[i]?.profileId).toBe(answers[i % 400]?.profileId);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("refuses a batch of 1001 with BAD_USER_INPUT and writes nothing", async () => {
    const client = server.newSpace();
    const inputs = Array.from({ length: 1001 }, (_, i) => ({ deviceId: `over-${i}` }));
    const result = await client.request(`mutation ($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { profileId } }`, { inputs });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await profileByDevice(client, "over-0")).toBeNull();
  });
});
