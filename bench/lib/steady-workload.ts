// Steady SDK traffic (seeded, deterministic) on the graph the churn workload (workload.ts) built:
// about 95 % events from known devices, each carrying what is already linked to the device's user
// (anonymousId and userId, as every `track` call of a logged-in user does; the anonymousId alone
// before anyone logged in on the device), and about 5 % logins on new devices, anonymous visits
// from new devices and sign-ups. Every observation has a new messageId and is stamped after the
// churn workload's last one, so none is late. With `identifies`, a share of the known users'
// events are identify calls carrying the user's standing traits (rule 11), as SDKs send them on
// every app start: unchanged once the warm-up (traitWarmUp) set them.
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { type ObservationJson, Workload } from "./workload.js";

export interface SteadyOptions {
  /** The churn workload's size and seed: the steady traffic comes from its devices and users. */
  profiles: number;
  seed: number;
  /** How many observations to send. */
  observations: number;
  /**
   * Prefix of the traffic's messageIds and of its new devices and users: a replay of the same
   * traffic with another prefix (the ceiling, the store runs) is new traffic again.
   */
  messagePrefix?: string;
  /** The share of known users' events that are identify calls with their standing traits (0: none). */
  identifies?: number;
}

export interface SteadyStats {
  observations: number;
  knownIdentified: number;
  knownAnonymous: number;
  newDeviceLogins: number;
  newDeviceVisits: number;
  signUps: number;
  /** Identify calls with the user's standing traits (unchanged after the warm-up). */
  identifies: number;
}

/** Placeholder user ids the churn workload sends (rule 1 blocks them): they identify no one. */
const BLOCKED = new Set(["null", "undefined", "anonymous", "0", "N/A"]);
const P_NEW_DEVICE_LOGIN = 0.02;
const P_NEW_DEVICE_VISIT = 0.015;
const P_SIGN_UP = 0.015;
/** How many of the churn workload's devices the steady traffic comes from (a uniform sample). */
const SAMPLE = 100_000;
/** An event of knownUserEvents: a messageId only where it measures receipts. */
export type KnownUserEvent = Omit<ObservationJson, "messageId"> & { messageId?: string };

/** A known user's traits as their app sends them with every identify: the same every time. */
export function standingTraits(userId: string): Record<string, string> {
  let hash = 0;
  for (const character of userId) hash = (hash * 31 + character.charCodeAt(0)) | 0;
  return { name: `User ${userId}`, plan: ["free", "pro", "team"][Math.abs(hash) % 3] as string, locale: "en-GB", source: "organic" };
}

const EVENTS = ["page_view", "screen_view", "add_to_cart", "search", "app_open", "purchase"];

export class SteadyWorkload {
  readonly stats: SteadyStats = {
    observations: 0,
    knownIdentified: 0,
    knownAnonymous: 0,
    newDeviceLogins: 0,
    newDeviceVisits: 0,
    signUps: 0,
    identifies: 0,
  };
  /** Known devices and the user id now linked on each (undefined: nobody logged in there). */
  private readonly devices: Array<{ deviceId: string; userId: string | undefined }> = [];
  private readonly users: string[] = [];
  private readonly prefix: string;
  private clock: number;

  constructor(readonly options: SteadyOptions) {
    const churn = new Workload({ profiles: options.profiles, seed: options.seed });
    this.prefix = options.messagePrefix ?? `s${options.seed}-steady`;
    // Replay the churn workload (no I/O) to learn each sampled device's last user: the user id of
    // its last login with a real user id, which rule 6 made the device's current user.
    const rng = xoroshiro128plus(options.seed ^ 0x5eed);
    const index = new Map<string, number>();
    const sample: Array<{ deviceId: string; userId: string | undefined }> = [];
    const users: string[] = [];
    let seen = 0;
    let last = 0;
    for (const batch of churn.batches(10_000)) {
      for (const observation of batch) {
        last = Math.max(last, Date.parse(observation.timestamp));
        const { deviceId, userId } = observation;
        if (userId !== undefined && !BLOCKED.has(userId) && users.length < SAMPLE && uniformFloat64(rng) < 0.2) users.push(userId);
        if (deviceId === undefined) continue;
        let at = index.get(deviceId);
        if (at === undefined) {
          seen++;
          if (sample.length < SAMPLE) at = sample.push({ deviceId, userId: undefined }) - 1;
          else {
            const slot = uniformInt(rng, 0, seen - 1);
            if (slot < SAMPLE) {
              index.delete((sample[slot] as { deviceId: string }).deviceId);
              sample[slot] = { deviceId, userId: undefined };
              at = slot;
            }
          }
          if (at !== undefined) index.set(deviceId, at);
        }
        if (at !== undefined && userId !== undefined && !BLOCKED.has(userId)) (sample[at] as { userId?: string }).userId = userId;
      }
    }
    this.devices = sample;
    this.users = users;
    this.clock = last + 3_600_000;
    this.rng = xoroshiro128plus(options.seed + 7);
  }

  private readonly rng;
  private nextMessage = 0;
  private nextDevice = 0;

  private observation(fields: Pick<ObservationJson, "deviceId" | "userId" | "traits">, event: string): ObservationJson {
    this.clock += uniformInt(this.rng, 1, 20);
    this.stats.observations++;
    return {
      messageId: `${this.prefix}-m${this.nextMessage++}`,
      ...(fields.deviceId !== undefined ? { deviceId: fields.deviceId } : {}),
      ...(fields.userId !== undefined ? { userId: fields.userId } : {}),
      ...(fields.traits !== undefined ? { traits: fields.traits } : {}),
      timestamp: new Date(this.clock).toISOString(),
      event,
    };
  }

  /** Identify calls setting each known user's standing traits, once a user: what makes the measured ones unchanged. */
  *traitWarmUp(size: number): Generator<ObservationJson[]> {
    const seen = new Set<string>();
    let batch: ObservationJson[] = [];
    for (const device of this.devices) {
      if (device.userId === undefined || seen.has(device.userId)) continue;
      seen.add(device.userId);
      batch.push(this.observation({ ...device, traits: standingTraits(device.userId) }, "identify"));
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /**
   * `count` events of known users only, in batches: plain (no messageId), each with a receipt (a
   * messageId), or each changing a trait (no messageId): what a receipt and a changed trait cost
   * over the same events.
   */
  *knownUserEvents(size: number, count: number, kind: "plain" | "receipt" | "trait"): Generator<KnownUserEvent[]> {
    const known = this.devices.filter((device) => device.userId !== undefined);
    const pick = (): (typeof known)[number] => known[uniformInt(this.rng, 0, known.length - 1)] as (typeof known)[number];
    let sent = 0;
    while (sent < count) {
      const batch: KnownUserEvent[] = [];
      while (batch.length < size && sent < count) {
        const device = pick();
        const { messageId, ...event } = this.observation(
          { ...device, ...(kind === "trait" ? { traits: { lastOrder: `${this.prefix}-${sent}` } } : {}) },
          kind === "trait" ? "identify" : "page_view",
        );
        batch.push(kind === "receipt" ? { messageId, ...event } : event);
        sent++;
      }
      yield batch;
    }
  }

  private next(): ObservationJson {
    const x = uniformFloat64(this.rng);
    const pick = <T>(items: readonly T[]): T => items[uniformInt(this.rng, 0, items.length - 1)] as T;
    if (x < P_NEW_DEVICE_LOGIN && this.users.length > 0) {
      // A known user logs in on a new device (rule 5: it joins their profile).
      this.stats.newDeviceLogins++;
      return this.observation({ deviceId: `${this.prefix}-d${this.nextDevice++}`, userId: pick(this.users) }, "login");
    }
    if (x < P_NEW_DEVICE_LOGIN + P_NEW_DEVICE_VISIT) {
      // An anonymous visit from a device never seen (rule 2: a new profile).
      this.stats.newDeviceVisits++;
      return this.observation({ deviceId: `${this.prefix}-d${this.nextDevice++}` }, "page_view");
    }
    if (x < P_NEW_DEVICE_LOGIN + P_NEW_DEVICE_VISIT + P_SIGN_UP) {
      // A sign-up: a new user on a new device.
      this.stats.signUps++;
      const n = this.nextDevice++;
      return this.observation({ deviceId: `${this.prefix}-d${n}`, userId: `${this.prefix}-user-${n}` }, "sign_up");
    }
    const device = pick(this.devices);
    if (device.userId === undefined) this.stats.knownAnonymous++;
    else this.stats.knownIdentified++;
    if (device.userId !== undefined && (this.options.identifies ?? 0) > 0 && uniformFloat64(this.rng) < (this.options.identifies ?? 0)) {
      this.stats.identifies++;
      return this.observation({ ...device, traits: standingTraits(device.userId) }, "identify");
    }
    return this.observation(device, pick(EVENTS));
  }

  /** The traffic in batches of `size`. */
  *batches(size: number): Generator<ObservationJson[]> {
    while (this.stats.observations < this.options.observations) {
      const batch: ObservationJson[] = [];
      while (batch.length < size && this.stats.observations < this.options.observations) batch.push(this.next());
      yield batch;
    }
  }
}
