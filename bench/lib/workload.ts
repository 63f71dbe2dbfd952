// A deterministic (seeded) stream of observations that looks like a product's traffic: people with
// one to five devices, anonymous activity before they log in, returning users, devices shared by two
// or three people, server-side calls without a device, a few blocked ids, identifier conflicts and
// re-sent messages. Generated lazily in batches, so a million profiles never sit in memory at once.
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { ObservationInput } from "../../src/rules/model.js";

/** One observation as the GraphQL ResolveInput takes it. */
export interface ObservationJson {
  messageId: string;
  deviceId?: string;
  userId?: string;
  identifiers?: Array<{ type: string; value: string }>;
  timestamp: string;
  event: string;
  /** Rule 11: profile properties (identify calls of the steady traffic with traits). */
  traits?: Record<string, unknown>;
}

/**
 * A batch as the store takes it (IdentityService.resolveBatch): timestamps as Dates. The measures
 * of the store alone (`{ events: false }`) leave the event names out.
 */
export const toInputs = (
  batch: ReadonlyArray<Omit<ObservationJson, "messageId"> & { messageId?: string }>,
  options: { events?: boolean } = {},
): ObservationInput[] =>
  options.events === false
    ? batch.map(({ timestamp, event: _event, ...rest }) => ({ ...rest, timestamp: new Date(timestamp) }))
    : batch.map(({ timestamp, ...rest }) => ({ ...rest, timestamp: new Date(timestamp) }));

export interface WorkloadOptions {
  /** People: the number of distinct users (each becomes one merged profile, bar conflicts and shares). */
  profiles: number;
  seed: number;
  /** Prefix for every id, so several runs can share one Neo4j space-free. */
  prefix?: string;
}

export interface WorkloadStats {
  observations: number;
  users: number;
  devices: number;
  sharedDeviceVisits: number;
  blocked: number;
  conflicts: number;
  duplicates: number;
  serverSide: number;
}

// How people behave, tuned to look like analytics traffic rather than to be kind to the store.
const DEVICE_COUNT_WEIGHTS = [0.4, 0.3, 0.15, 0.1, 0.05]; // 1..5 devices
const P_EMAIL = 0.6;
const P_PHONE = 0.2;
const P_NEVER_LOGS_IN_ON_DEVICE = 0.15;
const P_RETURNS = 0.5;
const P_LOGS_IN_AGAIN_ON_RETURN = 0.5;
const P_BORROWS_DEVICE = 0.05; // logs in on someone else's device (a shared device)
const P_SECOND_BORROWER = 0.3; // a shared device gets a third person
const P_SERVER_SIDE = 0.05; // a backend call with identifiers and no device (rule 4)
const P_BLOCKED = 0.005; // a login whose userId is a placeholder such as "null"
const P_CONFLICT = 0.005; // a login that carries someone else's email
const P_DUPLICATE = 0.005; // a message re-sent later with its messageId
const BLOCKED_VALUES = ["null", "undefined", "anonymous", "0", "N/A"];
const EVENTS = ["page_view", "screen_view", "add_to_cart", "search", "app_open"];
/** Users are generated in chunks; a chunk's events are interleaved, later activity lands in later chunks. */
const CHUNK_USERS = 500;
const RETURN_DELAY_CHUNKS = 3;
const START = Date.UTC(2026, 0, 1);

interface Pending {
  user: number;
  events: ObservationJson[];
}

export class Workload {
  readonly stats: WorkloadStats = {
    observations: 0,
    users: 0,
    devices: 0,
    sharedDeviceVisits: 0,
    blocked: 0,
    conflicts: 0,
    duplicates: 0,
    serverSide: 0,
  };
  /** A uniform sample of device ids (reservoir), for read load. */
  readonly deviceSample: string[] = [];
  private readonly rng;
  private readonly prefix: string;
  private seenDevices = 0;
  private readonly deviceSampleSize = 200_000;
  /** Devices of users already generated, a bounded recent window, for shared-device visits. */
  private readonly recentDevices: Array<{ deviceId: string; user: number }> = [];
  /** Activity scheduled for a later chunk (returns, duplicates), by chunk index. */
  private readonly later = new Map<number, Pending[]>();
  private clock = START;

  constructor(readonly options: WorkloadOptions) {
    this.rng = xoroshiro128plus(options.seed);
    this.prefix = options.prefix ?? `s${options.seed}`;
  }

  private chance(p: number): boolean {
    return uniformFloat64(this.rng) < p;
  }

  private int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  private deviceCount(): number {
    let x = uniformFloat64(this.rng);
    for (let i = 0; i < DEVICE_COUNT_WEIGHTS.length; i++) {
      x -= DEVICE_COUNT_WEIGHTS[i] as number;
      if (x < 0) return i + 1;
    }
    return DEVICE_COUNT_WEIGHTS.length;
  }

  private userId = (user: number): string => `${this.prefix}-user-${user}`;
  private email = (user: number): string => `${this.prefix}.user${user}@example.com`;
  private phone = (user: number): string => `+1555${String(user).padStart(8, "0")}`;

  private nextMessage = 0;
  private observation(fields: Omit<ObservationJson, "messageId" | "timestamp" | "event">, event?: string): ObservationJson {
    this.clock += this.int(1, 2000);
    return {
      messageId: `${this.prefix}-m${this.nextMessage++}`,
      ...fields,
      timestamp: new Date(this.clock).toISOString(),
      event: event ?? this.pick(EVENTS),
    };
  }

  private sampleDevice(deviceId: string): void {
    this.seenDevices++;
    if (this.deviceSample.length < this.deviceSampleSize) this.deviceSample.push(deviceId);
    else {
      const slot = this.int(0, this.seenDevices - 1);
      if (slot < this.deviceSampleSize) this.deviceSample[slot] = deviceId;
    }
  }

  /** The login identifiers of a user: user_id always, email and phone for some. */
  private loginFields(user: number, hasEmail: boolean, hasPhone: boolean): Pick<ObservationJson, "userId" | "identifiers"> {
    const identifiers: Array<{ type: string; value: string }> = [];
    if (hasEmail) identifiers.push({ type: "email", value: this.email(user) });
    if (hasPhone) identifiers.push({ type: "phone", value: this.phone(user) });
    return { userId: this.userId(user), ...(identifiers.length > 0 ? { identifiers } : {}) };
  }

  private schedule(chunk: number, pending: Pending): void {
    const list = this.later.get(chunk) ?? [];
    list.push(pending);
    this.later.set(chunk, list);
  }

  /** The activity of one user in their first chunk; returns go to later chunks. */
  private userActivity(user: number, chunk: number): Pending[] {
    const out: Pending[] = [];
    const hasEmail = this.chance(P_EMAIL);
    const hasPhone = this.chance(P_PHONE);
    const devices = this.deviceCount();
    this.stats.users++;
    for (let d = 0; d < devices; d++) {
      const deviceId = `${this.prefix}-d${user}-${d}`;
      this.stats.devices++;
      this.sampleDevice(deviceId);
      const events: ObservationJson[] = [];
      // Anonymous activity before login (0-2 events), then the login itself.
      for (let i = this.int(0, 2); i > 0; i--) events.push(this.observation({ deviceId }));
      if (!this.chance(P_NEVER_LOGS_IN_ON_DEVICE)) {
        let login = this.loginFields(user, hasEmail, hasPhone);
        if (this.chance(P_BLOCKED)) {
          login = { userId: this.pick(BLOCKED_VALUES) };
          this.stats.blocked++;
        } else if (user > 0 && this.chance(P_CONFLICT)) {
          // Someone else's email on this user's login: the email is refused (IDENTIFIER_CONFLICT).
          login = { userId: this.userId(user), identifiers: [{ type: "email", value: this.email(this.int(0, user - 1)) }] };
          this.stats.conflicts++;
        }
        events.push(this.observation({ deviceId, ...login }, "login"));
      }
      out.push({ user, events });
      if (this.chance(P_RETURNS)) {
        // A returning user: anonymous activity (their last known profile), sometimes a fresh login.
        const back: ObservationJson[] = [this.observation({ deviceId })];
        if (this.chance(P_LOGS_IN_AGAIN_ON_RETURN))
          back.push(this.observation({ deviceId, ...this.loginFields(user, hasEmail, hasPhone) }, "login"));
        this.schedule(chunk + this.int(1, RETURN_DELAY_CHUNKS), { user, events: back });
      }
      this.recentDevices.push({ deviceId, user });
    }
    if (this.recentDevices.length > 20_000) this.recentDevices.splice(0, this.recentDevices.length - 10_000);
    if (this.chance(P_SERVER_SIDE)) {
      out.push({ user, events: [this.observation(this.loginFields(user, hasEmail, hasPhone), "server_login")] });
      this.stats.serverSide++;
    }
    if (this.recentDevices.length > devices && this.chance(P_BORROWS_DEVICE)) {
      // A shared device: this user logs in on someone else's device, whose owner comes back later.
      const borrowed = this.pick(this.recentDevices.slice(0, this.recentDevices.length - devices));
      const visits = this.chance(P_SECOND_BORROWER) ? 2 : 1;
      for (let v = 0; v < visits; v++) {
        const visitor = v === 0 ? user : this.int(0, user);
        out.push({
          user,
          events: [
            this.observation({ deviceId: borrowed.deviceId }),
            this.observation({ deviceId: borrowed.deviceId, userId: this.userId(visitor) }, "login"),
          ],
        });
        this.stats.sharedDeviceVisits++;
      }
      this.schedule(chunk + 1, {
        user: borrowed.user,
        events: [this.observation({ deviceId: borrowed.deviceId, userId: this.userId(borrowed.user) }, "login")],
      });
    }
    return out;
  }

  /** Interleaves the event lists of a chunk, keeping each list's own order. */
  private interleave(lists: Pending[]): ObservationJson[] {
    const cursors = lists.map((list) => ({ events: list.events, at: 0 }));
    const out: ObservationJson[] = [];
    const live = cursors.filter((cursor) => cursor.events.length > 0);
    while (live.length > 0) {
      const index = this.int(0, live.length - 1);
      const cursor = live[index] as (typeof live)[number];
      out.push(cursor.events[cursor.at++] as ObservationJson);
      if (cursor.at >= cursor.events.length) {
        live[index] = live[live.length - 1] as (typeof live)[number];
        live.pop();
      }
    }
    return out;
  }

  /** Every observation in arrival order, in batches of `size`. */
  *batches(size: number): Generator<ObservationJson[]> {
    let buffer: ObservationJson[] = [];
    const chunks = Math.ceil(this.options.profiles / CHUNK_USERS);
    const lastChunk = chunks + RETURN_DELAY_CHUNKS;
    const resend: ObservationJson[] = [];
    for (let chunk = 0; chunk <= lastChunk; chunk++) {
      const lists: Pending[] = [];
      const first = chunk * CHUNK_USERS;
      for (let user = first; user < Math.min(first + CHUNK_USERS, this.options.profiles); user++)
        lists.push(...this.userActivity(user, chunk));
      lists.push(...(this.later.get(chunk) ?? []));
      this.later.delete(chunk);
      // Messages re-sent by a client retry arrive a chunk later, with their original messageId.
      if (resend.length > 0) lists.push(...resend.splice(0).map((event) => ({ user: -1, events: [event] })));
      for (const observation of this.interleave(lists)) {
        buffer.push(observation);
        this.stats.observations++;
        if (this.chance(P_DUPLICATE)) {
          resend.push(observation);
          this.stats.duplicates++;
        }
        if (buffer.length === size) {
          yield buffer;
          buffer = [];
        }
      }
    }
    if (resend.length > 0) buffer.push(...resend);
    this.stats.observations += resend.length;
    if (buffer.length > 0) yield buffer;
  }
}
