// The change feed for consumers: pages by cursor, a live follower for subscriptions; and this
// process's relay, started and stopped with the server. Webhooks read it too (src/webhooks/).
import { badInput } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Executor } from "../neo4j/executor.js";
import type { FeedObserver } from "./feed-observer.js";
import { type ChangePage, CURSOR_DIGITS, Outbox, type StoredChange } from "./outbox.store.js";
import { FeedNotifier } from "./notifier.js";
import { DEFAULT_RELAY_OPTIONS, Relay, type RelayOptions } from "./relay.js";

export const MAX_CHANGES_PAGE = 1000;

export interface FeedServiceOptions {
  relay: RelayOptions;
  /** How long a live subscriber waits for a local notification before it reads again (another process may sequence). */
  pollMs: number;
  /** False: this process never sequences (another one must; consumers still read). */
  sequence: boolean;
}

export const DEFAULT_FEED_SERVICE_OPTIONS: FeedServiceOptions = {
  relay: DEFAULT_RELAY_OPTIONS,
  pollMs: 500,
  sequence: true,
};

const CURSOR = new RegExp(`^\\d{${CURSOR_DIGITS}}$`);

export class FeedService {
  readonly outbox: Outbox;
  readonly notifier = new FeedNotifier();
  readonly relay: Relay;
  private stopping = new AbortController();

  constructor(
    executor: Executor,
    readonly options: FeedServiceOptions,
    logger: Logger,
    observer: FeedObserver = {},
  ) {
    this.outbox = new Outbox(executor);
    this.relay = new Relay(executor, this.notifier, options.relay, logger, observer);
  }

  start(): void {
    this.stopping = new AbortController();
    if (this.options.sequence) this.relay.start();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.relay.stop();
  }

  /** Checks a client's cursor: ours, and not older than what retention removed. */
  async checkCursor(space: string, after: string | null | undefined): Promise<string> {
    if (after === null || after === undefined || after === "") return "";
    if (!CURSOR.test(after)) throw badInput(`after must be a cursor from this feed (${CURSOR_DIGITS} digits)`);
    const { prunedThrough } = await this.outbox.position(space);
    if (after < prunedThrough) {
      throw badInput(`cursor ${after} is older than the feed's retention; changes up to ${prunedThrough} were removed`);
    }
    return after;
  }

  async changes(space: string, after: string | null | undefined, first: number): Promise<ChangePage> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_CHANGES_PAGE)
      throw badInput(`first must be between 0 and ${MAX_CHANGES_PAGE}`);
    return this.outbox.read(space, await this.checkCursor(space, after), first);
  }

  /** A profile's changes (memberships naming any of its ids), newest first, from just before the cursor given. */
  async profileChanges(space: string, profileIds: readonly string[], after: string | null | undefined, first: number): Promise<ChangePage> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_CHANGES_PAGE)
      throw badInput(`first must be between 0 and ${MAX_CHANGES_PAGE}`);
    return this.outbox.readForProfile(space, profileIds, await this.checkCursor(space, after), first);
  }

  /**
   * Every change after the cursor (after the newest one when absent), then live ones: always read
   * from the outbox after the last cursor yielded, so there is no gap and no repeat at the seam;
   * notifications only say when to read again.
   */
  async *follow(space: string, after: string | null | undefined): AsyncGenerator<StoredChange> {
    let last = after === null || after === undefined ? (await this.outbox.position(space)).last : await this.checkCursor(space, after);
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const page = await this.outbox.read(space, last, 500);
      for (const change of page.changes) {
        yield change;
        last = change.cursor;
      }
      if (!page.hasNextPage) await this.notifier.wait(space, this.options.pollMs, signal);
    }
  }
}
