// The webhook endpoints' admin (add, list, remove, dead letters, replay), checked here, and this
// process's delivery worker, started and stopped with the server.
import { badInput, notFound } from "../errors.js";
import type { FeedService } from "../feed/feed.service.js";
import { newId } from "../persistence/audit.js";
import type { DeliveryWorker } from "./delivery-worker.js";
import { isWebhookSecret, newWebhookSecret } from "./signing.js";
import type { DeadLetterView, WebhookEndpointView, WebhookStore } from "./webhook.store.js";

export class WebhooksService {
  constructor(
    private readonly store: WebhookStore,
    private readonly feed: FeedService,
    private readonly worker: DeliveryWorker,
    /** False: this process delivers no webhooks (IDGRAPH_WEBHOOK_DELIVERY=off: delivery runs elsewhere). */
    private readonly deliver: boolean,
  ) {}

  start(): void {
    if (this.deliver) this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /**
   * A new endpoint, delivered the space's changes from after the cursor given (from now when
   * absent); the secret is made when not given, and only this answer shows it.
   */
  async add(
    space: string,
    url: string,
    secret: string | undefined,
    after: string | undefined,
    maxAttempts: number | undefined,
  ): Promise<WebhookEndpointView & { secret: string }> {
    const from = after === undefined ? undefined : await this.feed.checkCursor(space, after);
    if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100)) {
      throw badInput("maxAttempts must be between 1 and 100");
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badInput("url must be an absolute http:// or https:// URL");
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw badInput("url must be an absolute http:// or https:// URL");
    if (secret !== undefined && !isWebhookSecret(secret)) {
      throw badInput("secret must be whsec_ followed by the base64 of at least 16 bytes (or left out to have one made)");
    }
    const position = from ?? (await this.feed.outbox.position(space)).last;
    const endpoint = {
      id: newId(),
      url: parsed.toString(),
      secret: secret ?? newWebhookSecret(),
      position,
      maxAttempts: maxAttempts ?? this.worker.options.maxAttempts,
      createdAt: new Date().toISOString(),
    };
    await this.store.create(space, endpoint);
    this.worker.wake();
    return { ...endpoint, attempts: 0, lastError: null, deadLetters: 0 };
  }

  list(space: string): Promise<WebhookEndpointView[]> {
    return this.store.list(space);
  }

  /** Stops deliveries to an endpoint and forgets its dead letters; NOT_FOUND for an unknown one. */
  async remove(space: string, id: string): Promise<void> {
    if (!(await this.store.remove(space, id))) throw notFound(`unknown webhook endpoint: ${id}`);
  }

  deadLetters(space: string, id: string, first: number): Promise<DeadLetterView[]> {
    return this.store.deadLetters(space, id, first);
  }

  /** Queues the endpoint's dead letters for delivery again, oldest first; returns how many. */
  async replay(space: string, id: string): Promise<number> {
    const replayed = await this.store.replay(space, id);
    if (replayed === null) throw notFound(`unknown webhook endpoint: ${id}`);
    this.worker.wake();
    return replayed;
  }
}
