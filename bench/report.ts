// Writes docs/BENCHMARKS.md (machine, method, numbers) and docs/bench-scale.svg (the scale curve)
// from one full run. The analysis between the markers is kept across runs: it is written by people.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type GraphCounts, totalOf } from "./lib/graph-counts.js";
import { markdownTable } from "./lib/table.js";
import type { BenchResult, SizeResult } from "./results.js";

const ANALYSIS_START = "<!-- analysis:start -->";
const ANALYSIS_END = "<!-- analysis:end -->";

const fmt = (value: number | undefined | null, digits = 0): string =>
  value === undefined || value === null || Number.isNaN(value)
    ? "–"
    : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (value: number | undefined): string => fmt(value, 1);
const profilesLabel = (profiles: number): string =>
  profiles >= 1_000_000 ? `${profiles / 1_000_000}M` : profiles >= 1000 ? `${profiles / 1000}k` : String(profiles);

interface Target {
  figure: string;
  target: string;
  measured: string;
  met: boolean | undefined;
  by: string;
}

function targets(result: BenchResult): Target[] {
  const largest = result.sizes.at(-1) as SizeResult;
  const ingest = Math.min(...result.sizes.map((s) => s.ingest.perSec));
  const ratio = Math.min(...result.sizes.map((s) => s.ceiling.ratio));
  const p99 = largest.reads.latency.p99Ms;
  const readRatio = largest.readRatio;
  const p50One = largest.readsOne?.latency.p50Ms;
  const inProcess = largest.reader?.oneStatement.perSec;
  const httpShare = inProcess === undefined ? undefined : largest.reads.perSec / inProcess;
  const steady = largest.steady;
  const reset = result.admin?.reset?.p50Ms;
  const unmerge = result.admin?.unmerge?.p50Ms;
  const hotKey = steady?.hotKey;
  const growth = result.growth;
  const short = (measured: number, wanted: number, higherIsBetter: boolean): string =>
    higherIsBetter
      ? measured >= wanted
        ? "met"
        : `${fmt(wanted / measured, 1)}× below the target`
      : measured <= wanted
        ? "met"
        : `${fmt(measured / wanted, 1)}× over the target`;
  const row = (
    figure: string,
    target: string,
    measured: number | undefined,
    wanted: number,
    higher: boolean,
    unit: string,
    digits = 0,
  ): Target =>
    measured === undefined
      ? { figure, target, measured: "not measured", met: undefined, by: "–" }
      : {
          figure,
          target,
          measured: `${fmt(measured, digits)}${unit}`,
          met: higher ? measured >= wanted : measured <= wanted,
          by: short(measured, wanted, higher),
        };
  const at = profilesLabel(largest.profiles);
  const clients = result.settings["readClients"];
  return [
    row(`churn ingest / its ceiling, ${ceilingGraph(result)} (lowest over sizes)`, "≥ 0.5", ratio, 0.5, true, "", 2),
    row(`steady traffic / its ceiling at ${at}`, "≥ 0.5", steady?.ratio, 0.5, true, "", 2),
    row(`steady traffic through resolveBatch at ${at}`, "≥ 10,000 obs/s", steady?.perSec, 10_000, true, " obs/s"),
    row(`ordinary traffic's rate beside a hot device / without it, at ${at}`, "≥ 0.8", hotKey?.rateRatio, 0.8, true, "", 2),
    row(`ordinary traffic's batch p99 beside a hot device / without it, at ${at}`, "≤ 1.2", hotKey?.p99Ratio, 1.2, false, "", 2),
    row("nodes left per repeat event once the windows passed (growth)", "≤ 0.01", growth?.steadyNodesPerEvent, 0.01, false, "", 4),
    row("store on disk on the growth's last day / on day 7", "≤ 1.2", growth?.sizeRatioLastToDay7 ?? undefined, 1.2, false, "", 3),
    row(`steady traffic with identify calls repeating traits / plain steady at ${at}`, "≥ 0.9", steady?.traits?.ratio, 0.9, true, "", 2),
    row(
      `a known user's event changing a trait / one leaving a receipt, store time each, at ${at}`,
      "≤ 1",
      steady?.traits ? steady.traits.store.receiptPerSec / steady.traits.store.traitPerSec : undefined,
      1,
      false,
      "",
      2,
    ),
    row(`profileByDevice / { __typename } throughput at ${at}, ${clients} clients`, "≥ 0.35", readRatio, 0.35, true, "", 2),
    row(`profileByDevice p99 at ${at}, ${clients} clients`, "≤ 40 ms", p99, 40, false, " ms", 1),
    row(`profileByDevice p50 at ${at}, one client`, "≤ 1.5 ms", p50One, 1.5, false, " ms", 2),
    row(`profileByDevice over HTTP / the same read in-process at ${at}`, "≥ 0.8", httpShare, 0.8, true, "", 2),
    row("churn ingest through resolveBatch (lowest over sizes)", "≥ 10,000 obs/s", ingest, 10_000, true, " obs/s"),
    row("resetIdentities of a 50-device profile (p50)", "≤ 100 ms", reset, 100, false, " ms", 1),
    row("unmerge on a 50-device profile (p50)", "≤ 100 ms", unmerge, 100, false, " ms", 1),
  ];
}

function steadyTable(result: BenchResult): string {
  const head = [
    "profiles",
    "steady obs",
    "steady HTTP obs/s",
    "ceiling obs/s",
    "steady / ceiling",
    "store, fast path obs/s",
    "store, whole profiles obs/s",
    "fast / whole",
    "read/s 1 client",
    "p50 ms 1 client",
    "load (steady / ceiling / store)",
  ];
  const rows = result.sizes.flatMap((s) => {
    const steady = s.steady;
    if (!steady) return [];
    const store = steady.store;
    return [
      [
        profilesLabel(s.profiles),
        fmt(steady.observations),
        `**${fmt(steady.perSec)}**`,
        fmt(steady.ceiling.perSec),
        `**${fmt(steady.ratio, 2)}**`,
        fmt(store?.fastPerSec),
        fmt(store?.wholePerSec),
        store ? fmt(store.fastPerSec / store.wholePerSec, 2) : "–",
        fmt(s.readsOne?.perSec),
        s.readsOne ? fmt(s.readsOne.latency.p50Ms, 2) : "–",
        `${fmt(steady.load, 1)} / ${fmt(steady.ceiling.load, 1)} / ${fmt(store?.load, 1)}`,
      ],
    ];
  });
  return markdownTable(head, rows);
}

function traitsTable(result: BenchResult): string {
  const head = [
    "profiles",
    "identify share",
    "steady with identifies obs/s",
    "/ plain steady",
    "store plain obs/s",
    "with a receipt obs/s",
    "changing a trait obs/s",
    "a receipt adds ms",
    "a changed trait adds ms",
    "load (HTTP / store)",
  ];
  const rows = result.sizes.flatMap((s) => {
    const traits = s.steady?.traits;
    if (!traits) return [];
    return [
      [
        profilesLabel(s.profiles),
        fmt(traits.identifyShare, 2),
        `**${fmt(traits.perSec)}**`,
        `**${fmt(traits.ratio, 2)}**`,
        fmt(traits.store.plainPerSec),
        fmt(traits.store.receiptPerSec),
        fmt(traits.store.traitPerSec),
        fmt(traits.store.receiptMs, 3),
        fmt(traits.store.traitMs, 3),
        `${fmt(traits.load, 1)} / ${fmt(traits.store.load, 1)}`,
      ],
    ];
  });
  return markdownTable(head, rows);
}

function hotKeyTable(result: BenchResult): string {
  const head = [
    "profiles",
    "alone obs/s",
    "p99 ms",
    "beside the hot device obs/s",
    "p99 ms",
    "hot device obs/s",
    "rate ×",
    "p99 ×",
    "load",
  ];
  const rows = result.sizes.flatMap((s) => {
    const hot = s.steady?.hotKey;
    if (!hot) return [];
    return [
      [
        profilesLabel(s.profiles),
        fmt(hot.without.perSec),
        fmt(hot.without.p99Ms),
        fmt(hot.with.perSec),
        fmt(hot.with.p99Ms),
        fmt(hot.with.hotPerSec),
        `**${fmt(hot.rateRatio, 2)}**`,
        `**${fmt(hot.p99Ratio, 2)}**`,
        fmt(hot.load, 1),
      ],
    ];
  });
  return rows.length === 0
    ? ""
    : `Ordinary traffic through the store beside a hot device, against the same traffic alone:\n\n${markdownTable(head, rows)}`;
}

function growthMethod(result: BenchResult): string {
  const growth = result.growth;
  if (!growth) return "- **Growth**: not measured in this run.";
  const { people, days, eventsPerPersonPerDay, dedupWindow } = growth.settings;
  return (
    `- **Growth** (bench/growth.ts): ${fmt(people)} people log in on their devices, then ${days} simulated days of ordinary traffic, about ${eventsPerPersonPerDay} events a person a day ` +
    "(timestamps spread over each day, arriving in order; 70 % from known devices with the user id linked, the rest anonymous), through the store in-process. " +
    `Each day ends with the space's nodes and relationships and the size on disk of the whole database directory. The dedup window is shortened to ${dedupWindow} of real time (about a simulated day) and the retention work runs every second; ` +
    "the late window is the rules' own 7 days of the events' time. The bench's Neo4j checkpoints every 30 s, so deleted records are reused within the run as a server's would be within weeks. " +
    "Nodes and bytes per event once the windows passed are the slope of a least-squares line through days 8 to the last against the events sent."
  );
}

function growthSection(result: BenchResult): string[] {
  const growth = result.growth;
  if (!growth) return [];
  const mib = (bytes: number | null): string => (bytes === null ? "–" : fmt(bytes / 1_048_576));
  const shown = growth.days.filter((day) => day.day <= 2 || day.day % 7 === 0 || day.day === 8 || day.day === growth.days.length);
  const rows = shown.map((day) => [
    String(day.day),
    fmt(day.totalEvents),
    fmt(day.perSec),
    fmt(day.nodes),
    fmt(day.relationships),
    fmt(day.labels["Message"]),
    fmt(day.labels["Mark"]),
    mib(day.storeBytes),
    fmt(day.load, 1),
  ]);
  return [
    `Growth: after ${fmt(growth.settings.people)} people logged in, ${fmt(growth.people.nodes)} nodes and ${fmt(growth.people.relationships)} relationships (store ${mib(growth.people.storeBytes)} MiB); then each simulated day:`,
    "",
    markdownTable(["day", "events so far", "obs/s", "nodes", "relationships", "Message (receipts)", "Mark", "store MiB", "load"], rows),
    "",
    `Once the windows passed: **${fmt(growth.steadyNodesPerEvent, 4)} nodes** and **${fmt(growth.growthBytesPerEvent, 1)} bytes** on disk per event; the store on the last day **${fmt(growth.sizeRatioLastToDay7, 3)}×** day 7's.`,
    "",
  ];
}

/** A small two-axis line chart: ingest rate (left axis) and read p99 (right axis) against profiles (log scale). */
export function scaleChart(result: BenchResult): string {
  const width = 720;
  const height = 440;
  const margin = { left: 80, right: 80, top: 96, bottom: 60 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const sizes = result.sizes;
  const xs = sizes.map((s) => Math.log10(s.profiles));
  const xMin = Math.min(...xs) - 0.15;
  const xMax = Math.max(...xs) + 0.15;
  const niceMax = (value: number): number => {
    const magnitude = 10 ** Math.floor(Math.log10(Math.max(value, 1e-9)));
    return Math.ceil((value * 1.15) / magnitude) * magnitude;
  };
  const ingestMax = niceMax(Math.max(...sizes.flatMap((s) => [s.ingest.perSec, s.ceiling.perSec])));
  const p99Max = niceMax(Math.max(...sizes.map((s) => s.reads.latency.p99Ms)));
  const x = (profiles: number): number => margin.left + ((Math.log10(profiles) - xMin) / (xMax - xMin)) * plotWidth;
  const yLeft = (value: number): number => margin.top + plotHeight - (value / ingestMax) * plotHeight;
  const yRight = (value: number): number => margin.top + plotHeight - (value / p99Max) * plotHeight;
  const line = (points: Array<[number, number]>, colour: string, dashed = false): string =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2.5"${dashed ? ' stroke-dasharray="6 4"' : ""} points="${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(" ")}"/>` +
    points.map(([px, py]) => `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="4" fill="${colour}"/>`).join("");
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">idgraph at scale: ingest rate and profileByDevice p99</text>`,
  );
  for (const t of ticks) {
    const y = margin.top + plotHeight - t * plotHeight;
    parts.push(`<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${y + 4}" text-anchor="end" fill="#1f77b4">${fmt(t * ingestMax)}</text>`);
    parts.push(`<text x="${margin.left + plotWidth + 8}" y="${y + 4}" fill="#d62728">${fmt(t * p99Max, 1)}</text>`);
  }
  for (const s of sizes) {
    parts.push(`<text x="${x(s.profiles)}" y="${margin.top + plotHeight + 20}" text-anchor="middle">${profilesLabel(s.profiles)}</text>`);
  }
  parts.push(`<text x="${margin.left + plotWidth / 2}" y="${height - 18}" text-anchor="middle">profiles (log scale)</text>`);
  parts.push(
    `<text transform="translate(20 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="#1f77b4">observations / s</text>`,
  );
  parts.push(
    `<text transform="translate(${width - 18} ${margin.top + plotHeight / 2}) rotate(90)" text-anchor="middle" fill="#d62728">read p99 (ms)</text>`,
  );
  parts.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`);
  parts.push(
    line(
      sizes.map((s) => [x(s.profiles), yLeft(s.ceiling.perSec)]),
      "#9ecae1",
      true,
    ),
  );
  parts.push(
    line(
      sizes.map((s) => [x(s.profiles), yLeft(s.ingest.perSec)]),
      "#1f77b4",
    ),
  );
  parts.push(
    line(
      sizes.map((s) => [x(s.profiles), yRight(s.reads.latency.p99Ms)]),
      "#d62728",
    ),
  );
  const legend = [
    ["#1f77b4", "ingest through resolveBatch (obs/s)", false],
    ["#9ecae1", `ceiling: ${ceilingGraph(result)} by UNWIND … CREATE (obs/s equivalent)`, true],
    ["#d62728", `profileByDevice p99, ${result.settings["readClients"]} clients (ms)`, false],
  ] as const;
  legend.forEach(([colour, label, dashed], i) => {
    const y = 46 + i * 16;
    parts.push(
      `<line x1="${margin.left + 10}" x2="${margin.left + 34}" y1="${y - 4}" y2="${y - 4}" stroke="${colour}" stroke-width="2.5"${dashed ? ' stroke-dasharray="6 4"' : ""}/>`,
    );
    parts.push(`<text x="${margin.left + 40}" y="${y}">${label}</text>`);
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

function sizeTable(result: BenchResult): string {
  const head = [
    "profiles",
    "observations",
    "nodes",
    "relationships",
    "ingest HTTP obs/s",
    "store obs/s",
    "ceiling obs/s",
    "ingest / ceiling",
    "read/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "floor/s",
    "read / floor",
    "Node peak MiB",
    "Neo4j peak MiB",
    "load (ingest / reads)",
  ];
  const rows = result.sizes.map((s) => [
    profilesLabel(s.profiles),
    fmt(s.ingest.observations),
    fmt(totalOf(s.counts.nodes)),
    fmt(totalOf(s.counts.relationships)),
    `**${fmt(s.ingest.perSec)}**`,
    fmt(s.store?.perSec),
    fmt(s.ceiling.perSec),
    `**${fmt(s.ceiling.ratio, 2)}**`,
    fmt(s.reads.perSec),
    ms(s.reads.latency.p50Ms),
    ms(s.reads.latency.p95Ms),
    `**${ms(s.reads.latency.p99Ms)}**`,
    fmt(s.floor.perSec),
    `**${fmt(s.readRatio, 2)}**`,
    fmt(s.memory.nodeMaxRssMiB),
    fmt(s.memory.neo4jPeakRssMiB),
    `${fmt(s.ingest.load, 1)} / ${fmt(s.reads.load, 1)}`,
  ]);
  return markdownTable(head, rows);
}

function readerTable(result: BenchResult): string {
  const head = ["profiles", "two statements /s", "p50 ms", "p99 ms", "one statement /s", "p50 ms", "p99 ms", "load"];
  const rows = result.sizes.flatMap((s) =>
    s.reader
      ? [
          [
            profilesLabel(s.profiles),
            fmt(s.reader.twoStatements.perSec),
            ms(s.reader.twoStatements.latency.p50Ms),
            ms(s.reader.twoStatements.latency.p99Ms),
            fmt(s.reader.oneStatement.perSec),
            ms(s.reader.oneStatement.latency.p50Ms),
            ms(s.reader.oneStatement.latency.p99Ms),
            fmt(s.reader.load, 1),
          ],
        ]
      : [],
  );
  return markdownTable(head, rows);
}

/** Each size's label by the graph its churn ceiling wrote: the one the rules require, or (not counted there) the ingest's. */
const ceilingSizes = (result: BenchResult): { byRules: string[]; byIngest: string[] } => ({
  byRules: result.sizes.filter((s) => s.ceiling.of === "rules").map((s) => profilesLabel(s.profiles)),
  byIngest: result.sizes.filter((s) => s.ceiling.of !== "rules").map((s) => profilesLabel(s.profiles)),
});

/** Which graph the churn ceilings wrote, in a few words. */
const ceilingGraph = (result: BenchResult): string => {
  const { byRules, byIngest } = ceilingSizes(result);
  return byIngest.length === 0
    ? "the graph the rules require"
    : byRules.length === 0
      ? "the graph the ingest wrote"
      : "the graph the rules require (or the ingest wrote)";
};

/** What the churn ceiling wrote at each size: the graph the rules require where it was counted, else the ingest's. */
function ceilingMethod(result: BenchResult): string {
  const { byRules, byIngest } = ceilingSizes(result);
  const graph =
    byRules.length === 0
      ? "the node and relationship counts the ingest produced"
      : "the identity graph the rules require of the workload: every batch decided by the rules themselves (src/rules) on one in-memory snapshot holding everything, " +
        "in the workload's order, and what their plans write counted as the store stores it (bench/lib/required-graph.ts; the graph table sets it under the ingest's)" +
        (byIngest.length > 0
          ? `; at ${byIngest.join(", ")}, where that replay would not fit in memory (about 16 KB a person), the counts the ingest produced`
          : "");
  return (
    `- **Ceiling**: ${graph}, per label and type with properties of the same shape, written by plain batched \`UNWIND … CREATE\` ` +
    `(${result.settings["ceilingBatch"]} rows a transaction, ${result.settings["ceilingConcurrency"]} at a time; relationship ends found by the same unique-index seeks) into a fresh space. ` +
    "`ceiling obs/s` = observations ÷ ceiling seconds: how fast Neo4j alone could have written that graph."
  );
}

function graphTable(result: BenchResult): string {
  const labels = Object.keys(result.sizes[0]?.counts.nodes ?? {});
  const types = Object.keys(result.sizes[0]?.counts.relationships ?? {});
  const head = ["profiles", ...labels, ...types.map((t) => `:${t}`)];
  const countsRow = (label: string, counts: GraphCounts): string[] => [
    label,
    ...labels.map((l) => fmt(counts.nodes[l])),
    ...types.map((t) => fmt(counts.relationships[t])),
  ];
  // Each size's ingest, and under it the graph the rules require of the same workload where it was counted.
  const rows = result.sizes.flatMap((s) => [
    countsRow(profilesLabel(s.profiles), s.counts),
    ...(s.required ? [countsRow(`${profilesLabel(s.profiles)}, the rules' graph`, s.required)] : []),
  ]);
  return markdownTable(head, rows);
}

/** `free -g`'s "Mem:" line with its column names. */
const freeLine = (line: string): string => {
  const values = line.replace(/^Mem:\s*/, "").split(/\s+/);
  const names = ["total", "used", "free", "shared", "buff/cache", "available"];
  return values.length === names.length ? `${names.map((name, i) => `${name} ${values[i]}`).join(", ")} GiB` : line || "–";
};

/** Which run measured what: one run, or one run and the sizes others measured on their own (joinRuns). */
function provenance(result: BenchResult): string {
  const base = `Measured by \`npm run bench\` (bench/run.ts) on ${result.startedAt.slice(0, 10)}, run \`${result.runId}\``;
  const joined = result.sizes.filter((size) => size.run !== undefined);
  if (joined.length === 0) return `${base}; every figure below comes from that one run on one Neo4j.`;
  const others = joined.map((size) => {
    const run = size.run as NonNullable<SizeResult["run"]>;
    return `the ${profilesLabel(size.profiles)} size by run \`${run.runId}\` on ${run.startedAt.slice(0, 10)} (${run.startedAt.slice(11, 16)}–${run.finishedAt?.slice(11, 16) ?? "?"} UTC), on its own, with the same settings on the same machine`;
  });
  return (
    `${base}, except ${others.join("; ")}. ` +
    "Within each run every figure comes from one Neo4j; ratios (to a ceiling, with against without) are only ever taken within one run."
  );
}

export function renderReport(result: BenchResult, analysis: string): string {
  const m = result.machine;
  const admin = result.admin;
  const workload = result.workload[String(result.sizes.at(-1)?.profiles)] as Record<string, number> | undefined;
  const lines = [
    "# Benchmarks",
    "",
    provenance(result),
    "`npm run bench -- --quick` measures the same figures at 10k profiles in under 3 minutes and prints them (it does not rewrite this page).",
    "",
    "## Machine",
    "",
    "| | |",
    "| --- | --- |",
    `| CPU | ${m["cpuModel"]}, ${m["cpus"]} cores (\`nproc\`) |`,
    `| memory | ${m["memoryGiB"]} GiB (\`free -g\` at the start: ${freeLine(String(m["freeG"] ?? ""))}) |`,
    `| OS | ${m["os"]} |`,
    `| Node | ${m["node"]} |`,
    `| Neo4j | ${m["neo4j"]} (${m["neo4jSource"]}) |`,
    `| concurrent work | the machine was shared with other jobs; the 1-minute load average is given with every figure (a load of 2 means both cores busy) |`,
    "",
    "## Method",
    "",
    "- **Workload** (bench/lib/workload.ts, seeded, deterministic): people with 1–5 devices (40/30/15/10/5 %), 0–2 anonymous events per device before login, " +
      "logins with user_id (plus email for 60 %, phone for 20 %), 15 % of devices never logged in, half of the devices return later (anonymous, half of them log in again), " +
      '5 % of people log in on someone else\'s device (a third person on 30 % of those), 5 % server-side calls without a device, 0.5 % placeholder user ids ("null", "0"…), ' +
      "0.5 % logins carrying another person's email (conflicts), 0.5 % messages re-sent with their messageId; every observation has a messageId and a timestamp. " +
      'Activity is interleaved across people in arrival order. "Profiles" below is the number of people.',
    `- **Ingest**: the workload through \`resolveBatch\` over HTTP, batches of ${result.settings["batchSize"]}, ${result.settings["clients"]} concurrent clients; ` +
      "the load generator is a separate Node process (undici), so it does not share the server's event loop. Each size goes into a fresh space.",
    "- **Store**: the same workload straight into the store (`IdentityService.resolveBatch`, no HTTP or GraphQL), same batches and clients, into its own fresh space (sizes up to " +
      `${fmt(Number(result.settings["storeMax"]))}).`,
    ceilingMethod(result),
    `- **Steady traffic** (bench/lib/steady-workload.ts, seeded): after each size's churn ingest, ${fmt(Number(result.settings["steadyObservations"] ?? 0))} observations through \`resolveBatch\` over HTTP, same batches and clients, on that graph: ` +
      "about 95 % events from the churn workload's devices (a uniform sample of 100,000), each carrying what is linked on it (its user id when someone logged in there, else nothing), " +
      "and 5 % logins of known users on new devices (2 %), anonymous visits from new devices (1.5 %) and sign-ups (1.5 %); each with a new messageId, stamped after everything before. " +
      "Its **ceiling** is the least work the rules require of the same traffic (other messageIds), done the fastest way Neo4j allows (bench/ceiling.ts): one batched `UNWIND … MATCH` statement per batch " +
      "looking up each observation's device, the latest piece of its timeline and its user id's profile id, and writing the device's `lastSeenAt` and arrival count (rule 3) and the receipt, which is also an identified event's timeline mark (rules 8 and 10); " +
      "a new device gets its profile id, current link and first stretch, a login on it its user id. Batches are sorted by device and disjoint (each client owns the devices that hash to it), so no two transactions wait on one device. " +
      `The **store** columns send ${fmt(Number(result.settings["steadyStoreObservations"] ?? 0))} more observations of it straight into the store, with the fast path and with \`wholeProfiles\` (every profile a batch touches loaded whole, as before it).`,
    "- **Hot key** (bench/hot-key.ts): 30,000 more observations of the steady traffic through the store twice, alone and beside one device sending " +
      `${fmt(result.sizes.at(-1)?.steady?.hotKey?.hotTarget)} observations a second in batches of 20 (a kiosk, a test device, a placeholder id): the ordinary traffic's rate and its batches' p99 with the hot device against without it.`,
    growthMethod(result),
    `- **Reads**: \`profileByDevice\` (id, ids, identifiers, devices, createdAt) for random devices of the workload, ${result.settings["readClients"]} concurrent clients in a closed loop, ` +
      `${result.settings["readSeconds"]} s after a warm-up; latency is measured by the client. The **floor** is \`{ __typename }\` on the same server at the same concurrency: ` +
      "GraphQL over HTTP with no Neo4j behind it. `read / floor` is the ratio of their throughputs.",
    `- **Admin**: one person logging in on 50 devices (the default device cap), then \`resetIdentities\` of the profile; and on another such profile \`unmerge\` of one \`IDENTIFIER_LINKED\` entry; ${admin?.available ? `${admin.reset?.count ?? 0} times each` : "not measured in this run"}, through the API.`,
    "- **Memory**: peak resident set (VmHWM) of the Node process that serves idgraph (the load generator is another process) and of the Neo4j JVM " +
      "(heap 3g, page cache 6g for the full run).",
    "",
    "## Targets",
    "",
    "| figure | target | measured | |",
    "| --- | --- | --- | --- |",
    ...targets(result).map(
      (t) => `| ${t.figure} | ${t.target} | ${t.measured} | ${t.met === undefined ? "–" : t.met ? "✅ met" : `❌ ${t.by}`} |`,
    ),
    "",
    "## Results",
    "",
    sizeTable(result),
    "",
    `![ingest rate and read p99 at ${result.sizes.map((size) => profilesLabel(size.profiles)).join(", ")} profiles](bench-scale.svg)`,
    "",
    "Steady traffic on the graph each size's churn ingest built, its ceiling, the same traffic through the store in-process with the fast path and with every profile loaded whole, and reads from one client:",
    "",
    steadyTable(result),
    "",
    "Traits (rule 11): the steady traffic again with a share of known users' events as identify calls repeating their traits (set beforehand), and known users' events through the store in-process plain, each with a receipt, each changing a trait:",
    "",
    traitsTable(result),
    "",
    hotKeyTable(result),
    "",
    ...growthSection(result),
    "Reads without HTTP or GraphQL (the store's reader in the server process, same concurrency, devices of the space): the path `profileByDevice` took in this run " +
      "(the device's root, then the profile: two transactions) against one statement for both (`ProfileReader.profileByDevice`), which it takes since:",
    "",
    readerTable(result),
    "",
    "Graph written at each size (nodes per label, relationships per type):",
    "",
    graphTable(result),
    "",
    workload
      ? `Workload at the largest size: ${Object.entries(workload)
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(", ")}.`
      : "",
    "",
    admin?.available
      ? `Admin on a 50-device profile: \`resetIdentities\` p50 ${ms(admin.reset?.p50Ms)} ms (max ${ms(admin.reset?.maxMs)}), \`unmerge\` p50 ${ms(admin.unmerge?.p50Ms)} ms (max ${ms(admin.unmerge?.maxMs)}), ${admin.reset?.count} runs each.`
      : `Admin: not measured (${admin?.note ?? "not run"}).`,
    "",
    "Last line of the run:",
    "",
    "```json",
    JSON.stringify(result.summary),
    "```",
    "",
    "## What bounds the figures",
    "",
    ANALYSIS_START,
    analysis.trim() === "" ? "_Analysis to be written._" : analysis.trim(),
    ANALYSIS_END,
    "",
  ];
  return lines.join("\n");
}

export function writeReport(result: BenchResult, projectRoot: string): string[] {
  const docs = path.join(projectRoot, "docs");
  mkdirSync(docs, { recursive: true });
  const reportPath = path.join(docs, "BENCHMARKS.md");
  let analysis = "";
  if (existsSync(reportPath)) {
    const previous = readFileSync(reportPath, "utf8");
    const start = previous.indexOf(ANALYSIS_START);
    const end = previous.indexOf(ANALYSIS_END);
    if (start >= 0 && end > start) analysis = previous.slice(start + ANALYSIS_START.length, end);
  }
  const chartPath = path.join(docs, "bench-scale.svg");
  writeFileSync(chartPath, scaleChart(result));
  writeFileSync(reportPath, renderReport(result, analysis));
  return [path.relative(projectRoot, reportPath), path.relative(projectRoot, chartPath)];
}
