// The change feed: changes(after, first) by cursor and Subscription.changes(after) live (a read key
// suffices; each key sees its own space).
import { Arg, Ctx, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import type { RequestContext } from "../graphql/context.js";
import type { StoredChange } from "./outbox.store.js";
import { Change, ChangeConnection } from "./change.types.js";
import { toChange } from "./change.mapper.js";
import { CHANGES_TOPIC, type ChangesFrom } from "./changes-topic.js";
import type { FeedService } from "./feed.service.js";

@Resolver()
export class ChangesResolver {
  constructor(private readonly feed: FeedService) {}

  @Query(() => ChangeConnection, {
    description: "The space's change feed, oldest first, from just after the cursor given (from the start when absent); first at most 1000",
  })
  async changes(
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Ctx() context: RequestContext,
  ): Promise<ChangeConnection> {
    requireRole(context.principal, "read");
    const page = await this.feed.changes(context.space, after, first ?? 100);
    const edges = page.changes.map((change) => ({ cursor: change.cursor, node: toChange(change) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Subscription(() => Change, {
    name: "changes",
    description: "The change feed live: every change after the cursor given (or from now when absent), in feed order",
    // The topic's PubSub follows the outbox (./changes-topic.ts); a key that may not read is refused before it subscribes.
    topics: ({ context }) => {
      requireRole((context as RequestContext).principal, "read");
      return CHANGES_TOPIC;
    },
    topicId: ({ args, context }): ChangesFrom => ({
      space: (context as RequestContext).space,
      after: (args as { after?: string | null }).after,
    }),
  })
  changesLive(@Root() change: StoredChange, @Arg("after", () => String, { nullable: true }) _after: string | null): Change {
    return toChange(change);
  }
}
