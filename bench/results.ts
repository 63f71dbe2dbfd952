// The shape of a benchmark run's results (bench/results/<run>.json): written by run.ts, rendered by report.ts.
import type { AdminResult } from "./admin.js";
import type { GraphCounts } from "./lib/graph-counts.js";
import type { GrowthResult } from "./growth.js";
import type { HotKeyResult } from "./hot-key.js";
import type { ReadResult } from "./lib/load-client.js";
import type { LatencySummary } from "./lib/stats.js";
import type { SteadyStats } from "./lib/steady-workload.js";

export interface InProcessReads {
  perSec: number;
  latency: LatencySummary;
}

export interface SizeResult {
  profiles: number;
  /** Set when the size was measured by another run and joined to this one's report (`--report A.json --with B.json`). */
  run?: { runId: string; startedAt: string; finishedAt?: string | undefined; machine: Record<string, string | number> };
  ingest: { observations: number; elapsedMs: number; perSec: number; warnings: Record<string, number>; load: number };
  counts: GraphCounts;
  /** The graph the rules require of the workload (bench/lib/required-graph.ts), where it was counted. */
  required?: GraphCounts;
  ceiling: {
    /** Which graph it wrote: the one the rules require, or (where that was not counted, and in runs before it was) the ingest's. */
    of?: "rules" | "ingest";
    elapsedMs: number;
    perSec: number;
    nodesPerSec: number;
    relationshipsPerSec: number;
    ratio: number;
    load: number;
  };
  store?: { observations: number; elapsedMs: number; perSec: number; load: number };
  /** Steady traffic (steady-workload.ts) over HTTP after the churn ingest, its ceiling, and the store in-process with and without the fast path. */
  steady?: {
    observations: number;
    elapsedMs: number;
    perSec: number;
    load: number;
    stats: SteadyStats;
    warnings: Record<string, number>;
    ceiling: { elapsedMs: number; perSec: number; load: number };
    ratio: number;
    store?: { fastPerSec: number; wholePerSec: number; observations: number; load: number };
    /**
     * Rule 11 (traits.ts): the steady traffic with a share of identify calls repeating traits, its
     * rate and its ratio to the plain steady rate; known users' events through the store plain,
     * with a receipt, changing a trait, and what a receipt and a changed trait add (ms of the store's time an event).
     */
    traits?: {
      identifyShare: number;
      observations: number;
      identifies: number;
      perSec: number;
      ratio: number;
      load: number;
      store: {
        observations: number;
        plainPerSec: number;
        receiptPerSec: number;
        traitPerSec: number;
        receiptMs: number;
        traitMs: number;
        load: number;
      };
    };
    /** Ordinary traffic through the store alone and beside a hot device (hot-key.ts). */
    hotKey?: HotKeyResult & { load: number };
  };
  reads: ReadResult & { load: number };
  /** profileByDevice with one client: the latency of a read on an idle server. */
  readsOne?: ReadResult & { load: number };
  floor: ReadResult & { load: number };
  readRatio: number;
  reader?: { twoStatements: InProcessReads; oneStatement: InProcessReads; load: number };
  memory: { nodeMaxRssMiB: number; loadClientMaxRssMiB?: number | undefined; neo4jPeakRssMiB?: number | undefined };
}

export interface BenchResult {
  runId: string;
  quick: boolean;
  startedAt: string;
  finishedAt?: string;
  machine: Record<string, string | number>;
  settings: Record<string, string | number | boolean>;
  workload: Record<string, unknown>;
  sizes: SizeResult[];
  admin?: AdminResult;
  /** The growth phase (growth.ts). */
  growth?: GrowthResult;
  summary?: Record<string, number | null>;
}

/**
 * `base` with the sizes of `other` that it does not have (a size run on its own: 1M takes over an
 * hour), each marked with the run that measured it; sizes in order.
 */
export function joinRuns(base: BenchResult, other: BenchResult): BenchResult {
  const have = new Set(base.sizes.map((size) => size.profiles));
  const added = other.sizes
    .filter((size) => !have.has(size.profiles))
    .map(
      (size): SizeResult => ({
        ...size,
        run: size.run ?? { runId: other.runId, startedAt: other.startedAt, finishedAt: other.finishedAt, machine: other.machine },
      }),
    );
  if (added.length === 0) throw new Error(`run ${other.runId} has no size that run ${base.runId} lacks`);
  const workload = { ...base.workload };
  for (const size of added) workload[String(size.profiles)] = other.workload[String(size.profiles)];
  return { ...base, workload, sizes: [...base.sizes, ...added].sort((a, b) => a.profiles - b.profiles) };
}
