// whoami: any key may ask which name, role and space it has, so a client can show only what the
// key may do (the explorer hides admin buttons from other keys).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 1, keys: [{ name: "dashboard", role: "read", space: "whoami-space" }] });
});
afterAll(async () => server?.stop());

describe("whoami", () => {
  it("tells a key its name, role and space", async () => {
    const client = server.clientFor("dashboard", "whoami-space");
    expect(await client.data("{ whoami { name role space } }")).toEqual({
      whoami: { name: "dashboard", role: "read", space: "whoami-space" },
    });
  });

  it("answers UNAUTHENTICATED without a valid key", async () => {
    const anonymous = new Client(server.server.url, "not-a-key-of-this-server", "none");
    const result = await anonymous.request("{ whoami { name } }");
    expect(result.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
  });
});
