// The machine a run measured on, for its results.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { round } from "./stats.js";

/** The CPU's model name from /proc/cpuinfo; undefined when it does not say. */
export const cpuModel = (): string | undefined => /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];

/** Cores, CPU, memory (and `free -g`'s line at the start), OS and Node. */
export function machineInfo(): Record<string, string | number> {
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel() ?? os.cpus()[0]?.model ?? "unknown",
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    freeG: (() => {
      try {
        return (/^Mem:.*$/m.exec(execFileSync("free", ["-g"], { encoding: "utf8" }))?.[0] ?? "").replace(/\s+/g, " ");
      } catch {
        return "unavailable";
      }
    })(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}
