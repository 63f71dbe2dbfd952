// Subscription.changes through type-graphql's PubSub: the schema is built with changesPubSub
// (src/app/schema.ts), whose one topic follows a space's feed from a cursor (FeedService.follow),
// reading the outbox. Nothing is ever published to it: the relay's notifications only say when to
// read again.
import type { PubSub } from "type-graphql";
import type { FeedService } from "./feed.service.js";

export const CHANGES_TOPIC = "changes";

/** Where a subscriber starts: its space, and the cursor after which it wants changes (from now when absent). */
export interface ChangesFrom {
  space: string;
  after: string | null | undefined;
}

/** The PubSub of a schema that serves subscriptions; without a feed (a schema only printed), subscribing fails. */
export function changesPubSub(feed?: Pick<FeedService, "follow">): PubSub {
  return {
    publish: () => undefined,
    subscribe: (topic, from): AsyncIterable<unknown> => {
      if (topic !== CHANGES_TOPIC || !feed) throw new Error(`idgraph subscriptions follow the change feed, not the PubSub topic ${topic}`);
      const { space, after } = from as ChangesFrom;
      return feed.follow(space, after);
    },
  };
}
