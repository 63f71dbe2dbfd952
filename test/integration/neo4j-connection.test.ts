import { afterAll, describe, expect, it } from "vitest";
import { migrationsApplied } from "../../src/neo4j/migrations.js";
import { testExecutor, uniqueId } from "./harness.js";

const executor = testExecutor();
afterAll(() => executor.close());

describe("the shared Neo4j", () => {
  it("stores a node and reads it back through the driver", async () => {
    const id = uniqueId("conn");
    await executor.write("test", (tx) => tx.run("CREATE (:ConnectionCheck {id: $id, at: datetime()})", { id }));
    const result = await executor.read("test", (tx) => tx.run("MATCH (n:ConnectionCheck {id: $id}) RETURN n.id AS id", { id }));
    expect(result.records.map((r) => r.get("id"))).toEqual([id]);
    await executor.write("test", (tx) => tx.run("MATCH (n:ConnectionCheck {id: $id}) DELETE n", { id }));
  });

  it("has every migration in cypher/migrations applied", async () => {
    expect(await migrationsApplied(executor)).toBe(true);
  });

  it("enforces the per-space identifier key, so one space never holds an identifier twice", async () => {
    const space = uniqueId("space");
    await executor.write("test", (tx) => tx.run("CREATE (:Identifier {space: $space, type: 'email', value: 'a@b.c'})", { space }));
    await expect(
      executor.write("test", (tx) => tx.run("CREATE (:Identifier {space: $space, type: 'email', value: 'a@b.c'})", { space })),
    ).rejects.toMatchObject({ code: "CONFLICT", cause: expect.objectContaining({ message: expect.stringMatching(/already exists/) }) });
    await executor.write("test", (tx) =>
      tx.run("CREATE (:Identifier {space: $other, type: 'email', value: 'a@b.c'})", { other: `${space}-other` }),
    );
    await executor.write("test", (tx) =>
      tx.run("MATCH (i:Identifier) WHERE i.space IN [$space, $other] DELETE i", { space, other: `${space}-other` }),
    );
  });
});
