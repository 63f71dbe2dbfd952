// AuditEntry.forced: a client can tell a manual merge that an admin forced past a limit from an
// ordinary one (the explorer marks it); other entries answer null.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./gql/index.js";
import type { ForcedHistoryQuery } from "./gql/graphql.js";
import { TestServer, uniqueId } from "./harness.js";

const RESOLVE = graphql(`
  mutation ForcedResolve($input: ResolveInput!) { resolve(input: $input) { profileId } }
`);
const MERGE = graphql(`
  mutation ForcedMerge($ids: [ID!]!, $force: Boolean) { mergeProfiles(profileIds: $ids, force: $force, reason: "support ticket") { id } }
`);
const HISTORY = graphql(`
  query ForcedHistory($id: ID!) { profile(id: $id) { history(first: 50) { edges { node { action forced } } } } }
`);

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 2 });
});
afterAll(async () => server?.stop());

type Entry = NonNullable<ForcedHistoryQuery["profile"]>["history"]["edges"][number]["node"];
const entries = (data: ForcedHistoryQuery): Entry[] => (data.profile?.history.edges ?? []).map((e) => e.node);
const merges = (data: ForcedHistoryQuery): Entry[] => entries(data).filter((n) => n.action === "PROFILES_MERGED");

describe("AuditEntry.forced", () => {
  it("is true for a merge forced past the user_id limit", async () => {
    const client = server.newSpace();
    const a = await client.data(RESOLVE, { input: { deviceId: uniqueId("d"), userId: uniqueId("u") } });
    const b = await client.data(RESOLVE, { input: { deviceId: uniqueId("d"), userId: uniqueId("u") } });
    const refused = await client.request(MERGE, { ids: [a.resolve.profileId, b.resolve.profileId], force: false });
    expect(refused.errors?.[0]?.extensions?.["code"]).toBe("CONFLICT");
    const merged = await client.data(MERGE, { ids: [a.resolve.profileId, b.resolve.profileId], force: true });
    expect(merges(await client.data(HISTORY, { id: merged.mergeProfiles.id }))).toEqual([{ action: "PROFILES_MERGED", forced: true }]);
  });

  it("is false for a merge within the limits, and null for the other entries", async () => {
    const client = server.newSpace();
    const a = await client.data(RESOLVE, { input: { deviceId: uniqueId("d") } });
    const b = await client.data(RESOLVE, { input: { deviceId: uniqueId("d") } });
    const merged = await client.data(MERGE, { ids: [a.resolve.profileId, b.resolve.profileId], force: false });
    const history = await client.data(HISTORY, { id: merged.mergeProfiles.id });
    expect(merges(history)).toEqual([{ action: "PROFILES_MERGED", forced: false }]);
    const others = entries(history).filter((n) => n.action !== "PROFILES_MERGED");
    expect(others.every((n) => n.forced === null)).toBe(true);
  });
});
