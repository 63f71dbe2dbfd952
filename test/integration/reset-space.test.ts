// Account reset (docs/identity-rules.md, "Admin operations"): wipes the caller's whole space, and only
// when the server runs as a test environment (IDGRAPH_TEST_ENV), as CleverTap allows it only there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, profileByDevice, resolve } from "./api.js";
import { AdminTestServer, errorCode, RESET_SPACE } from "./admin-helpers.js";

const nodesIn = async (server: AdminTestServer, space: string): Promise<number> => {
  const result = await server.server.executor.read("test", (tx) => tx.run("MATCH (n {space: $space}) RETURN count(n) AS n", { space }));
  return result.records[0]?.get("n") as number;
};

describe("resetSpace on a test environment", () => {
  let server: AdminTestServer;
  beforeAll(async () => {
    server = await AdminTestServer.start({ testEnvironment: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("wipes every profile, device, identifier, receipt and audit entry of the caller's space, and nothing else", async () => {
    const mine = server.newSpace();
    const theirs = server.newSpace();
    await resolve(mine.client, { deviceId: "d1", userId: "ann", messageId: "m1" });
    await resolve(mine.client, { deviceId: "d2" });
    const other = await resolve(theirs.client, { deviceId: "d1", userId: "ann" });
    expect(await nodesIn(server, mine.space)).toBeGreaterThan(0);

    expect((await mine.client.data(RESET_SPACE, { confirm: mine.space })).resetSpace).toBe(true);
    expect(await nodesIn(server, mine.space)).toBe(0);
    expect(await auditLog(mine.client)).toEqual([]);
    expect((await profileByDevice(theirs.client, "d1"))?.id).toBe(other.profileId);
    await server.expectClean(mine.space);
    await server.expectClean(theirs.space);

    // The space starts over: the same device and user are new again.
    const again = await resolve(mine.client, { deviceId: "d1", userId: "ann", messageId: "m1" });
    expect(again).toMatchObject({ created: true, warnings: [] });
  });

  it("refuses a confirm that is not the space's name, and needs the admin role", async () => {
    const { client, reader, ingester, space } = server.newSpace();
    await resolve(client, { deviceId: "d1" });
    const wrong = await client.request(RESET_SPACE, { confirm: "yes" });
    expect(errorCode(wrong)).toBe("BAD_USER_INPUT");
    expect(wrong.errors?.[0]?.message).toContain(space);
    expect(errorCode(await reader.request(RESET_SPACE, { confirm: space }))).toBe("FORBIDDEN");
    expect(errorCode(await ingester.request(RESET_SPACE, { confirm: space }))).toBe("FORBIDDEN");
    expect(await profileByDevice(client, "d1")).not.toBeNull();
  });
});

describe("resetSpace outside a test environment", () => {
  let server: AdminTestServer;
  beforeAll(async () => {
    server = await AdminTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is refused with FORBIDDEN, naming the flag, and wipes nothing", async () => {
    const { client, space } = server.newSpace();
    await resolve(client, { deviceId: "d1", userId: "ann" });
    const response = await client.request(RESET_SPACE, { confirm: space });
    expect(errorCode(response)).toBe("FORBIDDEN");
    expect(response.errors?.[0]?.message).toMatch(/IDGRAPH_TEST_ENV/);
    expect(await profileByDevice(client, "d1")).not.toBeNull();
  });
});
