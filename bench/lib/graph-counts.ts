// The identity graph of a space, counted: nodes per label and relationships per type (the churn
// benchmark, the growth phase and the ceiling that writes the same graph again).
import type { Executor } from "../../src/neo4j/executor.js";

export interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/** Node labels as countSpace counts them: Mark counts the marks that are not also receipts (Message), so the labels add up to the nodes. */
export const LABELS = ["Device", "ProfileId", "Identifier", "AuditEntry", "Message", "Mark", "Stretch", "Change"] as const;
/** Relationship types with the labels at their ends, as the identity graph has them. */
export const RELATIONSHIPS = [
  { type: "HAS_PROFILE_ID", from: "Device", to: "ProfileId" },
  { type: "CURRENT", from: "Device", to: "ProfileId" },
  { type: "IDENTIFIES", from: "Identifier", to: "ProfileId" },
  { type: "MERGED_WITH", from: "ProfileId", to: "ProfileId" },
  { type: "ABOUT", from: "AuditEntry", to: "ProfileId" },
  { type: "ATTRIBUTED_TO", from: "Stretch", to: "ProfileId" },
] as const;

export async function countSpace(executor: Executor, space: string): Promise<GraphCounts> {
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};
  for (const label of LABELS) {
    const receiptsApart = label === "Mark" ? " WHERE NOT n:Message" : "";
    const result = await executor.read("bench", (tx) =>
      tx.run(`MATCH (n:${label} {space: $space})${receiptsApart} RETURN count(n) AS n`, { space }),
    );
    nodes[label] = Number(result.records[0]?.get("n") ?? 0);
  }
  for (const { type, from } of RELATIONSHIPS) {
    const result = await executor.read("bench", (tx) =>
      tx.run(`MATCH (:${from} {space: $space})-[r:${type}]->() RETURN count(r) AS n`, { space }),
    );
    relationships[type] = Number(result.records[0]?.get("n") ?? 0);
  }
  return { nodes, relationships };
}

export const totalOf = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
