// Which manual merges an admin forced past a limit: the MERGED_WITH edges that a PROFILES_MERGED
// entry made carry that entry's id and, when forced, forced: true.
import type { Executor } from "../neo4j/executor.js";

const FORCED_BY_AUDIT_ID = `
UNWIND $auditIds AS auditId
OPTIONAL MATCH (:ProfileId {space: $space})-[r:MERGED_WITH {auditId: auditId}]->(:ProfileId {space: $space})
RETURN auditId, count(r) AS edges, coalesce(max(r.forced), false) AS forced`;

/** For each audit entry id: true or false for a standing manual merge, null when it made no edge still there. */
export async function forcedMerges(executor: Executor, space: string, auditIds: readonly string[]): Promise<Array<boolean | null>> {
  const byId = await executor.read(async (tx) => {
    const result = await tx.run(FORCED_BY_AUDIT_ID, { space, auditIds: [...auditIds] });
    return new Map(
      result.records.map((r) => [r.get("auditId") as string, Number(r.get("edges")) > 0 ? (r.get("forced") as boolean) : null]),
    );
  });
  return auditIds.map((id) => byId.get(id) ?? null);
}
