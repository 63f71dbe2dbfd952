// Small measuring helpers shared by the benchmark's processes.
import { readFileSync } from "node:fs";
import os from "node:os";

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Exact percentiles (nearest rank) of latency samples in milliseconds. */
export function summarise(samples: Float64Array | number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50Ms: round(rank(50)),
    p95Ms: round(rank(95)),
    p99Ms: round(rank(99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    meanMs: round(sum / Math.max(1, sorted.length)),
  };
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The 1-minute load average: other work on the machine that a figure was measured beside. */
export const load1 = (): number => round(os.loadavg()[0] ?? 0);

/** Peak resident memory (VmHWM) of a process, in MiB, from /proc; undefined when unreadable. */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? round(Number(match[1]) / 1024, 0) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `task` on `concurrency` workers until `next` returns undefined. */
export async function pool<T>(concurrency: number, next: () => T | undefined, task: (item: T) => Promise<void>): Promise<void> {
  const workers = Array.from({ length: concurrency }, async () => {
    for (let item = next(); item !== undefined; item = next()) await task(item);
  });
  await Promise.all(workers);
}

/** Prints a line at most every `everyMs`. */
export function throttled(everyMs: number, print: (line: string) => void): (line: () => string) => void {
  let last = 0;
  return (line) => {
    const now = Date.now();
    if (now - last >= everyMs) {
      last = now;
      print(line());
    }
  };
}

/** `pool`'s `next` over an iterator: its items in order, then undefined. */
export const nextOf =
  <T>(iterator: Iterator<T>): (() => T | undefined) =>
  () => {
    const next = iterator.next();
    return next.done ? undefined : next.value;
  };
