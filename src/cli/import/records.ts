// Reads an import file as numbered records: NDJSON lines, or CSV rows (csv-parse, which handles
// quoted fields over several lines). Gzip is recognised by its magic bytes, not by the name.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";

export interface FileRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  /** The record's text as in the file: a JSON line, or a CSV row. */
  text: string;
  /** CSV only: the row's fields. */
  fields?: string[];
}

export interface OpenedFile {
  path: string;
  size: number;
  gzip: boolean;
  /** Bytes of the file read so far (compressed bytes for a gzip file): the progress bar's measure. */
  bytesRead(): number;
  /** The SHA-256 of the file's content (hex): the name its import checkpoint goes by, whatever the file is called. */
  digest(): Promise<string>;
  records(): AsyncGenerator<FileRecord>;
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export const isCsvPath = (path: string): boolean => /\.csv(\.gz)?$/i.test(path);

export async function openImportFile(path: string, csv: boolean): Promise<OpenedFile> {
  const size = (await stat(path)).size;
  const gzip = await isGzip(path);
  let read = 0;
  const textStream = (): Readable => {
    const raw = createReadStream(path);
    raw.on("data", (chunk) => {
      read += chunk.length;
    });
    return gzip ? raw.pipe(createGunzip()) : raw;
  };
  return {
    path,
    size,
    gzip,
    bytesRead: () => read,
    digest: async () => {
      const hash = createHash("sha256");
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
      return hash.digest("hex");
    },
    records: csv ? () => csvRecords(textStream()) : () => ndjsonRecords(textStream()),
  };
}

async function* ndjsonRecords(stream: Readable): AsyncGenerator<FileRecord> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === "") continue;
    yield { line, text };
  }
}

async function* csvRecords(stream: Readable): AsyncGenerator<FileRecord> {
  const parser = stream.pipe(parse({ bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, trim: false }));
  for await (const row of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    // info.lines is the line the record ends on; a quoted field can span lines.
    const spanned = row.raw.replace(/\r?\n$/, "").split("\n").length;
    yield { line: row.info.lines - spanned + 1, text: row.raw.replace(/\r?\n$/, ""), fields: row.record };
  }
}

/**
 * The messageId of a record that carries none: the same line of the same content always gets the
 * same id, so a rerun of the file is recognised (a CSV row's id also covers its header).
 */
export function derivedMessageId(kind: "csv" | "ndjson", header: string, line: number, text: string): string {
  const digest = createHash("sha256").update(`${kind}\n${header}\n${line}\n${text}`).digest("hex");
  return `idgraph-import-${digest.slice(0, 40)}`;
}
