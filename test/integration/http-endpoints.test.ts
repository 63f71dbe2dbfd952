import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 1 });
});
afterAll(() => server.stop());

describe("the HTTP endpoints", () => {
  it("answers /healthz while the process is up", async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers /readyz when Neo4j is reachable and migrations are applied", async () => {
    const response = await fetch(`${server.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
  });

  it("answers { __typename } on /graphql", async () => {
    const result = await server.newSpace().request("{ __typename }");
    expect(result.data).toEqual({ __typename: "Query" });
  });
});
