// Rule 8 through the API: a repeated messageId returns the first answer and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { auditLog, profileByDevice, resolve, resolveBatch } from "./api.js";
import { TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 8 });
});
afterAll(async () => {
  await server?.stop();
});

describe("rule 8: idempotency by messageId", () => {
  it("returns the first answer with DUPLICATE_MESSAGE for a retried observation and writes nothing new", async () => {
    const client = server.newSpace();
    const first = await resolve(client, { messageId: "evt-1", deviceId: "d1", userId: "kim" });
    const entries = await auditLog(client);
    const retry = await resolve(client, { messageId: "evt-1", deviceId: "d1", userId: "kim" });
    expect(retry).toEqual({ ...first, warnings: [{ code: "DUPLICATE_MESSAGE", message: expect.any(String), identifier: null }] });
    expect(await auditLog(client)).toEqual(entries);
  });

  it("ignores what a repeated messageId says the second time, even when it differs", async () => {
    const client = server.newSpace();
    const first = await resolve(client, { messageId: "evt-2", deviceId: "d2" });
    const different = await resolve(client, { messageId: "evt-2", deviceId: "d3", userId: "lee" });
    expect(different.profileId).toBe(first.profileId);
    expect(different.warnings.map((w) => w.code)).toEqual(["DUPLICATE_MESSAGE"]);
    expect(await profileByDevice(client, "d3")).toBeNull();
    // Not even an empty device node is left behind.
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("recognises a repeat inside the same batch", async () => {
    const client = server.newSpace();
    const [a, b] = await resolveBatch(client, [
      { messageId: "evt-3", deviceId: "d4" },
      { messageId: "evt-3", deviceId: "d5" },
    ]);
    expect(b?.profileId).toBe(a?.profileId);
    expect(b?.warnings.map((w) => w.code)).toEqual(["DUPLICATE_MESSAGE"]);
    expect(await profileByDevice(client, "d5")).toBeNull();
  });

  it("keeps messageIds apart between spaces", async () => {
    const [one, two] = [server.newSpace(), server.newSpace()];
    await resolve(one, { messageId: "evt-shared", deviceId: "d6" });
    const other = await resolve(two, { messageId: "evt-shared", deviceId: "d6" });
    expect(other.warnings).toEqual([]);
    expect(other.created).toBe(true);
  });
});
