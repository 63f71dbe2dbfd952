// What the change feed tests share: fast feed timings, reading a whole feed, waiting until the
// relay has sequenced everything committed, and the consumer's table `profile id -> profile`.
import WebSocket from "ws";
import { createClient } from "graphql-ws";
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from "../../src/app/feed-options.js";
import type { Executor } from "../../src/neo4j/executor.js";
import { graphql } from "./gql/index.js";
import type { ChangeFieldsFragment, ChangesQuery, ChangesAfterSubscription, ChangesAfterSubscriptionVariables } from "./gql/graphql.js";
import type { Client } from "./harness.js";

export const FAST_FEED: FeedOptions = {
  ...DEFAULT_FEED_OPTIONS,
  relay: { ...DEFAULT_FEED_OPTIONS.relay, intervalMs: 50, leaseMs: 2_000 },
  webhooks: { ...DEFAULT_FEED_OPTIONS.webhooks, intervalMs: 50, leaseMs: 5_000, backoffMs: 20, backoffMaxMs: 200, timeoutMs: 1_000 },
  pollMs: 100,
};

/** The same timings as environment variables, for server processes. */
export const FAST_FEED_ENV: Record<string, string> = {
  IDGRAPH_FEED_RELAY_INTERVAL_MS: "50",
  IDGRAPH_FEED_LEASE_MS: "2000",
};

export const CHANGE_FRAGMENT = graphql(`
  fragment ChangeFields on Change {
    cursor
    kind
    at
    memberships { profileId belongsTo }
    identifiers { type value }
    deviceIds
    reattributions { deviceId from until fromProfileId toProfileId }
    auditEntryId
    traits
  }
`);

export type ChangeView = ChangeFieldsFragment;

const CHANGES = graphql(`
  query Changes($after: String, $first: Int) {
    changes(after: $after, first: $first) { edges { cursor node { ...ChangeFields } } pageInfo { hasNextPage endCursor } }
  }
`);

const SUBSCRIBE_CHANGES = graphql(`
  subscription ChangesAfter($after: String) { changes(after: $after) { ...ChangeFields } }
`);

const PROFILES = graphql(`
  query Profiles($ids: [ID!]!) { profiles(ids: $ids) { id } }
`);

export type ChangesPage = ChangesQuery["changes"];

export async function changesPage(client: Client, after: string | null, first: number): Promise<ChangesPage> {
  return (await client.data(CHANGES, { after, first })).changes;
}

/** Every change after the cursor, page by page. */
export async function readFeed(client: Client, after: string | null = null, first = 1000): Promise<ChangeView[]> {
  const all: ChangeView[] = [];
  let cursor = after;
  for (;;) {
    const page = await changesPage(client, cursor, first);
    all.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return all;
    cursor = page.pageInfo.endCursor;
  }
}

/** Waits until the relay has given a cursor to every change committed in the space. */
export async function waitForSequenced(executor: Executor, space: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await executor.read("test.pending", (tx) =>
      tx.run("MATCH (c:PendingChange {space: $space}) RETURN count(c) AS n", { space }),
    );
    if ((result.records[0]?.get("n") as number) === 0) return;
    if (Date.now() > deadline) throw new Error(`changes of space ${space} still unsequenced after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The consumer of docs/change-feed.md: applies each change's memberships to a `profile id -> profile` table. */
export function applyFeed(changes: readonly ChangeView[], table = new Map<string, string | null>()): Map<string, string | null> {
  for (const change of changes) for (const { profileId, belongsTo } of change.memberships) table.set(profileId, belongsTo);
  return table;
}

/** What profiles(ids) answers for each id: the profile's id, null when deleted. */
export async function profilesOf(client: Client, ids: readonly string[]): Promise<Map<string, string | null>> {
  const answer = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const data = await client.data(PROFILES, { ids: chunk });
    chunk.forEach((id, index) => {
      answer.set(id, data.profiles[index]?.id ?? null);
    });
  }
  return answer;
}

/** A graphql-ws subscriber of Subscription.changes: collects what arrives. */
export function subscribeChanges(
  url: string,
  key: string | undefined,
  after: string | null,
): { received: ChangeView[]; errors: unknown[]; close(): Promise<void> } {
  const client = createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  const received: ChangeView[] = [];
  const errors: unknown[] = [];
  const unsubscribe = client.subscribe<ChangesAfterSubscription>(
    { query: SUBSCRIBE_CHANGES.toString(), variables: { after } satisfies ChangesAfterSubscriptionVariables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) received.push(value.data.changes);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    received,
    errors,
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
