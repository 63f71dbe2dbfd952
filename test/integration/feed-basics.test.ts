// The change feed by query: what each write puts in it, in order, with cursors that only grow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "./api.js";
import { deleteProfile, mergeProfiles, resetIdentities } from "./admin-helpers.js";
import { TestServer, uniqueId } from "./harness.js";
import { applyFeed, changesPage, FAST_FEED, profilesOf, readFeed, waitForSequenced } from "./feed-helpers.js";

describe("the change feed by query", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ spaces: 4, feed: FAST_FEED });
  });
  afterAll(() => server.stop());

  it("lists creation, login, merge, reset and deletion as changes, oldest first, and the table they build is profiles(ids)", async () => {
    const client = server.newSpace();
    const user = uniqueId("user");
    const a = await resolve(client, { deviceId: uniqueId("d") });
    await resolve(client, { deviceId: uniqueId("d"), userId: user });
    const b = await resolve(client, { deviceId: uniqueId("d") });
    const c = await resolve(client, { deviceId: uniqueId("d"), identifiers: [{ type: "email", value: `${user}@x.io` }] });
    await mergeProfiles(client, [a.profileId, b.profileId]);
    await resetIdentities(client, c.profileId);
    await deleteProfile(client, a.profileId);
    await waitForSequenced(server.executor, client.space);

    const feed = await readFeed(client);
    expect(feed.map((change) => change.kind)).toEqual([
      "PROFILE_CREATED",
      "PROFILE_CREATED",
      "IDENTIFIER_ADDED",
      "PROFILE_CREATED",
      "PROFILE_CREATED",
      "IDENTIFIER_ADDED",
      "PROFILES_MERGED",
      "IDENTIFIER_REMOVED",
      "PROFILE_DELETED",
    ]);
    const cursors = feed.map((change) => change.cursor);
    expect([...cursors].sort()).toEqual(cursors);
    expect(new Set(cursors).size).toBe(cursors.length);
    const deletion = feed.at(-1);
    expect(deletion?.memberships).toEqual([a.profileId, b.profileId].sort().map((profileId) => ({ profileId, belongsTo: null })));
    expect(deletion?.identifiers).toEqual([]);
    expect(deletion?.deviceIds).toEqual([]);

    const table = applyFeed(feed);
    expect(table).toEqual(await profilesOf(client, [...table.keys()]));
  });

  it("pages by cursor: after the last cursor of a page comes the next page, nothing twice", async () => {
    const client = server.newSpace();
    for (let i = 0; i < 7; i++) await resolve(client, { deviceId: uniqueId("d") });
    await waitForSequenced(server.executor, client.space);
    const whole = await readFeed(client);
    const paged = await readFeed(client, null, 3);
    expect(paged).toEqual(whole);
    const first = await changesPage(client, null, 3);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: whole[2]?.cursor });
    const rest = await changesPage(client, first.pageInfo.endCursor, 1000);
    expect(rest.edges.map((edge) => edge.node)).toEqual(whole.slice(3));
  });

  it("refuses a page over 1000 and a cursor it did not give", async () => {
    const client = server.newSpace();
    const tooMany = await client.request("{ changes(first: 1001) { edges { cursor } } }");
    expect(tooMany.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    const bad = await client.request('{ changes(after: "not-a-cursor") { edges { cursor } } }');
    expect(bad.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
  });
});
