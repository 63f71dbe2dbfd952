// `npm run check` against the real Neo4j: clean after ordinary traffic, loud when the graph is broken.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { resolveBatch } from "./api.js";
import { TestServer } from "./harness.js";

const run = promisify(execFile);
let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 4 });
});
afterAll(async () => {
  await server?.stop();
});

/** Runs the checker's command line on one space; resolves with its exit code and output. */
async function checkCommand(space: string): Promise<{ code: number; stdout: string }> {
  const neo4j = inject("neo4j");
  const env = {
    ...process.env,
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
  };
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/cli/check.ts", "--space", space], { env });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe("the invariant checker on Neo4j", () => {
  it("finds a space clean after ordinary traffic, and says so with exit code 0", async () => {
    const client = server.newSpace();
    await resolveBatch(client, [
      { deviceId: "a" },
      { deviceId: "a", userId: "u1", identifiers: [{ type: "email", value: "u1@example.com" }] },
      { deviceId: "b", userId: "u1" },
      { deviceId: "a", userId: "u2" },
      {
        identifiers: [
          { type: "email", value: "u1@example.com" },
          { type: "phone", value: "+1 555 0100" },
        ],
      },
    ]);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
    const result = await checkCommand(client.space);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`space ${client.space}: clean`);
  });

  it("names every broken promise in a corrupted space and exits with code 1", async () => {
    const client = server.newSpace();
    await resolveBatch(client, [
      { deviceId: "x", userId: "v1" },
      { deviceId: "y", userId: "v2" },
    ]);
    // Break it behind the store's back: v1's identifier also on v2's profile id.
    await server.executor.write("test", (tx) =>
      tx.run(
        `MATCH (i:Identifier {space: $space, value: "v1"}), (p:ProfileId {space: $space})<-[:IDENTIFIES]-(:Identifier {value: "v2"})
         CREATE (i)-[:IDENTIFIES]->(p)`,
        { space: client.space },
      ),
    );
    const codes = (await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).map((v) => v.code);
    expect(codes).toEqual(expect.arrayContaining(["WRONG_PROFILE_ID", "IDENTIFIER_IN_TWO_PROFILES", "OVER_TYPE_LIMIT"]));
    const result = await checkCommand(client.space);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("IDENTIFIER_IN_TWO_PROFILES");
  });
});
