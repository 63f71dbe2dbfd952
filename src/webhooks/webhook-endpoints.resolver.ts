// The webhook endpoints' admin (an addition to the contract): list, add and remove endpoints, read
// and replay their dead letters; admin keys only, always in the caller's space.
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import type { RequestContext } from "../graphql/context.js";
import { toDeadLetter, toWebhookEndpoint } from "./webhook.mapper.js";
import { WebhookDeadLetter, WebhookEndpoint } from "./webhook.types.js";
import type { WebhooksService } from "./webhooks.service.js";

const admin = (context: RequestContext): string => {
  requireRole(context.principal, "admin");
  return context.space;
};

@Resolver()
export class WebhookEndpointsResolver {
  constructor(private readonly webhooks: WebhooksService) {}

  @Query(() => [WebhookEndpoint], { description: "The space's webhook endpoints (admin)" })
  async webhookEndpoints(@Ctx() context: RequestContext): Promise<WebhookEndpoint[]> {
    return (await this.webhooks.list(admin(context))).map(toWebhookEndpoint);
  }

  @Query(() => [WebhookDeadLetter], {
    description: "Changes an endpoint did not accept within the configured attempts, oldest first (admin)",
  })
  async webhookDeadLetters(
    @Arg("endpointId", () => ID) endpointId: string,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Ctx() context: RequestContext,
  ): Promise<WebhookDeadLetter[]> {
    const letters = await this.webhooks.deadLetters(admin(context), endpointId, Math.min(Math.max(first ?? 100, 0), 1000));
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
    return toWebhookEndpoint(await this.webhooks.add(space, url, secret ?? undefined, after ?? undefined, maxAttempts ?? undefined));
  }

  @Mutation(() => Boolean, { description: "Stops deliveries to an endpoint and forgets its dead letters (admin)" })
  async removeWebhookEndpoint(@Arg("id", () => ID) id: string, @Ctx() context: RequestContext): Promise<boolean> {
    await this.webhooks.remove(admin(context), id);
    return true;
  }

  @Mutation(() => Int, { description: "Delivers an endpoint's dead letters again, oldest first; returns how many were queued (admin)" })
  replayWebhookDeadLetters(@Arg("endpointId", () => ID) endpointId: string, @Ctx() context: RequestContext): Promise<number> {
    return this.webhooks.replay(admin(context), endpointId);
  }
}
