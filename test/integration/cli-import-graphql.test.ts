// `idgraph import --url --key`: the same import through a running server's GraphQL API, for when
// Neo4j is not reachable from where the files are; the key's space is the import's, and a rerun
// skips what the first run took in by the file's checkpoint, kept on the server. --url is the server's
// address or its /graphql endpoint; a URL that is not an idgraph server is named as such.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ImportSummary } from "../../src/cli/import/importer.js";
import { profileByDevice, profileByIdentifier } from "./api.js";
import { idgraph } from "./cli-process.js";
import { TestServer, uniqueId } from "./harness.js";

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 2 });
  dir = mkdtempSync(path.join(tmpdir(), "idgraph-cli-gql-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server?.stop();
});

it("imports through resolveBatch with an API key; a rerun applies nothing new", async () => {
  const client = server.newSpace();
  const user = uniqueId("gql-user");
  const file = path.join(dir, "events.ndjson");
  const at = "2026-11-01T10:00:00Z";
  writeFileSync(
    file,
    [
      { type: "page", anonymousId: "gql-anon-1", name: "Home", timestamp: at },
      { type: "identify", anonymousId: "gql-anon-1", userId: user, traits: { email: "Gql@Example.com", plan: "pro" }, timestamp: at },
      { event: "$pageview", distinct_id: user, uuid: uniqueId("ph"), timestamp: at },
      "{ not json",
    ]
      .map((line) => (typeof line === "string" ? line : JSON.stringify(line)))
      .join("\n"),
  );
  const args = ["import", file, "--url", server.server.url, "--key", client.key as string, "--json"];
  const first = await idgraph(args);
  expect(first.code).toBe(1);
  const summary = JSON.parse(first.stdout) as ImportSummary;
  expect(summary).toMatchObject({ applied: 3, newProfiles: 1, refused: [{ file, line: 4, reason: "malformed JSON" }] });
  const profile = await profileByIdentifier(client, "email", "gql@example.com");
  expect(profile?.identifiers).toContainEqual({ type: "user_id", value: user });
  expect((await profileByDevice(client, "gql-anon-1"))?.id).toBe(profile?.id);
  // Its traits went through resolveBatch too; email only as the identifier.
  const traits = await client.data("query ($id: ID!) { profile(id: $id) { traits } }", { id: profile?.id });
  expect(traits.profile.traits).toEqual({ plan: "pro" });
  // The PostHog distinct_id was a known user id: no device of that name.
  expect(await profileByDevice(client, user)).toBeNull();

  // The file's checkpoint on the server: a rerun skips every line the first run took in, the refused one too.
  const again = JSON.parse((await idgraph(args)).stdout) as ImportSummary;
  expect(again).toMatchObject({ applied: 0, alreadyApplied: 4, newProfiles: 0, refused: [] });
});

it("refuses an unknown key with UNAUTHENTICATED and exit code 2, applying nothing", async () => {
  const file = path.join(dir, "one.ndjson");
  writeFileSync(file, JSON.stringify({ type: "track", anonymousId: "x", event: "e" }));
  const run = await idgraph(["import", file, "--url", server.server.url, "--key", "not-a-key-0000000000"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("UNAUTHENTICATED");
});

it("takes the server's address as --url as well as its /graphql endpoint", async () => {
  const client = server.newSpace();
  const device = uniqueId("gql-base");
  const file = path.join(dir, "base-url.ndjson");
  writeFileSync(file, JSON.stringify({ type: "track", anonymousId: device, event: "Opened", timestamp: "2026-11-01T10:00:00Z" }));
  for (const url of [server.baseUrl, `${server.baseUrl}/`]) {
    const run = await idgraph(["import", file, "--url", url, "--key", client.key as string, "--json"]);
    expect(run.stderr).not.toContain("HTTP 404");
    expect(run.code).toBe(0);
  }
  expect(await profileByDevice(client, device)).not.toBeNull();
});

it("says a --url is not an idgraph server when it answers something other than idgraph's GraphQL, applying nothing", async () => {
  // Another web server (a page, a 404), Neo4j's HTTP port (JSON errors with a 404) and another
  // GraphQL server (no resolveBatch in its schema).
  const other = createServer((request, response) => {
    if (request.url === "/neo4j/graphql") {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ errors: [{ code: "Neo.ClientError.Request.Invalid", message: "Not Found" }] }));
      return;
    }
    if (request.url === "/graphql") {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          errors: [{ message: 'Cannot query field "resolveBatch" on type "Mutation".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
        }),
      );
      return;
    }
    response.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    response.end("<html><body>Not Found</body></html>");
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  const { port } = other.address() as AddressInfo;
  try {
    const file = path.join(dir, "elsewhere.ndjson");
    writeFileSync(file, JSON.stringify({ type: "track", anonymousId: uniqueId("nowhere"), event: "e" }));
    const page = await idgraph(["import", file, "--url", `http://127.0.0.1:${port}/app`, "--key", "some-key"]);
    expect(page.code).toBe(2);
    expect(page.stderr).toContain(`http://127.0.0.1:${port}/app/graphql is not an idgraph server: it answered HTTP 404 with text/html`);
    expect(page.stderr).toContain("give the server's address, such as http://127.0.0.1:4000, or its /graphql endpoint");
    expect(page.stderr).not.toContain("SERVICE_UNAVAILABLE");

    const neo4j = await idgraph(["import", file, "--url", `http://127.0.0.1:${port}/neo4j`, "--key", "some-key"]);
    expect(neo4j.code).toBe(2);
    expect(neo4j.stderr).toContain(
      `http://127.0.0.1:${port}/neo4j/graphql is not an idgraph server: it answered HTTP 404 with application/json`,
    );

    const graphqlServer = await idgraph(["import", file, "--url", `http://127.0.0.1:${port}`, "--key", "some-key"]);
    expect(graphqlServer.code).toBe(2);
    expect(graphqlServer.stderr).toContain(`http://127.0.0.1:${port}/graphql is not an idgraph server`);
    expect(graphqlServer.stderr).toContain('Cannot query field "resolveBatch"');

    const notUrl = await idgraph(["import", file, "--url", "127.0.0.1:4000", "--key", "some-key"]);
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toContain("--url 127.0.0.1:4000 is not");
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
});
