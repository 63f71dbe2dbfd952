// `idgraph import --url --key`: the same import through a running server's GraphQL API, for when
// Neo4j is not reachable from where the files are; the key's space is the import's, and a rerun
// skips what the first run took in by the file's checkpoint, kept on the server.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
      { type: "identify", anonymousId: "gql-anon-1", userId: user, traits: { email: "Gql@Example.com" }, timestamp: at },
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
