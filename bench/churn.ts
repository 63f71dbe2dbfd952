// The identity-churn workload at one size (bench/lib/workload.ts): through resolveBatch over HTTP
// (the load client, its own process), the graph it built counted, the graph the rules require of the
// workload (lib/required-graph.ts), Neo4j's own ceiling for that graph (ceiling.ts), and the same
// workload straight into the store (no HTTP, no GraphQL).
import type { IdentityService } from "../src/identity/identity.service.js";
import type { Executor } from "../src/neo4j/executor.js";
import { writeCeiling } from "./ceiling.js";
import { countSpace, totalOf } from "./lib/graph-counts.js";
import { requiredGraph } from "./lib/required-graph.js";
import type { IngestResult } from "./lib/load-client.js";
import type { LoadClient } from "./lib/load-process.js";
import { load1, nextOf, pool, round } from "./lib/stats.js";
import { toInputs, Workload } from "./lib/workload.js";
import type { SizeResult } from "./results.js";

/** How the churn workload is sent: its seed, the clients at once, the observations a batch. */
export interface ChurnTraffic {
  seed: number;
  clients: number;
  batchSize: number;
}

export interface ChurnOptions extends ChurnTraffic {
  url: string;
  key: string;
  space: string;
  profiles: number;
  executor: Executor;
  identity: IdentityService;
  loadClient: LoadClient;
  /** The ceiling's rows a statement and statements at once. */
  ceilingBatch: number;
  ceilingConcurrency: number;
  /**
   * The largest size also sent straight into the store, and whose required graph is counted by
   * replaying the rules in memory (about 16 KB a person); above it the ceiling writes the ingest's graph.
   */
  storeMax: number;
  log: (line: string) => void;
}

export type ChurnResult = Pick<SizeResult, "ingest" | "counts" | "required" | "ceiling" | "store"> & { stats: IngestResult["stats"] };

export async function measureChurn(options: ChurnOptions): Promise<ChurnResult> {
  const { url, key, space, profiles, executor, loadClient, seed, clients, batchSize, ceilingBatch, ceilingConcurrency, log } = options;
  log(`== ${profiles} profiles: ingest through resolveBatch over HTTP (${clients} clients, batches of ${batchSize})`);
  const ingestLoad = load1();
  const ingest = await loadClient.run<IngestResult>({ type: "ingest", url, key, profiles, seed, clients, batchSize });
  const ingestPerSec = Math.round((ingest.observations / ingest.elapsedMs) * 1000);
  log(`ingest: ${ingest.observations} observations in ${(ingest.elapsedMs / 1000).toFixed(1)} s = ${ingestPerSec}/s (load ${load1()})`);

  const counts = await countSpace(executor, space);
  log(
    `graph: ${totalOf(counts.nodes)} nodes ${JSON.stringify(counts.nodes)}, ${totalOf(counts.relationships)} relationships ${JSON.stringify(counts.relationships)}`,
  );
  let required: SizeResult["required"];
  if (profiles <= options.storeMax) {
    required = requiredGraph(new Workload({ profiles, seed }).batches(batchSize), options.identity.rules);
    log(
      `the graph the rules require: ${totalOf(required.nodes)} nodes ${JSON.stringify(required.nodes)}, ${totalOf(required.relationships)} relationships ${JSON.stringify(required.relationships)}`,
    );
  }
  log(
    `ceiling: ${required ? "the graph the rules require" : "the ingest's graph"} by batched UNWIND ... CREATE (${ceilingConcurrency} at once, ${ceilingBatch} rows)`,
  );
  const ceilingLoad = load1();
  const ceiling = await writeCeiling(executor, `${space}-ceiling`, required ?? counts, ceilingBatch, ceilingConcurrency);
  const ceilingPerSec = Math.round((ingest.observations / ceiling.elapsedMs) * 1000);
  log(
    `ceiling: ${(ceiling.elapsedMs / 1000).toFixed(1)} s = ${ceilingPerSec} observations/s equivalent; ingest/ceiling ${round(ingestPerSec / ceilingPerSec)}`,
  );

  let store: SizeResult["store"];
  if (profiles <= options.storeMax) {
    log(`ingest through the store directly (no HTTP/GraphQL, ${clients} clients)`);
    const storeLoad = load1();
    const direct = await ingestThroughStore(options.identity, `${space}-store`, profiles, options);
    store = { ...direct, perSec: Math.round((direct.observations / direct.elapsedMs) * 1000), load: storeLoad };
    log(`store: ${store.perSec}/s`);
  }
  return {
    stats: ingest.stats,
    ingest: {
      observations: ingest.observations,
      elapsedMs: round(ingest.elapsedMs),
      perSec: ingestPerSec,
      warnings: ingest.warnings,
      load: ingestLoad,
    },
    counts,
    ...(required ? { required } : {}),
    ceiling: {
      of: required ? "rules" : "ingest",
      elapsedMs: round(ceiling.elapsedMs),
      perSec: ceilingPerSec,
      nodesPerSec: Math.round((ceiling.nodes / ceiling.elapsedMs) * 1000),
      relationshipsPerSec: Math.round((ceiling.relationships / ceiling.elapsedMs) * 1000),
      ratio: round(ingestPerSec / ceilingPerSec),
      load: ceilingLoad,
    },
    ...(store ? { store } : {}),
  };
}

/** The same workload straight into the store (no HTTP, no GraphQL), with the same clients and batches. */
export async function ingestThroughStore(
  identity: IdentityService,
  space: string,
  profiles: number,
  traffic: ChurnTraffic,
): Promise<{ observations: number; elapsedMs: number }> {
  const workload = new Workload({ profiles, seed: traffic.seed });
  const batches = workload.batches(traffic.batchSize);
  let observations = 0;
  const started = performance.now();
  await pool(traffic.clients, nextOf(batches), async (batch) => {
    await identity.resolveBatch(toInputs(batch), { space, actor: "system" });
    observations += batch.length;
  });
  return { observations, elapsedMs: performance.now() - started };
}
