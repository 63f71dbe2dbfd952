// Steady traffic at one size (bench/lib/steady-workload.ts), on the graph the churn workload built:
// through resolveBatch over HTTP (the load client), its ceiling (ceiling.ts: the least work the
// rules require, in one statement a batch), and the same traffic through the store in-process with
// the fast path and with every profile loaded whole; then the same traffic with identify calls (traits.ts).
import { IdentityService } from "../src/identity/identity.service.js";
import { ResolutionStore } from "../src/identity/resolution.store.js";
import type { Executor } from "../src/neo4j/executor.js";
import type { IdentityRules } from "../src/rules/rules-config.js";
import { writeSteadyCeiling } from "./ceiling.js";
import type { IngestResult } from "./lib/load-client.js";
import type { LoadClient } from "./lib/load-process.js";
import { load1, nextOf, pool, round } from "./lib/stats.js";
import { type SteadyStats, SteadyWorkload } from "./lib/steady-workload.js";
import { toInputs } from "./lib/workload.js";
import type { SizeResult } from "./results.js";
import { measureTraits } from "./traits.js";

export interface SteadyOptions {
  url: string;
  key: string;
  space: string;
  profiles: number;
  seed: number;
  clients: number;
  batchSize: number;
  /** Observations over HTTP (and for the ceiling). */
  observations: number;
  /** Observations through the store, with and without the fast path. */
  storeObservations: number;
  executor: Executor;
  rules: IdentityRules;
  loadClient: LoadClient;
  log: (line: string) => void;
}

/** The steady figures of a size, all but the hot key's (hot-key.ts, measured next). */
export type SteadyResult = Omit<NonNullable<SizeResult["steady"]>, "hotKey">;

export async function measureSteady(options: SteadyOptions): Promise<SteadyResult> {
  const { url, key, space, profiles, seed, clients, batchSize, observations, executor, loadClient, log } = options;
  log(`== steady traffic: ${observations} observations over HTTP (${clients} clients, batches of ${batchSize})`);
  const steadyLoad = load1();
  const steadyRun = await loadClient.run<IngestResult>({
    type: "ingest",
    workload: "steady",
    observations,
    url,
    key,
    profiles,
    seed,
    clients,
    batchSize,
  });
  const steadyPerSec = Math.round((steadyRun.observations / steadyRun.elapsedMs) * 1000);
  log(`steady: ${steadyRun.observations} in ${(steadyRun.elapsedMs / 1000).toFixed(1)} s = ${steadyPerSec}/s (load ${load1()})`);
  const steadyCeilingLoad = load1();
  const steadyCeilingRun = await writeSteadyCeiling(
    executor,
    space,
    new SteadyWorkload({ profiles, seed, observations, messagePrefix: "ceiling-steady" }).batches(batchSize),
    clients,
    batchSize,
  );
  const steadyCeilingPerSec = Math.round((steadyCeilingRun.observations / steadyCeilingRun.elapsedMs) * 1000);
  log(`steady ceiling: ${steadyCeilingPerSec}/s; steady/ceiling ${round(steadyPerSec / steadyCeilingPerSec)}`);
  const storeLoad = load1();
  const fastPerSec = await throughStore(options, false);
  const wholePerSec = await throughStore(options, true);
  log(`steady through the store: fast path ${fastPerSec}/s, whole profiles ${wholePerSec}/s`);
  const traits = await measureTraits(options, steadyPerSec);
  return {
    observations: steadyRun.observations,
    elapsedMs: round(steadyRun.elapsedMs),
    perSec: steadyPerSec,
    load: steadyLoad,
    stats: steadyRun.stats as SteadyStats,
    warnings: steadyRun.warnings,
    ceiling: { elapsedMs: round(steadyCeilingRun.elapsedMs), perSec: steadyCeilingPerSec, load: steadyCeilingLoad },
    ratio: round(steadyPerSec / steadyCeilingPerSec),
    store: { fastPerSec, wholePerSec, observations: options.storeObservations, load: storeLoad },
    traits,
  };
}

/** The steady traffic through the store in-process (no HTTP, no GraphQL), with the fast path or with every profile loaded whole: observations a second. */
async function throughStore(options: SteadyOptions, wholeProfiles: boolean): Promise<number> {
  const { executor, rules, profiles, seed, storeObservations, batchSize, clients, space } = options;
  const identity = new IdentityService(new ResolutionStore(executor, rules, { wholeProfiles }), rules);
  const batches = new SteadyWorkload({
    profiles,
    seed,
    observations: storeObservations,
    messagePrefix: wholeProfiles ? "store-whole" : "store-fast",
  }).batches(batchSize);
  let count = 0;
  const started = performance.now();
  await pool(clients, nextOf(batches), async (batch) => {
    await identity.resolveBatch(toInputs(batch, { events: false }), { space, actor: "system" });
    count += batch.length;
  });
  return Math.round((count / (performance.now() - started)) * 1000);
}
