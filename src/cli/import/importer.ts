// The import loop: records → batches → observations. Export lines are mapped by their vendor's
// module of src/ingest/ (the live SDK endpoints' mapping) once the batch's ids that may be user ids
// are looked up; CSV rows are profile uploads (csv-profiles.ts). Each batch is one transaction; a
// refused batch is retried line by line so only the bad line is refused. Every observation has a
// messageId (its own or one derived from the line), so a rerun skips what was applied.
import { ErrorCode, IdgraphError } from "../../errors.js";
import { emptyTally, type ResolutionTally, tallyResolutions } from "../../metrics/tally.js";
import { userIdsOf } from "../../ingest/mapping.js";
import type { ObservationInput } from "../../rules/model.js";
import type { IdentityRules } from "../../rules/rules-config.js";
import { csvColumns, csvHeaderProblem, csvRow, type ColumnRole } from "./csv-profiles.js";
import { exportCandidates, exportLineFormat, mapExportEvent } from "./detect.js";
import type { ExportFormat, ImportFormat, ObservationDraft } from "./draft.js";
import { derivedMessageId, isCsvPath, openImportFile, type OpenedFile } from "./records.js";
import type { ImportTarget } from "./target.js";

export interface RefusedLine {
  file: string;
  line: number;
  reason: string;
}

export interface ImportSummary extends ResolutionTally {
  files: number;
  lines: number;
  /** Observations applied by this run (answered and not repeats). */
  applied: number;
  /** Lines an earlier run had taken in (its checkpoint of the file, or a receipt of their messageId), or an earlier line with the same messageId. */
  alreadyApplied: number;
  /** Lines that carry no identity on purpose (a Segment `group` call). */
  skipped: number;
  refused: RefusedLine[];
  byFormat: Partial<Record<ImportFormat, number>>;
  interrupted: boolean;
  seconds: number;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  applied: number;
  alreadyApplied: number;
  refused: number;
}

export interface ImportOptions {
  files: readonly string[];
  /** Given with --format; detected per line (NDJSON) or by the .csv extension when absent. */
  format: ImportFormat | undefined;
  batchSize: number;
  /** The rules file's rules: identifier types (CSV column names), traitMapping and the rest of the SDK mapping. */
  rules: IdentityRules;
  target: ImportTarget;
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between batches: true stops after the batch in flight (Ctrl-C). */
  shouldStop?: () => boolean;
}

/** A line waiting for its batch: an export event to map, or a CSV row's observation. */
type Pending = { file: string; line: number; derivedId: string } & (
  | { format: ExportFormat; event: Record<string, unknown> }
  | { format: "csv"; draft: ObservationDraft }
);

interface Mapped {
  file: string;
  line: number;
  input: ObservationInput & { messageId: string };
}

export async function importFiles(options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const summary: ImportSummary = {
    ...emptyTally(),
    files: 0,
    lines: 0,
    applied: 0,
    alreadyApplied: 0,
    skipped: 0,
    refused: [],
    byFormat: {},
    interrupted: false,
    seconds: 0,
  };
  // User ids this import has named: a later distinct_id equal to one is that user.
  const importUsers = new Set<string>();
  let pending: Pending[] = [];
  let current: OpenedFile | undefined;
  let fileIndex = 0;
  // The current file's checkpoint: its digest, and the last line read (every line up to it is taken in once the batch is).
  let checkpoint = { file: "", lastLine: 0 };

  const report = (): void => {
    options.onProgress?.({
      file: current?.path ?? "",
      fileIndex,
      files: options.files.length,
      bytesRead: current?.bytesRead() ?? 0,
      bytesTotal: current?.size ?? 0,
      lines: summary.lines,
      applied: summary.applied,
      alreadyApplied: summary.alreadyApplied,
      refused: summary.refused.length,
    });
  };

  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) {
      if (checkpoint.lastLine > 0) await options.target.recordCheckpoint(checkpoint.file, current?.path ?? "", checkpoint.lastLine);
      return;
    }
    const mapped = await mapBatch(batch, importUsers, options, summary);
    const applied = await options.target.appliedMessageIds([...new Set(mapped.map((m) => m.input.messageId))]);
    const fresh = mapped.filter((m) => !applied.has(m.input.messageId));
    summary.alreadyApplied += mapped.length - fresh.length;
    if (fresh.length > 0) await applyBatch(fresh, options.target, summary);
    await options.target.recordCheckpoint(checkpoint.file, current?.path ?? "", checkpoint.lastLine);
    report();
  };

  for (const path of options.files) {
    fileIndex += 1;
    summary.files += 1;
    const csv = options.format === "csv" || (options.format === undefined && isCsvPath(path));
    current = await openImportFile(path, csv);
    const digest = await current.digest();
    // A rerun resumes after the lines an earlier run of this file took in, also once their receipts expired.
    const taken = await options.target.checkpoint(digest);
    checkpoint = { file: digest, lastLine: 0 };
    let columns: ColumnRole[] | undefined;
    let header = "";
    for await (const record of current.records()) {
      const skip = record.line <= taken && !(csv && columns === undefined);
      if (!skip) checkpoint.lastLine = record.line;
      // By the kind of file, not the detected format: --format must not change the ids of a rerun.
      const derivedId = (): string => derivedMessageId(csv ? "csv" : "ndjson", header, record.line, record.text);
      if (csv) {
        if (columns === undefined) {
          // The first row is the header.
          columns = csvColumns(record.fields ?? [], options.rules.typeOrder);
          header = record.text;
          const problem = csvHeaderProblem(columns);
          if (problem !== undefined) {
            summary.refused.push({ file: path, line: record.line, reason: problem });
            break;
          }
          continue;
        }
        summary.lines += 1;
        if (skip) {
          summary.alreadyApplied += 1;
          continue;
        }
        const outcome = csvRow(record.fields ?? [], columns);
        if (outcome.kind !== "observation") {
          summary.refused.push({ file: path, line: record.line, reason: outcome.reason });
          continue;
        }
        pending.push({ file: path, line: record.line, derivedId: derivedId(), format: "csv", draft: outcome.draft });
      } else {
        summary.lines += 1;
        if (skip) {
          summary.alreadyApplied += 1;
          continue;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(record.text);
        } catch {
          summary.refused.push({ file: path, line: record.line, reason: "malformed JSON" });
          continue;
        }
        const line = exportLineFormat(parsed, options.format as ExportFormat | undefined);
        if ("refused" in line) {
          summary.refused.push({ file: path, line: record.line, reason: line.refused });
          continue;
        }
        pending.push({ file: path, line: record.line, derivedId: derivedId(), format: line.format, event: line.event });
      }
      if (pending.length >= options.batchSize) {
        await flush();
        if (options.shouldStop?.()) {
          summary.interrupted = true;
          break;
        }
      }
    }
    if (summary.interrupted) break;
    await flush();
    if (options.shouldStop?.()) {
      summary.interrupted = fileIndex < options.files.length;
      if (summary.interrupted) break;
    }
  }
  summary.seconds = (Date.now() - started) / 1000;
  summary.refused.sort((a, b) => (a.file === b.file ? a.line - b.line : 0));
  return summary;
}

/**
 * A batch's lines → observations, in order: the ids whose role depends on it are looked up first
 * (user ids this import named need no lookup), then each export line is mapped by its vendor's
 * module, seeing the user ids the lines before it named. Refused and skipped lines are counted here.
 */
async function mapBatch(
  batch: readonly Pending[],
  importUsers: Set<string>,
  options: ImportOptions,
  summary: ImportSummary,
): Promise<Mapped[]> {
  const asked = [...new Set(batch.flatMap((p) => (p.format === "csv" ? p.draft.distinctIds : exportCandidates(p.format, p.event))))].filter(
    (id) => !importUsers.has(id),
  );
  const known = new Set([...importUsers, ...(asked.length === 0 ? [] : await options.target.knownUserIds(asked))]);
  const mapped: Mapped[] = [];
  for (const pending of batch) {
    let input: ObservationInput;
    if (pending.format === "csv") {
      const { draft } = pending;
      input = {
        messageId: draft.messageId,
        deviceId: draft.deviceId,
        identifiers: draft.identifiers,
        timestamp: draft.timestamp,
        event: draft.event,
        ...(draft.traits ? { traits: draft.traits } : {}),
      };
    } else {
      const outcome = mapExportEvent(pending.format, pending.event, known, options.rules);
      if (outcome.kind === "invalid") {
        summary.refused.push({ file: pending.file, line: pending.line, reason: outcome.message });
        continue;
      }
      if (outcome.kind === "skip") {
        summary.skipped += 1;
        continue;
      }
      input = outcome.input;
    }
    summary.byFormat[pending.format] = (summary.byFormat[pending.format] ?? 0) + 1;
    for (const id of userIdsOf(input)) {
      known.add(id);
      importUsers.add(id);
    }
    mapped.push({ file: pending.file, line: pending.line, input: { ...input, messageId: input.messageId ?? pending.derivedId } });
  }
  return mapped;
}

const isRefusal = (error: unknown): error is IdgraphError => error instanceof IdgraphError && error.code === ErrorCode.BAD_USER_INPUT;

async function applyBatch(batch: readonly Mapped[], target: ImportTarget, summary: ImportSummary): Promise<void> {
  const inputs = batch.map((m) => m.input);
  const count = (answers: Parameters<typeof tallyResolutions>[0]): void => {
    const before = summary.duplicates;
    tallyResolutions(answers, summary);
    const repeats = summary.duplicates - before;
    summary.applied += answers.length - repeats;
    summary.alreadyApplied += repeats;
  };
  try {
    count(await target.resolveBatch(inputs));
    return;
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
  // All-or-nothing refused the batch: apply its lines one by one, so only the bad one is refused.
  for (const [index, input] of inputs.entries()) {
    const { file, line } = batch[index] as Mapped;
    try {
      count(await target.resolveBatch([input]));
    } catch (error) {
      if (!isRefusal(error)) throw error;
      summary.refused.push({ file, line, reason: error.message.replace(/^inputs\[0\]: /, "") });
    }
  }
}
