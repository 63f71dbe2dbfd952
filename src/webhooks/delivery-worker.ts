// Signed webhooks: each endpoint of a space gets every change of that space's feed, in feed order,
// one change a request, signed the Standard Webhooks way (./signing.ts). A failed delivery is
// retried with exponential backoff and jitter; after maxAttempts the change is set aside as a dead
// letter and delivery goes on with the next. Every process runs a worker; a lease on each endpoint
// node lets one process deliver to it at a time, and the endpoint's position (its last delivered
// cursor) is stored with it, so a crashed process's endpoints are taken over where they stopped.
import { randomUUID } from "node:crypto";
import { PeriodicWorker } from "../background/periodic-worker.js";
import type { FeedNotifier } from "../feed/notifier.js";
import type { Outbox, StoredChange } from "../feed/outbox.store.js";
import { type Logger, logFailure } from "../logger.js";
import { deliveryBody, signDelivery } from "./signing.js";
import type { ClaimedEndpoint, DeliveryLease, WebhookStore } from "./webhook.store.js";

export interface WebhookOptions {
  /** How often a process looks for endpoints to deliver to (it also wakes on new changes). */
  intervalMs: number;
  /** How long an endpoint's lease lasts without renewal; longer than timeoutMs. */
  leaseMs: number;
  /** Attempts per change before it becomes a dead letter: the default of endpoints added without one. */
  maxAttempts: number;
  /** First retry delay; doubled each attempt up to backoffMaxMs, then jittered to 50-100 %. */
  backoffMs: number;
  backoffMaxMs: number;
  /** A delivery not answered within this counts as failed. */
  timeoutMs: number;
  /** The spaces whose endpoints this process delivers to (those its API keys name); every space when absent. */
  spaces?: readonly string[] | undefined;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  intervalMs: 500,
  leaseMs: 30_000,
  maxAttempts: 8,
  backoffMs: 1_000,
  backoffMaxMs: 300_000,
  timeoutMs: 10_000,
};

/** What the delivery worker reports; the metrics count it (src/metrics/metrics.ts). An endpoint is named by its id only: its URL can carry a token or a value in its path or query. */
export interface WebhookObserver {
  /** One delivery attempt; lagSeconds (from the change's write to the receiver's 2xx) when it delivered a change in feed order. */
  attempted?(endpointId: string, delivered: boolean, lagSeconds?: number): void;
  /** A change set aside after its endpoint's maxAttempts. */
  deadLettered?(endpointId: string): void;
}

export class DeliveryWorker {
  readonly id = `webhooks-${randomUUID()}`;
  private readonly active = new Map<string, Promise<void>>();
  private readonly worker: PeriodicWorker;
  private stopped = true;
  private readonly abort = new AbortController();

  constructor(
    private readonly store: WebhookStore,
    private readonly outbox: Outbox,
    private readonly notifier: FeedNotifier,
    readonly options: WebhookOptions,
    private readonly logger: Logger,
    private readonly observer: WebhookObserver = {},
  ) {
    this.worker = new PeriodicWorker({ name: "webhook", intervalMs: options.intervalMs, logger }, () => this.round());
  }

  start(): void {
    this.stopped = false;
    this.worker.start();
    void this.follow();
  }

  /** New changes in this process: look again now rather than at the next interval. */
  wake(): void {
    this.worker.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.worker.stop();
    await Promise.allSettled([...this.active.values()]);
    await this.store.release(this.id);
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      await this.notifier.wait("*", 60_000, this.abort.signal);
      this.wake();
    }
  }

  /** Claims the endpoints free to deliver to and starts a delivery to each that is due and not delivered to already. */
  private async round(): Promise<void> {
    for (const { endpoint, due } of await this.store.claim(this.id, this.options.leaseMs, this.options.spaces ?? null)) {
      const key = `${endpoint.space}\u0000${endpoint.id}`;
      if (!due || this.active.has(key)) continue;
      const run = this.deliver(endpoint)
        .catch((error: unknown) => logFailure(this.logger, error, "webhook delivery failed", { endpoint: endpoint.id }))
        .finally(() => this.active.delete(key));
      this.active.set(key, run);
    }
  }

  /** Delivers to one endpoint until it is caught up, must wait for a retry, or its lease is lost. */
  private async deliver(endpoint: ClaimedEndpoint): Promise<void> {
    const { space, id } = endpoint;
    const lease: DeliveryLease = { space, id, me: this.id, ttlMs: this.options.leaseMs };
    let attempts = endpoint.attempts;
    let position = endpoint.position;
    while (!this.stopped) {
      const replayed = await this.store.nextReplay(space, id);
      let change: StoredChange | undefined;
      if (replayed !== undefined) {
        change = await this.store.changeAt(space, replayed);
        if (!change) {
          // Removed by retention meanwhile: nothing left to deliver for it.
          if (!(await this.store.replayDelivered(lease, replayed))) return;
          continue;
        }
      } else {
        change = (await this.outbox.read(space, position, 1)).changes[0];
        if (!change) return;
      }
      const error = await this.post(endpoint, space, change);
      // Replays are old by design: only deliveries in feed order measure the lag.
      const lag = error === undefined && replayed === undefined ? Math.max(0, Date.now() - Date.parse(change.at)) / 1000 : undefined;
      this.observer.attempted?.(id, error === undefined, lag);
      if (error === undefined) {
        attempts = 0;
        if (replayed !== undefined) {
          if (!(await this.store.replayDelivered(lease, change.cursor))) return;
        } else {
          if (!(await this.store.delivered(lease, change.cursor))) return;
          position = change.cursor;
        }
        continue;
      }
      attempts += 1;
      if (attempts >= endpoint.maxAttempts) {
        const held = await this.store.setAside(lease, {
          cursor: change.cursor,
          attempts,
          error,
          at: new Date().toISOString(),
          replay: replayed !== undefined,
        });
        if (!held) return;
        this.observer.deadLettered?.(id);
        if (replayed === undefined) position = change.cursor;
        attempts = 0;
        continue;
      }
      await this.store.failed(lease, attempts, error, this.backoff(attempts));
      return;
    }
  }

  /** Exponential backoff with "equal" jitter: half the delay fixed, half random. */
  backoff(attempts: number): number {
    const delay = Math.min(this.options.backoffMaxMs, this.options.backoffMs * 2 ** (attempts - 1));
    return Math.round(delay / 2 + Math.random() * (delay / 2));
  }

  /** One delivery; undefined when the receiver answered 2xx, else why it failed. */
  private async post(endpoint: ClaimedEndpoint, space: string, change: StoredChange): Promise<string | undefined> {
    const body = deliveryBody(space, change);
    const messageId = `chg_${change.id}`;
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "idgraph-webhooks/0.1",
          "webhook-id": messageId,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signDelivery(endpoint.secret, messageId, timestamp, body),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.abort.signal]),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status >= 200 && response.status < 300 ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return (error as Error).name === "TimeoutError" ? "timed out" : `unreachable${cause ? ` (${cause})` : ""}`;
    }
  }
}
