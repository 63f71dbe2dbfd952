// Signed webhooks: each endpoint of a space gets every change of that space's feed, in feed order,
// one change a request, signed the Standard Webhooks way (webhook-id, webhook-timestamp,
// webhook-signature: v1,base64(HMAC-SHA256(secret, id.timestamp.body))). A failed delivery is
// retried with exponential backoff and jitter; after maxAttempts the change is set aside as a dead
// letter and delivery goes on with the next. Every process runs a worker; a lease on each endpoint
// node lets one process deliver to it at a time, and the endpoint's position (its last delivered
// cursor) is stored with it, so a crashed process's endpoints are taken over where they stopped.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import neo4j from "neo4j-driver";
import { badInput, notFound } from "../errors.js";
import { errorSummary, type Logger } from "../logger.js";
import type { Executor } from "../neo4j/executor.js";
import { statement } from "../persistence/statements.js";
import { newId } from "../persistence/audit.js";
import type { FeedObserver } from "../feed/feed-observer.js";
import type { FeedNotifier } from "../feed/relay.js";
import type { Outbox, StoredChange } from "../feed/outbox.js";

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

export interface WebhookEndpointView {
  id: string;
  url: string;
  /** The last cursor delivered or set aside ("" before the first). */
  position: string;
  /** Failed attempts of the change being delivered now. */
  attempts: number;
  lastError: string | null;
  /** Attempts per change before it is set aside. */
  maxAttempts: number;
  createdAt: string;
  deadLetters: number;
}

export interface DeadLetterView {
  cursor: string;
  attempts: number;
  lastError: string | null;
  at: string;
  /** True once an admin asked to deliver it again (and until it is delivered or fails again). */
  replaying: boolean;
}

const CREATE_ENDPOINT = statement("feed/webhook-create-endpoint");

const LIST_ENDPOINTS = statement("feed/webhook-list-endpoints");

const REMOVE_ENDPOINT = statement("feed/webhook-remove-endpoint");

const LIST_DEAD_LETTERS = statement("feed/webhook-list-dead-letters");

const REPLAY_DEAD_LETTERS = statement("feed/webhook-replay-dead-letters");

const CLAIM = statement("feed/webhook-claim");

const NEXT_REPLAY = statement("feed/webhook-next-replay");

const CHANGE_AT = statement("feed/webhook-change-at");

const DELIVERED = statement("feed/webhook-delivered");

const REPLAY_DELIVERED = statement("feed/webhook-replay-delivered");

const FAILED = statement("feed/webhook-failed");

const SET_ASIDE = statement("feed/webhook-set-aside");

const RELEASE = statement("feed/webhook-release");

const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** The Standard Webhooks signature of one delivery. */
export function signDelivery(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${messageId}.${timestamp}.${body}`).digest("base64")}`;
}

export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString("base64")}`;

/** The body of a delivery: the change as the GraphQL API gives it, with its space. */
export function deliveryBody(space: string, change: StoredChange): string {
  const { id: _id, ...fields } = change;
  return JSON.stringify({ type: "idgraph.change", timestamp: new Date().toISOString(), data: { space, ...fields } });
}

interface ClaimedEndpoint {
  space: string;
  id: string;
  url: string;
  secret: string;
  position: string;
  attempts: number;
  maxAttempts: number;
}

export class Webhooks {
  readonly id = `webhooks-${randomUUID()}`;
  private readonly active = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = true;
  private failing = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly executor: Executor,
    private readonly outbox: Outbox,
    private readonly notifier: FeedNotifier,
    readonly options: WebhookOptions,
    private readonly logger: Logger,
    private readonly observer: FeedObserver = {},
  ) {}

  // --- admin ---------------------------------------------------------------------------------

  async add(
    space: string,
    url: string,
    secret: string | undefined,
    after: string | undefined,
    maxAttempts: number | undefined,
  ): Promise<WebhookEndpointView & { secret: string }> {
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
    if (secret !== undefined && (!SECRET.test(secret) || Buffer.from(secret.slice(6), "base64").length < 16)) {
      throw badInput("secret must be whsec_ followed by the base64 of at least 16 bytes (or left out to have one made)");
    }
    const position = after ?? (await this.outbox.position(space)).last;
    const endpoint = {
      id: newId(),
      url: parsed.toString(),
      secret: secret ?? newWebhookSecret(),
      position,
      maxAttempts: maxAttempts ?? this.options.maxAttempts,
      createdAt: new Date().toISOString(),
    };
    await this.executor.write("feed.webhooks", (tx) =>
      tx.run(CREATE_ENDPOINT, { space, ...endpoint, maxAttempts: neo4j.int(endpoint.maxAttempts) }),
    );
    this.wake();
    return { ...endpoint, attempts: 0, lastError: null, deadLetters: 0 };
  }

  async list(space: string): Promise<WebhookEndpointView[]> {
    const result = await this.executor.read("feed.webhooks", (tx) => tx.run(LIST_ENDPOINTS, { space }));
    return result.records.map((record) => {
      const endpoint = record.get("endpoint") as WebhookEndpointView;
      return { ...endpoint, lastError: endpoint.lastError ?? null };
    });
  }

  async remove(space: string, id: string): Promise<boolean> {
    const result = await this.executor.write("feed.webhooks", (tx) => tx.run(REMOVE_ENDPOINT, { space, id }));
    return (result.records[0]?.get("removed") as number) > 0;
  }

  async deadLetters(space: string, id: string, first: number): Promise<DeadLetterView[]> {
    const result = await this.executor.read("feed.webhooks", (tx) => tx.run(LIST_DEAD_LETTERS, { space, id, limit: neo4j.int(first) }));
    return result.records.map((record) => record.get("letter") as DeadLetterView);
  }

  /** Queues the endpoint's dead letters for delivery again, oldest first; returns how many. */
  async replay(space: string, id: string): Promise<number> {
    const result = await this.executor.write("feed.webhooks", (tx) => tx.run(REPLAY_DEAD_LETTERS, { space, id }));
    const record = result.records[0];
    if (!record) throw notFound(`unknown webhook endpoint: ${id}`);
    this.wake();
    return record.get("replayed") as number;
  }

  // --- delivery ------------------------------------------------------------------------------

  start(): void {
    this.stopped = false;
    this.schedule(0);
    void this.follow();
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .then(() => {
          this.failing = false;
        })
        .catch((error: unknown) => {
          if (!this.failing) this.logFailure(error, "webhook round failed; retrying every round");
          this.failing = true;
        })
        .finally(() => this.schedule(this.options.intervalMs));
    }, delay);
    this.timer.unref();
  }

  /** New changes in this process: look again now rather than at the next interval. */
  private wake(): void {
    if (!this.stopped && this.ticking === undefined) this.schedule(0);
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      await this.notifier.wait("*", 60_000, this.abort.signal);
      this.wake();
    }
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.executor.write("feed.webhooks", (tx) =>
        tx.run(CLAIM, { me: this.id, ttl: neo4j.int(this.options.leaseMs), spaces: this.options.spaces ? [...this.options.spaces] : null }),
      );
      for (const record of result.records) {
        const endpoint = record.get("endpoint") as ClaimedEndpoint;
        const key = `${endpoint.space}\u0000${endpoint.id}`;
        if (record.get("due") !== true || this.active.has(key)) continue;
        const run = this.deliver(endpoint)
          .catch((error: unknown) => this.logFailure(error, "webhook delivery failed", { endpoint: endpoint.id }))
          .finally(() => this.active.delete(key));
        this.active.set(key, run);
      }
    } finally {
      this.ticking = undefined;
    }
  }

  /** Delivers to one endpoint until it is caught up, must wait for a retry, or its lease is lost. */
  private async deliver(endpoint: ClaimedEndpoint): Promise<void> {
    const { space, id } = endpoint;
    let attempts = endpoint.attempts;
    let position = endpoint.position;
    const ttl = neo4j.int(this.options.leaseMs);
    const update = async (cypher: string, parameters: Record<string, unknown>): Promise<boolean> => {
      const result = await this.executor.write("feed.webhooks", (tx) => tx.run(cypher, { space, id, me: this.id, ttl, ...parameters }));
      return (result.records[0]?.get("held") as number) > 0;
    };
    while (!this.stopped) {
      const replayed = (await this.executor.read("feed.webhooks", (tx) => tx.run(NEXT_REPLAY, { space, id }))).records[0]?.get("cursor") as
        | string
        | undefined;
      let change: StoredChange | undefined;
      if (replayed !== undefined) {
        const record = (await this.executor.read("feed.webhooks", (tx) => tx.run(CHANGE_AT, { space, cursor: replayed }))).records[0];
        change = record
          ? {
              id: record.get("id"),
              cursor: record.get("cursor"),
              kind: record.get("kind"),
              at: record.get("at"),
              ...JSON.parse(record.get("payload")),
            }
          : undefined;
        if (!change) {
          // Removed by retention meanwhile: nothing left to deliver for it.
          if (!(await update(REPLAY_DELIVERED, { cursor: replayed }))) return;
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
          if (!(await update(REPLAY_DELIVERED, { cursor: change.cursor }))) return;
        } else {
          if (!(await update(DELIVERED, { cursor: change.cursor }))) return;
          position = change.cursor;
        }
        continue;
      }
      attempts += 1;
      if (attempts >= endpoint.maxAttempts) {
        const held = await update(SET_ASIDE, {
          cursor: change.cursor,
          attempts: neo4j.int(attempts),
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
      await update(FAILED, { attempts: neo4j.int(attempts), error, delay: neo4j.int(this.backoff(attempts)) });
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

  /** Errors can quote the values they were about (a constraint violation): their text only at debug level. */
  private logFailure(error: unknown, message: string, fields: Record<string, unknown> = {}): void {
    this.logger.warn({ ...fields, ...errorSummary(error) }, message);
    this.logger.debug({ ...fields, err: error }, message);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.ticking;
    await Promise.allSettled([...this.active.values()]);
    await this.executor.write("feed.webhooks", (tx) => tx.run(RELEASE, { me: this.id })).catch(() => undefined);
  }
}
