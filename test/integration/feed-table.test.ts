// The change feed's promise (docs/identity-rules.md, "Change feed"): the whole feed of a space, applied
// in order to an empty table `profile id -> profile`, equals what profiles(ids) answers for every
// profile id ever created, after logins, merges, demerges, unmerges, resets and deletes from
// parallel clients on two server processes.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Executor } from "../../src/neo4j/executor.js";
import { auditLog, resolve } from "./api.js";
import { DELETE_PROFILE, DEMERGE, MERGE_PROFILES, RESET_IDENTITIES, UNMERGE } from "./admin-helpers.js";
import { Client, testExecutor, uniqueId } from "./harness.js";
import { applyFeed, FAST_FEED_ENV, profilesOf, readFeed, waitForSequenced } from "./feed-helpers.js";
import { type ServerProcess, spaceKey, startServerProcess } from "./server-process.js";
import { seededRandom } from "../support/seeded-random.js";

/** Refusals the workload may meet (an id deleted meanwhile, a merge past a limit, a link already undone). */
const EXPECTED_REFUSALS = new Set(["NOT_FOUND", "CONFLICT", "BAD_USER_INPUT"]);

describe("the change feed as a consumer's table", () => {
  const space = uniqueId("feed-table");
  const { key, entry } = spaceKey(space, "admin");
  let processes: ServerProcess[] = [];
  let executor: Executor;
  beforeAll(async () => {
    const neo4j = inject("neo4j");
    executor = testExecutor();
    processes = await Promise.all(
      [0, 1].map(() => startServerProcess({ neo4j, apiKeys: entry, env: { ...FAST_FEED_ENV, IDGRAPH_WEBHOOK_DELIVERY: "off" } })),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await executor?.close();
  });

  it("applied in order to an empty table, gives profiles(ids) for every profile id ever created", async () => {
    const seed = Date.now() % 100_000;
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
    const clients = processes.map((p) => new Client(p.url, key, space));
    const users = Array.from({ length: 6 }, (_, i) => `u${i}-${uniqueId()}`);
    const devices = Array.from({ length: 10 }, (_, i) => `d${i}-${uniqueId()}`);
    const profileIds: string[] = [];
    const refusals: string[] = [];

    const operation = async (client: Client): Promise<void> => {
      const roll = random();
      let response: { errors?: Array<{ extensions?: Record<string, unknown> }> } | undefined;
      if (roll < 0.55) {
        const user = random() < 0.6 ? pick(users) : undefined;
        const identifiers = user && random() < 0.3 ? [{ type: "email", value: `${user}@example.com` }] : undefined;
        // An anonymous observation needs its device; a login comes without one now and then (rule 4).
        const withDevice = user === undefined || random() < 0.9;
        const answer = await resolve(client, {
          ...(withDevice ? { deviceId: pick(devices) as string } : {}),
          ...(user ? { userId: user } : {}),
          ...(identifiers ? { identifiers } : {}),
        });
        profileIds.push(answer.assignedProfileId);
        return;
      }
      // A pick from an empty list is missing: sent as it is (untyped), and refused as any client's would be.
      if (roll < 0.67) response = await client.request(`${MERGE_PROFILES}`, { profileIds: [pick(profileIds), pick(profileIds)] });
      else if (roll < 0.75) response = await client.request(`${DEMERGE}`, { identities: [pick(users)] });
      else if (roll < 0.83) response = await client.request(`${RESET_IDENTITIES}`, { profileId: pick(profileIds) });
      else if (roll < 0.94) {
        const links = (await auditLog(client, undefined, 60)).filter(
          (e) => e.action === "IDENTIFIER_LINKED" || e.action === "PROFILES_MERGED",
        );
        const link = pick(links);
        if (!link) return;
        response = await client.request(UNMERGE, { auditEntryId: link.id });
      } else response = await client.request(`${DELETE_PROFILE}`, { profileId: pick(profileIds) });
      for (const error of response?.errors ?? []) {
        const code = String(error.extensions?.["code"]);
        if (!EXPECTED_REFUSALS.has(code)) throw new Error(`seed ${seed}: unexpected error ${JSON.stringify(error)}`);
        refusals.push(code);
      }
    };

    // Six parallel clients, alternating between the two server processes.
    await Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (let i = 0; i < 18; i++) {
          await operation(clients[(worker + i) % 2] as Client);
          if (profileIds.length === 0) await operation(clients[0] as Client);
        }
      }),
    );
    await waitForSequenced(executor, space);

    const feed = await readFeed(clients[0] as Client);
    const cursors = feed.map((change) => change.cursor);
    expect([...cursors].sort(), `seed ${seed}`).toEqual(cursors);
    expect(new Set(cursors).size).toBe(cursors.length);
    const created = feed
      .filter((change) => change.kind === "PROFILE_CREATED")
      .flatMap((change) => change.memberships.map((m) => m.profileId));
    const audited = (await auditLog(clients[1] as Client, undefined, 500))
      .filter((e) => e.action === "PROFILE_CREATED")
      .flatMap((e) => e.profileIds);
    expect(new Set(created)).toEqual(new Set(audited));
    expect(new Set(created)).toEqual(new Set(profileIds.concat(created)));

    const table = applyFeed(feed);
    expect([...table.keys()].sort()).toEqual([...new Set(created)].sort());
    expect(table, `seed ${seed}`).toEqual(await profilesOf(clients[1] as Client, [...table.keys()]));
    for (const change of feed.filter((c) => c.kind === "PROFILE_DELETED")) {
      expect(change.identifiers).toEqual([]);
      expect(change.deviceIds).toEqual([]);
      expect(change.memberships.every((m) => m.belongsTo === null)).toBe(true);
    }
    expect(
      new Set(feed.map((change) => change.kind)).size,
      `seed ${seed}: kinds ${[...new Set(feed.map((c) => c.kind))]}`,
    ).toBeGreaterThanOrEqual(5);
  });
});
