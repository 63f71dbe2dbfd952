// Rule 11 in steady traffic: identify calls that repeat a user's traits (as SDKs send them on every
// app start) should cost the steady traffic little, and a changed trait no more than a receipt.
// (1) a warm-up sets every sampled user's standing traits (not measured); (2) the steady traffic
// again over HTTP with a share of known users' events as identify calls with those traits,
// against the plain steady rate; (3) known users' events through the store in-process three ways —
// plain, each with a receipt (messageId), each changing a trait — so the cost of a receipt and of a
// changed trait are differences over the same events.
import { IdentityService } from "../src/identity/identity.service.js";
import { ResolutionStore } from "../src/identity/resolution.store.js";
import type { IngestResult } from "./lib/load-client.js";
import { load1, nextOf, pool, round } from "./lib/stats.js";
import { type KnownUserEvent, type SteadyStats, SteadyWorkload } from "./lib/steady-workload.js";
import { toInputs } from "./lib/workload.js";
import type { SizeResult } from "./results.js";
import type { SteadyOptions } from "./steady.js";

/** The share of known users' events sent as identify calls with unchanged traits. */
export const IDENTIFY_SHARE = 0.3;

export type TraitsResult = NonNullable<NonNullable<SizeResult["steady"]>["traits"]>;

export async function measureTraits(options: SteadyOptions, steadyPerSec: number): Promise<TraitsResult> {
  const { url, key, space, profiles, seed, clients, batchSize, observations, storeObservations, executor, rules, loadClient, log } =
    options;
  const identity = new IdentityService(new ResolutionStore(executor, rules), rules);
  const inStore = async (batches: Iterator<KnownUserEvent[]>): Promise<number> => {
    let count = 0;
    const started = performance.now();
    await pool(clients, nextOf(batches), async (batch) => {
      await identity.resolveBatch(toInputs(batch, { events: false }), { space, actor: "system" });
      count += batch.length;
    });
    return Math.round((count / (performance.now() - started)) * 1000);
  };

  const warm = new SteadyWorkload({ profiles, seed, observations: 0, messagePrefix: "traits-warm" });
  const warmStarted = performance.now();
  await inStore(warm.traitWarmUp(batchSize));
  log(`traits: every sampled user's standing traits set in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);

  log(`== steady traffic with identify calls (${IDENTIFY_SHARE * 100} % of known users' events, traits unchanged) over HTTP`);
  const load = load1();
  const run = await loadClient.run<IngestResult>({
    type: "ingest",
    workload: "steady",
    messagePrefix: "steady-identify",
    identifies: IDENTIFY_SHARE,
    observations,
    url,
    key,
    profiles,
    seed,
    clients,
    batchSize,
  });
  const perSec = Math.round((run.observations / run.elapsedMs) * 1000);
  const stats = run.stats as SteadyStats;
  log(
    `steady with identifies: ${perSec}/s (${stats.identifies} identifies), ${round(perSec / steadyPerSec)} of plain steady's ${steadyPerSec}/s`,
  );

  const storeLoad = load1();
  const events = (kind: "plain" | "receipt" | "trait"): Iterator<KnownUserEvent[]> =>
    new SteadyWorkload({ profiles, seed, observations: 0, messagePrefix: `traits-${kind}` }).knownUserEvents(
      batchSize,
      storeObservations,
      kind,
    );
  const plainPerSec = await inStore(events("plain"));
  const receiptPerSec = await inStore(events("receipt"));
  const traitPerSec = await inStore(events("trait"));
  const extraMs = (rate: number): number => round(1000 / rate - 1000 / plainPerSec, 4);
  log(
    `known users' events through the store: plain ${plainPerSec}/s, each with a receipt ${receiptPerSec}/s, each changing a trait ${traitPerSec}/s (per event, a receipt adds ${extraMs(receiptPerSec)} ms and a changed trait ${extraMs(traitPerSec)} ms of the store's time at ${clients} clients)`,
  );
  return {
    identifyShare: IDENTIFY_SHARE,
    observations: run.observations,
    identifies: stats.identifies,
    perSec,
    ratio: round(perSec / steadyPerSec),
    load,
    store: {
      observations: storeObservations,
      plainPerSec,
      receiptPerSec,
      traitPerSec,
      receiptMs: extraMs(receiptPerSec),
      traitMs: extraMs(traitPerSec),
      load: storeLoad,
    },
  };
}
