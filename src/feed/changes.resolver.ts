// The change feed: changes(after, first) by cursor, Subscription.changes(after) live (a read key
// suffices; each key sees its own space), and the webhook endpoints' admin (an addition).
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import { notFound } from "../errors.js";
import type { RequestContext } from "../graphql/context.js";
import type { StoredChange } from "./outbox.js";
import { Change, ChangeConnection, WebhookDeadLetter, WebhookEndpoint } from "./change.types.js";
import { toChange, toDeadLetter, toWebhookEndpoint } from "./change.mapper.js";

const admin = (context: RequestContext): string => {
  requireRole(context.principal, "admin");
  return context.space;
};

@Resolver()
export class FeedResolver {
  @Query(() => ChangeConnection, {
    description: "The space's change feed, oldest first, from just after the cursor given (from the start when absent); first at most 1000",
  })
  async changes(
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Ctx() context: RequestContext,
  ): Promise<ChangeConnection> {
    requireRole(context.principal, "read");
    const page = await context.services.feed.changes(context.space, after, first ?? 100);
    const edges = page.changes.map((change) => ({ cursor: change.cursor, node: toChange(change) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Subscription(() => Change, {
    name: "changes",
    description: "The change feed live: every change after the cursor given (or from now when absent), in feed order",
    subscribe: ({ args, context }) => {
      const { principal, space, services } = context as RequestContext;
      requireRole(principal, "read");
      return services.feed.follow(space, (args as { after?: string | null }).after);
    },
  })
  changesLive(@Root() change: StoredChange, @Arg("after", () => String, { nullable: true }) _after: string | null): Change {
    return toChange(change);
  }

  @Query(() => [WebhookEndpoint], { description: "The space's webhook endpoints (admin)" })
  async webhookEndpoints(@Ctx() context: RequestContext): Promise<WebhookEndpoint[]> {
    return (await context.services.feed.webhooks.list(admin(context))).map(toWebhookEndpoint);
  }

  @Query(() => [WebhookDeadLetter], {
    description: "Changes an endpoint did not accept within the configured attempts, oldest first (admin)",
  })
  async webhookDeadLetters(
    @Arg("endpointId", () => ID) endpointId: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Ctx() context: RequestContext,
  ): Promise<WebhookDeadLetter[]> {
    const letters = await context.services.feed.webhooks.deadLetters(admin(context), endpointId, Math.min(Math.max(first ?? 100, 0), 1000));
    return letters.map(toDeadLetter);
  }

  @Mutation(() => WebhookEndpoint, {
    description:
      "Delivers the space's change feed to a URL as Standard Webhooks, from after the cursor given (from now when absent). The secret (whsec_...) is made when not given, and only this answer shows it (admin)",
  })
  async addWebhookEndpoint(
    @Arg("url", () => String) url: string,
    @Arg("secret", () => String, { nullable: true }) secret: string | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("maxAttempts", () => Int, {
      nullable: true,
      description: "Attempts per change before it is set aside as a dead letter; IDGRAPH_WEBHOOK_MAX_ATTEMPTS when absent",
    })
    maxAttempts: number | null,
    @Ctx() context: RequestContext,
  ): Promise<WebhookEndpoint> {
    const space = admin(context);
    const from = after === null || after === undefined ? undefined : await context.services.feed.checkCursor(space, after);
    return toWebhookEndpoint(await context.services.feed.webhooks.add(space, url, secret ?? undefined, from, maxAttempts ?? undefined));
  }

  @Mutation(() => Boolean, { description: "Stops deliveries to an endpoint and forgets its dead letters (admin)" })
  async removeWebhookEndpoint(@Arg("id", () => ID) id: string, @Ctx() context: RequestContext): Promise<boolean> {
    if (!(await context.services.feed.webhooks.remove(admin(context), id))) throw notFound(`unknown webhook endpoint: ${id}`);
    return true;
  }

  @Mutation(() => Int, { description: "Delivers an endpoint's dead letters again, oldest first; returns how many were queued (admin)" })
  replayWebhookDeadLetters(@Arg("endpointId", () => ID) endpointId: string, @Ctx() context: RequestContext): Promise<number> {
    return context.services.feed.webhooks.replay(admin(context), endpointId);
  }
}
