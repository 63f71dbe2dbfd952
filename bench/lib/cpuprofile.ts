// Summarises a V8 .cpuprofile (from `node --cpu-prof` or the inspector's Profiler): the frames with
// the most self time, the frames with the most inclusive time (each sample counted once per frame,
// however often the frame recurs on its stack), and self time by package. Usable on its own:
// `npx tsx bench/lib/cpuprofile.ts <file.cpuprofile> [top]`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface FrameTime {
  frame: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  self: FrameTime[];
  inclusive: FrameTime[];
  packages: FrameTime[];
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where a frame's code lives, short: a package's file, a project file, or Node's own. */
function shortUrl(url: string): string {
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  const inModules = file.lastIndexOf("node_modules/");
  if (inModules >= 0) return file.slice(inModules + "node_modules/".length);
  if (file.startsWith(projectRoot)) return file.slice(projectRoot.length + 1);
  return file;
}

/** The package (or part of the program) a frame belongs to, for self time by package. */
function packageOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const short = shortUrl(url);
  if (short !== url && !short.startsWith("src/") && !short.startsWith("bench/") && !short.startsWith("node:")) {
    const parts = short.split("/");
    return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? short);
  }
  if (short.startsWith("node:")) return "node";
  if (short.startsWith("src/")) return `idgraph ${short.split("/").slice(0, 2).join("/")}`;
  return short;
}

const frameName = (frame: CallFrame): string =>
  frame.url === ""
    ? frame.functionName || "(anonymous)"
    : `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;

/** exclude: samples with a frame whose name matches are left out (e.g. the code that stops the profiler). */
export function summariseProfile(profile: CpuProfile, top = 15, exclude?: (frame: string) => boolean): ProfileSummary {
  const selfMicros = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (!node) continue;
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && frame.functionName !== "(root)") stack.push(frameName(frame));
    }
    if (exclude && stack.some(exclude)) continue;
    total += micros;
    const name = frameName(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + micros);
    const pkg = packageOf(node.callFrame.url, node.callFrame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    for (const frame of new Set(stack)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + micros);
  }
  const ranked = (times: Map<string, number>): FrameTime[] =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, micros]) => ({ frame, ms: Math.round(micros / 1000), percent: Math.round((micros / total) * 1000) / 10 }));
  return { totalMs: Math.round(total / 1000), self: ranked(self), inclusive: ranked(inclusive), packages: ranked(packages) };
}

export function printProfileSummary(summary: ProfileSummary, print: (line: string) => void = console.log): void {
  const lines = (title: string, rows: FrameTime[]): void => {
    print(title);
    for (const row of rows) print(`  ${String(row.percent).padStart(5)} %  ${String(row.ms).padStart(6)} ms  ${row.frame}`);
  };
  print(`CPU profile: ${summary.totalMs} ms of samples`);
  lines("self time by package:", summary.packages);
  lines("top self time:", summary.self);
  lines("top inclusive time:", summary.inclusive);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("usage: npx tsx bench/lib/cpuprofile.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  printProfileSummary(summariseProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(top ?? 15)));
}
