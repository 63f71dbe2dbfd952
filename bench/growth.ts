// The growth phase: does the store grow with people or with traffic? `people` people log in on
// their devices, then `days` simulated days of ordinary traffic follow (timestamps spread over each
// day, arriving in order): every event from a known device, identified (the user id already linked
// to it) or anonymous, each with a messageId, as SDKs send them — traffic that changes nothing. Per
// simulated day it prints the space's nodes and relationships and the store's size on disk.
//
// The late window is the rules' own 7 days, counted on the events' timestamps, so the simulated
// days move every device's horizon. The dedup window counts real arrival time, which a run of
// minutes never passes: the phase shortens it (GrowthOptions.dedupWindow) and runs the retention
// work every few seconds, and says so.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { IdentityService } from "../src/identity/identity.service.js";
import { ResolutionStore } from "../src/identity/resolution.store.js";
import { createLogger } from "../src/logger.js";
import type { Executor } from "../src/neo4j/executor.js";
import { DEFAULT_RETENTION_OPTIONS, RetentionWorker } from "../src/retention/retention-worker.js";
import type { ObservationInput } from "../src/rules/model.js";
import { compileRules, DEFAULT_RULES } from "../src/rules/rules-config.js";
import { countSpace, totalOf } from "./lib/graph-counts.js";
import { load1, nextOf, pool, round } from "./lib/stats.js";

export interface GrowthOptions {
  people: number;
  days: number;
  eventsPerPersonPerDay: number;
  seed: number;
  clients: number;
  batchSize: number;
  /** The shortened dedup window (rules file syntax) and the retention work's interval while the phase runs. */
  dedupWindow: string;
  retentionIntervalMs: number;
  /** The Neo4j store directory whose size on disk is measured (unavailable for a Neo4j elsewhere). */
  storeDir: string | undefined;
}

export interface GrowthDay {
  day: number;
  /** Events sent on that simulated day, and all events so far. */
  events: number;
  totalEvents: number;
  perSec: number;
  load: number;
  nodes: number;
  relationships: number;
  labels: Record<string, number>;
  /** The store directory's size on disk, in bytes (null when unmeasurable). */
  storeBytes: number | null;
}

export interface GrowthResult {
  settings: Omit<GrowthOptions, "storeDir">;
  /** After the people logged in, before any traffic. */
  people: { nodes: number; relationships: number; storeBytes: number | null; storeBytesBefore: number | null };
  days: GrowthDay[];
  /** Nodes the traffic left per event once the windows passed: the slope of the space's nodes against events sent, from day 8 on. */
  steadyNodesPerEvent: number;
  /** Bytes on disk the traffic added per event over the same days, the same way (null when unmeasurable). */
  growthBytesPerEvent: number | null;
  /** The store's size on disk on the last day against day 7's. */
  sizeRatioLastToDay7: number | null;
}

const DAY = 86_400_000;

/** The size of a directory on disk, in bytes (du), or null. */
export function directoryBytes(dir: string | undefined): number | null {
  if (dir === undefined || !existsSync(dir)) return null;
  try {
    return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split(/\s+/)[0]);
  } catch {
    return null;
  }
}

interface Person {
  userId: string;
  devices: string[];
}

export async function measureGrowth(
  executor: Executor,
  space: string,
  options: GrowthOptions,
  log: (line: string) => void,
): Promise<GrowthResult> {
  const rules = compileRules({ ...DEFAULT_RULES, dedupWindow: options.dedupWindow });
  const identity = new IdentityService(new ResolutionStore(executor, rules), rules);
  const retention = new RetentionWorker(
    executor,
    rules,
    { ...DEFAULT_RETENTION_OPTIONS, intervalMs: options.retentionIntervalMs },
    [space],
    createLogger("warn"),
  );
  const rng = xoroshiro128plus(options.seed ^ 0x6e0);
  const people: Person[] = Array.from({ length: options.people }, (_, n) => ({
    userId: `g-user-${n}`,
    devices: Array.from({ length: uniformFloat64(rng) < 0.4 ? 2 : 1 }, (_, d) => `g-device-${n}-${d}`),
  }));
  const start = Date.parse("2026-01-01T00:00:00Z");
  let message = 0;
  const send = async (inputs: ObservationInput[]): Promise<number> => {
    const started = performance.now();
    let next = 0;
    const batches = (function* () {
      while (next < inputs.length) {
        yield inputs.slice(next, next + options.batchSize);
        next += options.batchSize;
      }
    })();
    await pool(options.clients, nextOf(batches), async (batch) => {
      await identity.resolveBatch(batch, { space, actor: "system" });
    });
    return Math.round((inputs.length / (performance.now() - started)) * 1000);
  };
  const measure = async () => {
    const counts = await countSpace(executor, space);
    return {
      nodes: totalOf(counts.nodes),
      relationships: totalOf(counts.relationships),
      labels: counts.nodes,
      storeBytes: directoryBytes(options.storeDir),
    };
  };

  const storeBytesBefore = directoryBytes(options.storeDir);
  retention.start();
  try {
    // The people: each logs in on each of their devices, once.
    const logins = people.flatMap((person) =>
      person.devices.map((deviceId) => ({ deviceId, userId: person.userId, messageId: `g-${message++}`, timestamp: new Date(start) })),
    );
    await send(logins);
    const afterPeople = await measure();
    log(
      `growth: ${options.people} people on ${logins.length} devices: ${afterPeople.nodes} nodes, ${afterPeople.relationships} relationships${afterPeople.storeBytes === null ? "" : `, store ${mib(afterPeople.storeBytes)} MiB`}`,
    );
    const days: GrowthDay[] = [];
    let totalEvents = 0;
    for (let day = 1; day <= options.days; day++) {
      // Events spread over the day, in timestamp order: about eventsPerPersonPerDay a person, 70 % of
      // them logged in (the user id with the device), the rest logged out (the device alone).
      const events: Array<{ at: number; input: ObservationInput }> = [];
      for (const person of people) {
        const count = uniformInt(rng, Math.ceil(options.eventsPerPersonPerDay / 2), Math.floor((options.eventsPerPersonPerDay * 3) / 2));
        for (let e = 0; e < count; e++) {
          const at = start + day * DAY + uniformInt(rng, 0, DAY - 1);
          const deviceId = person.devices[uniformInt(rng, 0, person.devices.length - 1)] as string;
          const identified = uniformFloat64(rng) < 0.7;
          events.push({ at, input: { deviceId, ...(identified ? { userId: person.userId } : {}), event: "page_view" } });
        }
      }
      events.sort((a, b) => a.at - b.at);
      const inputs = events.map(({ at, input }) => ({ ...input, messageId: `g-${message++}`, timestamp: new Date(at) }));
      const loadNow = load1();
      const perSec = await send(inputs);
      totalEvents += inputs.length;
      const measured = await measure();
      days.push({ day, events: inputs.length, totalEvents, perSec, load: loadNow, ...measured });
      log(
        `growth day ${day}: ${inputs.length} events at ${perSec}/s; ${measured.nodes} nodes, ${measured.relationships} relationships${measured.storeBytes === null ? "" : `, store ${mib(measured.storeBytes)} MiB`} ${JSON.stringify(measured.labels)}`,
      );
    }
    // Growth once the windows passed: from the end of day 8 (the late window of 7 days and the short
    // dedup window have both turned over) to the last day, as the slope of a least-squares line
    // through the days' figures against the events sent so far (one day's count swings with the
    // receipts the dedup window holds at that moment).
    const settled = days.filter((day) => day.day >= Math.min(8, options.days - 1));
    const last = days.at(-1);
    const day7 = days.find((day) => day.day === 7);
    const slope = (value: (day: GrowthDay) => number | null): number | null => {
      const points = settled.flatMap((day) => {
        const y = value(day);
        return y === null ? [] : [[day.totalEvents, y] as const];
      });
      if (points.length < 2) return null;
      const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
      const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
      const spread = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
      return spread === 0 ? null : points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) / spread;
    };
    const nodesSlope = slope((day) => day.nodes);
    const bytesSlope = slope((day) => day.storeBytes);
    const lastBytes = last?.storeBytes ?? null;
    const day7Bytes = day7?.storeBytes ?? null;
    return {
      settings: {
        people: options.people,
        days: options.days,
        eventsPerPersonPerDay: options.eventsPerPersonPerDay,
        seed: options.seed,
        clients: options.clients,
        batchSize: options.batchSize,
        dedupWindow: options.dedupWindow,
        retentionIntervalMs: options.retentionIntervalMs,
      },
      people: { nodes: afterPeople.nodes, relationships: afterPeople.relationships, storeBytes: afterPeople.storeBytes, storeBytesBefore },
      days,
      steadyNodesPerEvent: nodesSlope === null ? 0 : round(nodesSlope, 4),
      growthBytesPerEvent: bytesSlope === null ? null : round(bytesSlope, 2),
      sizeRatioLastToDay7: lastBytes === null || day7Bytes === null || day7Bytes <= 0 ? null : round(lastBytes / day7Bytes, 3),
    };
  } finally {
    await retention.stop();
  }
}

const mib = (bytes: number): number => round(bytes / 2 ** 20, 1);
