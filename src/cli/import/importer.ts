// The import loop: records → drafts → batches of observations. Each batch is one transaction; a
// refused batch is retried line by line so only the bad line is refused. Every observation has a
// messageId (its own or one derived from the line), so a rerun skips what was applied.
import { ErrorCode, IdgraphError } from "../../errors.js";
import { emptyTally, type ResolutionTally, tallyResolutions } from "../../metrics/tally.js";
import type { Identifier, ObservationInput } from "../../rules/model.js";
import { csvColumns, csvHeaderProblem, csvRow, type ColumnRole } from "./csv-profiles.js";
import { mapExportLine } from "./detect.js";
import type { ExportFormat, ImportFormat, LineOutcome, ObservationDraft } from "./draft.js";
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
  /** Lines an earlier run (or an earlier line with the same messageId) had already applied. */
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
  /** Identifier types of the rules, in priority order (trait and column names). */
  types: readonly string[];
  target: ImportTarget;
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between batches: true stops after the batch in flight (Ctrl-C). */
  shouldStop?: () => boolean;
}

interface Pending {
  file: string;
  line: number;
  format: ImportFormat;
  draft: ObservationDraft;
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
    if (batch.length === 0) return;
    const applied = await options.target.appliedMessageIds([...new Set(batch.map((p) => p.draft.messageId as string))]);
    const fresh = batch.filter((p) => !applied.has(p.draft.messageId as string));
    summary.alreadyApplied += batch.length - fresh.length;
    if (fresh.length > 0) {
      const inputs = await settle(fresh, importUsers, options.target);
      await applyBatch(fresh, inputs, options.target, summary);
    }
    report();
  };

  for (const path of options.files) {
    fileIndex += 1;
    summary.files += 1;
    const csv = options.format === "csv" || (options.format === undefined && isCsvPath(path));
    current = await openImportFile(path, csv);
    let columns: ColumnRole[] | undefined;
    let header = "";
    for await (const record of current.records()) {
      let format: ImportFormat | undefined;
      let outcome: LineOutcome;
      if (csv) {
        format = "csv";
        if (columns === undefined) {
          // The first row is the header.
          columns = csvColumns(record.fields ?? [], options.types);
          header = record.text;
          const problem = csvHeaderProblem(columns);
          if (problem !== undefined) {
            summary.refused.push({ file: path, line: record.line, reason: problem });
            break;
          }
          continue;
        }
        summary.lines += 1;
        outcome = csvRow(record.fields ?? [], columns);
      } else {
        summary.lines += 1;
        let parsed: unknown;
        try {
          parsed = JSON.parse(record.text);
        } catch {
          summary.refused.push({ file: path, line: record.line, reason: "malformed JSON" });
          continue;
        }
        const mapped = mapExportLine(parsed, options.format as ExportFormat | undefined, options.types);
        format = mapped.format;
        outcome = mapped.outcome;
      }
      if (outcome.kind === "refuse") {
        summary.refused.push({ file: path, line: record.line, reason: outcome.reason });
        continue;
      }
      if (outcome.kind === "skip" || format === undefined) {
        summary.skipped += 1;
        continue;
      }
      summary.byFormat[format] = (summary.byFormat[format] ?? 0) + 1;
      const draft = outcome.draft;
      // By the kind of file, not the detected format: --format must not change the ids of a rerun.
      draft.messageId ??= derivedMessageId(csv ? "csv" : "ndjson", header, record.line, record.text);
      pending.push({ file: path, line: record.line, format, draft });
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

/** Drafts → observations: a distinct id is a user id when known as one, else the device (the first, when the line names none). */
async function settle(batch: readonly Pending[], importUsers: Set<string>, target: ImportTarget): Promise<ObservationInput[]> {
  const asked = [...new Set(batch.flatMap((p) => p.draft.distinctIds))].filter((id) => !importUsers.has(id));
  const knownInSpace = asked.length === 0 ? new Set<string>() : await target.knownUserIds(asked);
  return batch.map(({ draft }) => {
    const identifiers: Identifier[] = [...draft.identifiers];
    let deviceId = draft.deviceId;
    for (const id of draft.distinctIds) {
      if (importUsers.has(id) || knownInSpace.has(id)) {
        if (!identifiers.some((i) => i.type === "user_id" && i.value === id)) identifiers.push({ type: "user_id", value: id });
      } else {
        deviceId ??= id;
      }
    }
    for (const identifier of identifiers) if (identifier.type === "user_id") importUsers.add(identifier.value);
    return {
      messageId: draft.messageId,
      deviceId,
      identifiers,
      timestamp: draft.timestamp,
      event: draft.event,
    };
  });
}

const isRefusal = (error: unknown): error is IdgraphError => error instanceof IdgraphError && error.code === ErrorCode.BAD_USER_INPUT;

async function applyBatch(
  batch: readonly Pending[],
  inputs: ObservationInput[],
  target: ImportTarget,
  summary: ImportSummary,
): Promise<void> {
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
    const { file, line } = batch[index] as Pending;
    try {
      count(await target.resolveBatch([input]));
    } catch (error) {
      if (!isRefusal(error)) throw error;
      summary.refused.push({ file, line, reason: error.message.replace(/^inputs\[0\]: /, "") });
    }
  }
}
