// Which manual merges an admin forced past a limit (cypher/audit/forced-merges.cypher).
import DataLoader from "dataloader";
import type { Executor } from "../neo4j/executor.js";
import { bool, num, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";

const FORCED_BY_AUDIT_ID = statement("audit/forced-merges");

/** For each audit entry id: true or false for a standing manual merge, null when it made no edge still there. */
export async function forcedMerges(executor: Executor, space: string, auditIds: readonly string[]): Promise<Array<boolean | null>> {
  const byId = await executor.read({ operation: "forcedMerges", space }, async (tx) => {
    const result = await tx.run(FORCED_BY_AUDIT_ID, { space, auditIds: [...auditIds] });
    return new Map(
      result.records.map((r) => [
        str(r.get("auditId"), "auditId"),
        num(r.get("edges"), "edges") > 0 ? bool(r.get("forced"), "forced") : null,
      ]),
    );
  });
  return auditIds.map((id) => byId.get(id) ?? null);
}

export interface ForcedMergeLoaders {
  /** AuditEntry.forced by audit entry id, batched per request. */
  forced: DataLoader<string, boolean | null>;
}

export const forcedMergeLoaders = (executor: Executor, space: string): ForcedMergeLoaders => ({
  forced: new DataLoader((ids: readonly string[]) => forcedMerges(executor, space, ids), { maxBatchSize: 500 }),
});
