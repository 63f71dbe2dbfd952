// Profile.changes: the change feed's entries about one profile, newest first, by page — the late
// login on the shared tablet among them — and nothing about other people's profiles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "./api.js";
import { type ChangeView, FAST_FEED, readFeed, waitForSequenced } from "./feed-helpers.js";
import { graphql } from "./gql/index.js";
import type { ProfileChangesQuery } from "./gql/graphql.js";
import { type Client, TestServer, uniqueId } from "./harness.js";

const PROFILE_CHANGES = graphql(`
  query ProfileChanges($id: ID!, $first: Int, $after: String) {
    profile(id: $id) { changes(first: $first, after: $after) { edges { cursor node { ...ChangeFields } } pageInfo { hasNextPage endCursor } } }
  }
`);
type Page = NonNullable<ProfileChangesQuery["profile"]>["changes"];

async function profileChanges(client: Client, id: string, first: number, after: string | null): Promise<Page> {
  const data = await client.data(PROFILE_CHANGES, { id, first, after });
  if (!data.profile) throw new Error(`no profile ${id}`);
  return data.profile.changes;
}

const at = (time: string): string => new Date(`2026-11-23T${time}:00Z`).toISOString();

describe("a profile's changes", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ spaces: 2, feed: FAST_FEED });
  });
  afterAll(() => server.stop());

  it("lists the feed's changes naming any of the profile's ids, newest first, page by page, and no one else's", async () => {
    const client = server.newSpace();
    const [tablet, bob, adam] = [uniqueId("tablet"), uniqueId("bob"), uniqueId("adam")];
    await resolve(client, { deviceId: tablet, timestamp: at("10:00") });
    const adamLogin = await resolve(client, { deviceId: tablet, userId: adam, timestamp: at("10:05") });
    const bobLogin = await resolve(client, { deviceId: tablet, userId: bob, timestamp: at("09:59") });
    await resolve(client, { deviceId: uniqueId("someone-else") });
    await waitForSequenced(server.executor, client.space);

    const feed = await readFeed(client);
    const names = (change: ChangeView, id: string): boolean => change.memberships.some((m) => m.profileId === id);
    const expected = feed.filter((change) => names(change, adamLogin.profileId)).reverse();
    expect(expected.map((c) => c.kind)).toContain("ACTIVITY_REATTRIBUTED");

    const first = await profileChanges(client, adamLogin.profileId, 2, null);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await profileChanges(client, adamLogin.profileId, 100, first.pageInfo.endCursor);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const listed = [...first.edges, ...rest.edges].map((edge) => edge.node);
    expect(listed).toEqual(expected);
    expect(listed.map((c) => c.cursor)).toEqual(
      listed
        .map((c) => c.cursor)
        .sort()
        .reverse(),
    );

    const bobs = (await profileChanges(client, bobLogin.profileId, 100, null)).edges.map((edge) => edge.node);
    expect(bobs).toEqual(feed.filter((change) => names(change, bobLogin.profileId)).reverse());
    expect(bobs.every((change) => !names(change, adamLogin.profileId) || change.kind === "ACTIVITY_REATTRIBUTED")).toBe(true);
  });
});
