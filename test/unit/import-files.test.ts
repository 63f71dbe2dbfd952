// Import files are read as numbered records: NDJSON lines (gzip known by its bytes, whatever the
// name) and CSV rows, whose number is the line they start on even after a quoted multi-line field.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, expect, it } from "vitest";
import { derivedMessageId, type FileRecord, openImportFile } from "../../src/cli/import/records.js";

const dir = mkdtempSync(path.join(tmpdir(), "idgraph-records-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(name: string, content: string | Buffer, csv: boolean): Promise<FileRecord[]> {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  const records: FileRecord[] = [];
  for await (const record of (await openImportFile(file, csv)).records()) records.push(record);
  return records;
}

it("numbers NDJSON lines as in the file, skipping blank ones, plain or gzip under any name", async () => {
  const text = '{"a":1}\n\n{"b":2}\r\n{"c":3}';
  const plain = await read("events.ndjson", text, false);
  expect(plain.map((r) => [r.line, r.text])).toEqual([
    [1, '{"a":1}'],
    [3, '{"b":2}'],
    [4, '{"c":3}'],
  ]);
  expect(await read("events-without-gz-suffix.ndjson", gzipSync(text), false)).toEqual(plain);
});

it("numbers CSV rows by the line they start on, across quoted fields that span lines", async () => {
  const rows = await read("profiles.csv", 'Identity,Email,Note\nu1,a@x.com,"line one\nline two"\n,,nobody\nu2,b@x.com,x\n', true);
  expect(rows.map((r) => [r.line, r.fields])).toEqual([
    [1, ["Identity", "Email", "Note"]],
    [2, ["u1", "a@x.com", "line one\nline two"]],
    [4, ["", "", "nobody"]],
    [5, ["u2", "b@x.com", "x"]],
  ]);
});

it("derives the same messageId for the same line at the same place, and another elsewhere", () => {
  const id = derivedMessageId("ndjson", "", 7, '{"type":"track"}');
  expect(derivedMessageId("ndjson", "", 7, '{"type":"track"}')).toBe(id);
  expect(derivedMessageId("ndjson", "", 8, '{"type":"track"}')).not.toBe(id);
  expect(derivedMessageId("csv", "Identity,Email", 7, '{"type":"track"}')).not.toBe(id);
  expect(id.length).toBeLessThanOrEqual(256);
});
