// The webhook endpoints as the graph keeps them: (:WebhookEndpoint {space, id, url, secret, position,
// attempts, maxAttempts, lastError, nextAttemptAt, leaseHolder, leaseExpiresAt}) and their
// (:WebhookDeadLetter {space, endpointId, cursor, attempts, lastError, at, replay}). A lease on each
// endpoint node lets one process deliver to it at a time; every update of a delivery says whether
// this process still held the lease.
import neo4j from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import { decodeChange, type StoredChange } from "../feed/outbox.store.js";
import { bool, num, obj, optStr, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";

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

/** An endpoint this process holds the lease of, as the delivery worker needs it. */
export interface ClaimedEndpoint {
  space: string;
  id: string;
  url: string;
  secret: string;
  position: string;
  attempts: number;
  maxAttempts: number;
}

/** A new endpoint, as it is stored. */
export interface NewEndpoint {
  id: string;
  url: string;
  secret: string;
  position: string;
  maxAttempts: number;
  createdAt: string;
}

const CREATE_ENDPOINT = statement("webhooks/create-endpoint");

const LIST_ENDPOINTS = statement("webhooks/list-endpoints");

const REMOVE_ENDPOINT = statement("webhooks/remove-endpoint");

const LIST_DEAD_LETTERS = statement("webhooks/list-dead-letters");

const REPLAY_DEAD_LETTERS = statement("webhooks/replay-dead-letters");

const CLAIM = statement("webhooks/claim");

const NEXT_REPLAY = statement("webhooks/next-replay");

const CHANGE_AT = statement("webhooks/change-at");

const DELIVERED = statement("webhooks/delivered");

const REPLAY_DELIVERED = statement("webhooks/replay-delivered");

const FAILED = statement("webhooks/failed");

const SET_ASIDE = statement("webhooks/set-aside");

const RELEASE = statement("webhooks/release");

function decodeEndpoint(value: unknown): WebhookEndpointView {
  const row = obj(value, "endpoint");
  return {
    id: str(row["id"], "endpoint.id"),
    url: str(row["url"], "endpoint.url"),
    position: str(row["position"], "endpoint.position"),
    attempts: num(row["attempts"], "endpoint.attempts"),
    lastError: optStr(row["lastError"], "endpoint.lastError"),
    maxAttempts: num(row["maxAttempts"], "endpoint.maxAttempts"),
    createdAt: str(row["createdAt"], "endpoint.createdAt"),
    deadLetters: num(row["deadLetters"], "endpoint.deadLetters"),
  };
}

function decodeDeadLetter(value: unknown): DeadLetterView {
  const row = obj(value, "letter");
  return {
    cursor: str(row["cursor"], "letter.cursor"),
    attempts: num(row["attempts"], "letter.attempts"),
    lastError: optStr(row["lastError"], "letter.lastError"),
    at: str(row["at"], "letter.at"),
    replaying: bool(row["replaying"], "letter.replaying"),
  };
}

function decodeClaimed(value: unknown): ClaimedEndpoint {
  const row = obj(value, "endpoint");
  return {
    space: str(row["space"], "endpoint.space"),
    id: str(row["id"], "endpoint.id"),
    url: str(row["url"], "endpoint.url"),
    secret: str(row["secret"], "endpoint.secret"),
    position: str(row["position"], "endpoint.position"),
    attempts: num(row["attempts"], "endpoint.attempts"),
    maxAttempts: num(row["maxAttempts"], "endpoint.maxAttempts"),
  };
}

/** The lease of an endpoint's delivery: who holds it, for how long it lasts without renewal. */
export interface DeliveryLease {
  space: string;
  id: string;
  me: string;
  ttlMs: number;
}

export class WebhookStore {
  constructor(private readonly executor: Executor) {}

  // --- admin ---------------------------------------------------------------------------------

  async create(space: string, endpoint: NewEndpoint): Promise<void> {
    await this.executor.write("feed.webhooks", (tx) =>
      tx.run(CREATE_ENDPOINT, { space, ...endpoint, maxAttempts: neo4j.int(endpoint.maxAttempts) }),
    );
  }

  async list(space: string): Promise<WebhookEndpointView[]> {
    const result = await this.executor.read("feed.webhooks", (tx) => tx.run(LIST_ENDPOINTS, { space }));
    return result.records.map((record) => decodeEndpoint(record.get("endpoint")));
  }

  /** False when the space has no such endpoint. */
  async remove(space: string, id: string): Promise<boolean> {
    const result = await this.executor.write("feed.webhooks", (tx) => tx.run(REMOVE_ENDPOINT, { space, id }));
    return num(result.records[0]?.get("removed"), "removed") > 0;
  }

  async deadLetters(space: string, id: string, first: number): Promise<DeadLetterView[]> {
    const result = await this.executor.read("feed.webhooks", (tx) => tx.run(LIST_DEAD_LETTERS, { space, id, limit: neo4j.int(first) }));
    return result.records.map((record) => decodeDeadLetter(record.get("letter")));
  }

  /** Queues the endpoint's dead letters for delivery again; how many, or null for an unknown endpoint. */
  async replay(space: string, id: string): Promise<number | null> {
    const result = await this.executor.write("feed.webhooks", (tx) => tx.run(REPLAY_DEAD_LETTERS, { space, id }));
    const record = result.records[0];
    return record ? num(record.get("replayed"), "replayed") : null;
  }

  // --- delivery ------------------------------------------------------------------------------

  /** Takes or renews the leases of the endpoints free to deliver to (of these spaces; all when null); due: no retry to wait for. */
  async claim(me: string, ttlMs: number, spaces: readonly string[] | null): Promise<Array<{ endpoint: ClaimedEndpoint; due: boolean }>> {
    const result = await this.executor.write("feed.webhooks", (tx) =>
      tx.run(CLAIM, { me, ttl: neo4j.int(ttlMs), spaces: spaces ? [...spaces] : null }),
    );
    return result.records.map((record) => ({ endpoint: decodeClaimed(record.get("endpoint")), due: record.get("due") === true }));
  }

  /** The oldest dead letter an admin asked to deliver again, if any. */
  async nextReplay(space: string, id: string): Promise<string | undefined> {
    const record = (await this.executor.read("feed.webhooks", (tx) => tx.run(NEXT_REPLAY, { space, id }))).records[0];
    return record ? str(record.get("cursor"), "cursor") : undefined;
  }

  /** The change at a cursor; undefined once retention removed it. */
  async changeAt(space: string, cursor: string): Promise<StoredChange | undefined> {
    const record = (await this.executor.read("feed.webhooks", (tx) => tx.run(CHANGE_AT, { space, cursor }))).records[0];
    return record ? decodeChange(record) : undefined;
  }

  /** The change at `cursor` was delivered in feed order: the position moves on. False when the lease was lost. */
  delivered(lease: DeliveryLease, cursor: string): Promise<boolean> {
    return this.update(lease, DELIVERED, { cursor });
  }

  /** A replayed dead letter was delivered: it is gone. False when the lease was lost. */
  replayDelivered(lease: DeliveryLease, cursor: string): Promise<boolean> {
    return this.update(lease, REPLAY_DELIVERED, { cursor });
  }

  /** An attempt failed: the next one after `delayMs`. False when the lease was lost. */
  failed(lease: DeliveryLease, attempts: number, error: string, delayMs: number): Promise<boolean> {
    return this.update(lease, FAILED, { attempts: neo4j.int(attempts), error, delay: neo4j.int(delayMs) });
  }

  /** The last attempt failed: the change becomes a dead letter (a replay's position stays). False when the lease was lost. */
  setAside(
    lease: DeliveryLease,
    letter: { cursor: string; attempts: number; error: string; at: string; replay: boolean },
  ): Promise<boolean> {
    return this.update(lease, SET_ASIDE, { ...letter, attempts: neo4j.int(letter.attempts) });
  }

  /** Gives up every endpoint lease of this process; failures are ignored, the leases expire anyway. */
  async release(me: string): Promise<void> {
    await this.executor.write("feed.webhooks", (tx) => tx.run(RELEASE, { me })).catch(() => undefined);
  }

  private async update(lease: DeliveryLease, cypher: string, parameters: Record<string, unknown>): Promise<boolean> {
    const { space, id, me, ttlMs } = lease;
    const result = await this.executor.write("feed.webhooks", (tx) =>
      tx.run(cypher, { space, id, me, ttl: neo4j.int(ttlMs), ...parameters }),
    );
    return num(result.records[0]?.get("held"), "held") > 0;
  }
}
