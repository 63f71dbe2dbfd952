// idgraph import's checkpoints: for a file, by the digest of its content, how many of its lines a
// space has taken in (applied, refused or skipped). A rerun of the same file resumes after them,
// however long after: receipts of messageIds are kept only for the dedup window (rule 8), so a
// rerun cannot rely on them to know what an earlier run applied.
import neo4j from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import { fields } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";

const READ_CHECKPOINT = statement("imports/read-checkpoint");
const RECORD_CHECKPOINT = statement("imports/record-checkpoint");

const linesOf = (row: Record<string, unknown> | undefined): number => (typeof row?.["lines"] === "number" ? row["lines"] : 0);

export class ImportCheckpointStore {
  constructor(private readonly executor: Executor) {}

  /** How many lines of the file the space has taken in (0 for a file it has never seen). */
  async read(space: string, file: string): Promise<number> {
    const result = await this.executor.read({ operation: "importCheckpoint", space }, (tx) => tx.run(READ_CHECKPOINT, { space, file }));
    const record = result.records[0];
    return linesOf(record ? fields(record) : undefined);
  }

  /** Records that the file's lines up to `lines` are taken in (a checkpoint never goes back); returns the checkpoint. */
  async record(space: string, file: string, name: string, lines: number): Promise<number> {
    const result = await this.executor.write({ operation: "importCheckpoint", space }, (tx) =>
      tx.run(RECORD_CHECKPOINT, { space, file, name, lines: neo4j.int(lines) }),
    );
    const record = result.records[0];
    return linesOf(record ? fields(record) : undefined);
  }
}
