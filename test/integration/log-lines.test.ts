// Each JSON log line names every key once: with a key twice (pino's own pid beside a logged one),
// log readers keep one of the two, and which one differs from reader to reader.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readEnvironment } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { connectNeo4j, type Neo4jHandle } from "../../src/neo4j/connect.js";
import { duplicateKeys } from "../support/json-keys.js";
import { resolve } from "./api.js";
import { TestServer } from "./harness.js";

const lines: string[] = [];
const capture = {
  write(text: string): void {
    lines.push(...text.split("\n").filter((line) => line !== ""));
  },
};

let handle: Neo4jHandle | undefined;
let server: TestServer | undefined;
beforeAll(async () => {
  const logger = createLogger("trace", capture);
  const neo4j = inject("neo4j");
  // The development path: NEO4J_URI unset, a "local" Neo4j handed in by the starter (here the shared one).
  handle = await connectNeo4j(
    readEnvironment({ NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database }),
    logger,
    async (_env, log) => {
      log("local Neo4j: started for the test");
      return { boltUri: neo4j.uri, browserUrl: "http://127.0.0.1/browser/", pid: process.pid + 1, stop: async () => {} };
    },
  );
  server = await TestServer.start({ spaces: 2, executor: handle.executor, logger });
});
afterAll(async () => {
  await server?.stop();
  await handle?.close();
});

describe("log lines", () => {
  it("finds a key given twice in a line's raw text, at any depth (the check itself)", () => {
    expect(duplicateKeys('{"pid":1,"a":{"b":[{"c":1,"c":2}]},"pid":2}')).toEqual(["a.b[0].c", "pid"]);
    expect(duplicateKeys('{"a":"\\"pid\\"","pid":1,"b":[]}')).toEqual([]);
  });

  it("names every key once in each line, whatever is logged (start-up with a local Neo4j, requests, refusals)", async () => {
    const client = server!.newSpace();
    await resolve(client, { deviceId: "d1", userId: "u1" });
    await client.request(`mutation { resolve(input: { deviceId: "" }) { profileId } }`);
    await client.request(`query { nonsense }`);
    expect(lines.some((line) => line.includes("local Neo4j is up"))).toBe(true);
    expect(lines.length).toBeGreaterThan(2);
    const withDuplicates = lines
      .filter((line) => duplicateKeys(line).length > 0)
      .map((line) => `${duplicateKeys(line).join(",")}: ${line}`);
    expect(withDuplicates).toEqual([]);
  });
});
