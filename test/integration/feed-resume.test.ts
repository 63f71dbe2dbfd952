// A consumer that stops at a random cursor and resumes, by query or by subscription, ends with
// exactly the sequence of one that never stopped: no gap and no repeat at the seam.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "./api.js";
import { AdminTestServer } from "./admin-helpers.js";
import { type Client, uniqueId } from "./harness.js";
import { type ChangeView, FAST_FEED, readFeed, subscribeChanges, until, waitForSequenced } from "./feed-helpers.js";

/** Logins and anonymous visits from parallel clients, some of them merging profiles. */
async function traffic(client: Client, rounds: number): Promise<void> {
  const users = Array.from({ length: 4 }, () => uniqueId("user"));
  await Promise.all(
    Array.from({ length: 4 }, async (_, worker) => {
      for (let i = 0; i < rounds; i++) {
        const deviceId = `dev-${worker}-${i % 3}`;
        await resolve(client, i % 2 === 0 ? { deviceId } : { deviceId, userId: users[(worker + i) % users.length] as string });
      }
    }),
  );
}

const cursors = (changes: readonly ChangeView[]): string[] => changes.map((change) => change.cursor);

describe("resuming the change feed", () => {
  let server: AdminTestServer;
  beforeAll(async () => {
    server = await AdminTestServer.start({ feed: FAST_FEED });
  });
  afterAll(() => server.stop());

  it("by query and by subscription, a consumer stopped at a random cursor ends with the same sequence as one that never stopped", async () => {
    const { client, reader, space } = server.newSpace();
    const key = (reader as unknown as { key: string }).key;
    const steady = subscribeChanges(client.url, key, null);
    const interrupted = subscribeChanges(client.url, key, null);
    // A subscription without a cursor starts from now: let both connect before anything is written.
    await new Promise((done) => setTimeout(done, 500));
    await traffic(client, 6);
    await waitForSequenced(server.server.executor, space);
    const firstPart = await readFeed(reader);
    await until(() => interrupted.received.length >= firstPart.length, 20_000, "the first part live");

    // Stop both kinds of consumer at a random cursor, while more traffic comes in.
    const stopAt = 1 + Math.floor(Math.random() * (firstPart.length - 1));
    await interrupted.close();
    const seen = interrupted.received.slice(0, stopAt);
    const queried = firstPart.slice(0, stopAt);
    const more = traffic(client, 6);
    const resumed = subscribeChanges(client.url, key, seen.at(-1)?.cursor ?? null);
    await more;
    await waitForSequenced(server.server.executor, space);
    const whole = await readFeed(reader);
    await until(() => resumed.received.length >= whole.length - stopAt, 20_000, "the resumed subscription to catch up");
    await until(() => steady.received.length >= whole.length, 20_000, "the steady subscription to catch up");
    await new Promise((done) => setTimeout(done, 300));
    await Promise.all([resumed.close(), steady.close()]);

    expect(steady.errors).toEqual([]);
    expect(resumed.errors).toEqual([]);
    expect(cursors(steady.received)).toEqual(cursors(whole));
    expect(steady.received).toEqual(whole);
    expect(cursors([...seen, ...resumed.received])).toEqual(cursors(whole));
    const byQuery = [...queried, ...(await readFeed(reader, queried.at(-1)?.cursor ?? null, 7))];
    expect(byQuery).toEqual(whole);
    const all = cursors(whole);
    expect([...all].sort()).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it("shows each key only its own space's changes, and turns away a subscriber without a valid key", async () => {
    const mine = server.newSpace();
    const theirs = server.newSpace();
    await resolve(theirs.client, { deviceId: uniqueId("d") });
    await resolve(mine.client, { deviceId: uniqueId("d") });
    await waitForSequenced(server.server.executor, mine.space);
    await waitForSequenced(server.server.executor, theirs.space);
    const key = (mine.reader as unknown as { key: string }).key;
    const live = subscribeChanges(mine.client.url, key, "");
    await until(() => live.received.length >= 1, 10_000, "the space's change");
    await new Promise((done) => setTimeout(done, 300));
    await live.close();
    expect(live.received).toEqual(await readFeed(mine.reader));

    const stranger = subscribeChanges(mine.client.url, "not-a-valid-key-at-all", "");
    await until(() => stranger.errors.length > 0, 10_000, "the refusal");
    await stranger.close();
    expect(stranger.received).toEqual([]);
  });
});
