// Reads see this process's writes: every session of an executor shares one bookmark manager, so a
// read auto-committed on a fresh session right after a write (on another session) sees it.
import { afterAll, describe, expect, it } from "vitest";
import { Executor, ONE_STATEMENT } from "../../src/neo4j/executor.js";
import { ProfileReader } from "../../src/profiles/profile.reader.js";
import { TestServer, testExecutor, uniqueId } from "./harness.js";

const executor = testExecutor();
afterAll(() => executor.close());

describe("read your writes within one process", () => {
  it("a one-statement read right after a write, on another session, sees the write", async () => {
    const ids = Array.from({ length: 20 }, () => uniqueId("ryw"));
    await Promise.all(
      ids.map(async (id) => {
        await executor.write("test", (tx) => tx.run("CREATE (:ReadYourWrites {id: $id})", { id }));
        const result = await executor.read(
          "test",
          (tx) => tx.run("MATCH (n:ReadYourWrites {id: $id}) RETURN n.id AS id", { id }),
          ONE_STATEMENT,
        );
        expect(result.records.map((record) => record.get("id"))).toEqual([id]);
      }),
    );
    await executor.write("test", (tx) => tx.run("MATCH (n:ReadYourWrites) WHERE n.id IN $ids DELETE n", { ids }));
  });

  it("profileByDevice answers the profile of a device resolved just before", async () => {
    const server = await TestServer.start();
    try {
      const client = server.newSpace();
      const deviceId = uniqueId("device");
      const resolved = await client.data<{ resolve: { profileId: string } }>(
        `mutation($input: ResolveInput!) { resolve(input: $input) { profileId } }`,
        { input: { deviceId, userId: uniqueId("user"), timestamp: new Date().toISOString() } },
      );
      const read = await client.data<{ profileByDevice: { ids: string[] } | null }>(
        `query($deviceId: String!) { profileByDevice(deviceId: $deviceId) { ids } }`,
        { deviceId },
      );
      expect(read.profileByDevice?.ids).toContain(resolved.resolve.profileId);
    } finally {
      await server.stop();
    }
  });

  it("a one-statement read runs one statement only", async () => {
    await expect(
      executor.read(
        "test",
        async (tx) => {
          await tx.run("RETURN 1");
          return tx.run("RETURN 2");
        },
        ONE_STATEMENT,
      ),
    ).rejects.toThrow(/one statement/);
  });

  it("a one-statement read with Neo4j away is refused as SERVICE_UNAVAILABLE", async () => {
    const away = new Executor({
      uri: "bolt://127.0.0.1:1",
      database: "neo4j",
      timings: { maxTransactionRetryTime: 300, connectionTimeout: 200, connectionAcquisitionTimeout: 500 },
    });
    try {
      await expect(new ProfileReader(away).profileByDevice(uniqueId("space"), "any-device")).rejects.toMatchObject({
        code: "SERVICE_UNAVAILABLE",
      });
    } finally {
      await away.close();
    }
  });
});
