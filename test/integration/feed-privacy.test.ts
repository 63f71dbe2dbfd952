// GDPR and the change feed: a deletion's change carries tombstones only, and the deletion removes
// the deleted identifier values and device ids from the earlier changes still in the outbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "./api.js";
import { deleteProfile } from "./admin-helpers.js";
import { TestServer, uniqueId } from "./harness.js";
import { FAST_FEED, readFeed, waitForSequenced } from "./feed-helpers.js";

describe("deleting a profile and the change feed", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ spaces: 2, feed: FAST_FEED });
  });
  afterAll(() => server.stop());

  it("leaves no identifier value or device id of the deleted profile anywhere in the feed, and keeps everyone else's", async () => {
    const client = server.newSpace();
    const gone = { user: uniqueId("gone-user"), email: `${uniqueId("gone")}@example.com`, device: uniqueId("gone-device") };
    const kept = { user: uniqueId("kept-user"), device: uniqueId("kept-device") };
    const deleted = await resolve(client, {
      deviceId: gone.device,
      userId: gone.user,
      identifiers: [{ type: "email", value: gone.email }],
    });
    await resolve(client, { deviceId: kept.device, userId: kept.user });
    await waitForSequenced(server.executor, client.space);
    expect(JSON.stringify(await readFeed(client))).toContain(gone.email);

    await deleteProfile(client, deleted.profileId);
    await waitForSequenced(server.executor, client.space);
    const feed = await readFeed(client);
    const text = JSON.stringify(feed);
    for (const value of [gone.user, gone.email, gone.device]) expect(text).not.toContain(value);
    expect(text).toContain(kept.user);
    expect(text).toContain(kept.device);
    expect(feed.at(-1)).toMatchObject({
      kind: "PROFILE_DELETED",
      memberships: [{ profileId: deleted.profileId, belongsTo: null }],
      identifiers: [],
      deviceIds: [],
    });
  });
});
