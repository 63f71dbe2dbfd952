// Writes a generated Segment export (NDJSON, one message a line, gzip when the name ends in .gz)
// for trying `idgraph import`: people with one to three devices, anonymous activity before they
// identify, later events by userId, an email trait on identify, and every tenth line without a
// messageId (the importer derives one). Deterministic for a seed.
//   npx tsx bench/segment-export.ts /tmp/segment-100k.ndjson.gz --lines 100000 [--seed 1]
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { seededRandom } from "../test/support/seeded-random.js";

export function* segmentExportLines(count: number, seed = 1, prefix = "gen"): Generator<string> {
  const next = seededRandom(seed);
  const start = Date.parse("2026-06-01T00:00:00Z");
  let person = 0;
  let line = 0;
  while (line < count) {
    person += 1;
    const userId = `${prefix}-user-${person}`;
    const devices = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, d) => `${prefix}-anon-${person}-${d}`);
    // Anonymous events, the identify, then events as the user: about 8 lines a person.
    const script: Array<Record<string, unknown>> = [];
    for (const anonymousId of devices) {
      for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) script.push({ type: "page", anonymousId, name: "Home" });
      script.push({ type: "identify", anonymousId, userId, traits: { email: `${userId}@example.com`, plan: "free" } });
      for (let i = 0, n = Math.floor(next() * 3); i < n; i++) script.push({ type: "track", anonymousId, userId, event: "Order Completed" });
    }
    for (const message of script) {
      if (line >= count) return;
      line += 1;
      const at = new Date(start + line * 1000).toISOString();
      const withId = line % 10 === 0 ? {} : { messageId: `${prefix}-msg-${line}` };
      yield JSON.stringify({ ...message, ...withId, timestamp: at, sentAt: at, context: { library: { name: "analytics-node" } } });
    }
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      lines: { type: "string", default: "100000" },
      seed: { type: "string", default: "1" },
      prefix: { type: "string", default: "gen" },
    },
  });
  const path = positionals[0];
  if (path === undefined) throw new Error("usage: tsx bench/segment-export.ts OUT.ndjson[.gz] [--lines N] [--seed S] [--prefix P]");
  const file = createWriteStream(path);
  const gzip = path.endsWith(".gz") ? createGzip() : undefined;
  if (gzip) gzip.pipe(file);
  const sink = gzip ?? file;
  for (const text of segmentExportLines(Number(values.lines), Number(values.seed), values.prefix)) {
    if (!sink.write(`${text}\n`)) await new Promise<void>((resolve) => sink.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => {
    file.once("finish", () => resolve());
    sink.end();
  });
  process.stderr.write(`wrote ${values.lines} lines to ${path}\n`);
}

if (process.argv[1]?.endsWith("segment-export.ts")) void main();
