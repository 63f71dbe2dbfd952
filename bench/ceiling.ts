// Neo4j's own ceiling for the graph an ingest produced: the same numbers of nodes (per label, with
// properties of the same shape) and relationships (per type) written by plain batched
// UNWIND ... CREATE into a fresh space, under the same constraints and indexes.
import type { Executor } from "../src/neo4j/executor.js";
import { nextOf, pool } from "./stats.js";

export interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/** Node labels as countSpace counts them: Mark counts the marks that are not also receipts (Message), so the labels add up to the nodes. */
const LABELS = ["Device", "ProfileId", "Identifier", "AuditEntry", "Message", "Mark", "Stretch", "Change"] as const;
/** Relationship types with the labels at their ends, as the identity graph has them. */
const RELATIONSHIPS = [
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

// Property shapes like the store's, so the ceiling writes as many bytes as the ingest did.
const AT = "2026-01-01T00:00:00.000Z";
const ANSWER = JSON.stringify({
  profileId: "01KCEILING0000000000000000",
  assignedProfileId: "01KCEILING0000000000000000",
  created: false,
  mergedProfileIds: [],
  warnings: [],
});
const CREATE_NODES: Record<(typeof LABELS)[number], string> = {
  Device: `UNWIND range($from, $to) AS i CREATE (:Device {space: $space, id: 'ceiling-device-' + i, firstSeenAt: $at, lastSeenAt: $at})`,
  ProfileId: `UNWIND range($from, $to) AS i
    CREATE (:ProfileId {space: $space, id: '01KCEILING' + right('0000000000000000' + i, 16), profile: '01KCEILING' + right('0000000000000000' + i, 16), createdAt: $at})`,
  Identifier: `UNWIND range($from, $to) AS i CREATE (:Identifier {space: $space, type: 'user_id', value: 'ceiling-user-' + i})`,
  AuditEntry: `UNWIND range($from, $to) AS i
    CREATE (:AuditEntry {space: $space, id: '01KCEILINGAUDIT' + right('00000000000' + i, 11), at: $at, action: 'IDENTIFIER_LINKED', actor: 'system',
                         profileIds: ['01KCEILING' + right('0000000000000000' + i, 16)], identifiers: ['user_id:ceiling-user-' + i],
                         deviceIds: ['ceiling-device-' + i], messageId: 'ceiling-m' + i})`,
  Message: `UNWIND range($from, $to) AS i
    CREATE (:Message {space: $space, id: 'ceiling-m' + i, answer: $answer, profileId: '01KCEILING0000000000000000', at: $at,
                      deviceId: 'ceiling-device-' + (i % 1000), posAt: $at, posSeq: i})`,
  Mark: `UNWIND range($from, $to) AS i
    CREATE (:Mark {space: $space, deviceId: 'ceiling-device-' + (i % 1000), posAt: $at, posSeq: i})`,
  Stretch: `UNWIND range($from, $to) AS i
    CREATE (:Stretch {space: $space, deviceId: 'ceiling-device-' + i, from: $at, fromSeq: i, until: $at, untilSeq: i + 1,
                      profileId: '01KCEILING' + right('0000000000000000' + i, 16)})`,
  // The outbox entry as the relay leaves it: sequenced, with its cursor.
  Change: `UNWIND range($from, $to) AS i
    CREATE (:Change {space: $space, id: '01KCEILINGCHANGE' + right('0000000000' + i, 10), stamp: datetime($at), at: $at, kind: 'IDENTIFIER_ADDED',
                     payload: $payload, identifierKeys: ['user_id:ceiling-user-' + i], deviceIds: ['ceiling-device-' + i],
                     cursor: i + 1, sequencedAt: datetime($at)})`,
};
const PAYLOAD = JSON.stringify({
  memberships: [{ profileId: "01KCEILING0000000000000000", belongsTo: "01KCEILING0000000000000000" }],
  identifiers: [{ type: "user_id", value: "ceiling-user-0" }],
  deviceIds: ["ceiling-device-0"],
  reattributions: [],
  auditEntryId: "01KCEILINGAUDIT00000000000",
});
const KEY_OF: Record<string, string> = {
  Device: "{space: $space, id: 'ceiling-device-' + (i % $n)}",
  ProfileId: "{space: $space, id: '01KCEILING' + right('0000000000000000' + (j % $m), 16)}",
  Identifier: "{space: $space, type: 'user_id', value: 'ceiling-user-' + (i % $n)}",
  AuditEntry: "{space: $space, id: '01KCEILINGAUDIT' + right('00000000000' + (i % $n), 11)}",
  Stretch: "{space: $space, deviceId: 'ceiling-device-' + (i % $n), from: $at, fromSeq: (i % $n)}",
};

function createRelationships(type: string, from: string, to: string): string {
  const fromKey = KEY_OF[from] as string;
  const toKey = (KEY_OF[to] as string).replace("(j % $m)", "(j % $m)");
  const properties =
    type === "IDENTIFIES"
      ? " {at: $at, auditId: '01KCEILINGAUDIT'}"
      : type === "HAS_PROFILE_ID" || type === "MERGED_WITH"
        ? " {at: $at}"
        : "";
  // A relationship's end is one index seek away, as in the store; j spreads the ends over the nodes.
  return `UNWIND range($from, $to) AS i WITH i, i * 7919 AS j
    MATCH (a:${from} ${fromKey.replace("(i % $n)", from === to ? "(i % $m)" : "(i % $n)")})
    MATCH (b:${to} ${toKey})
    CREATE (a)-[:${type}${properties}]->(b)`;
}

export interface CeilingResult {
  elapsedMs: number;
  nodes: number;
  relationships: number;
}

/** Writes `counts` into `space` with batches of `batchSize` rows, `concurrency` transactions at once. */
export async function writeCeiling(
  executor: Executor,
  space: string,
  counts: GraphCounts,
  batchSize: number,
  concurrency: number,
): Promise<CeilingResult> {
  const started = performance.now();
  const nodeJobs: Array<{ cypher: string; from: number; to: number; n: number; m: number }> = [];
  for (const label of LABELS) {
    const n = counts.nodes[label] ?? 0;
    for (let from = 0; from < n; from += batchSize)
      nodeJobs.push({ cypher: CREATE_NODES[label], from, to: Math.min(n, from + batchSize) - 1, n, m: 0 });
  }
  const relationshipJobs: typeof nodeJobs = [];
  for (const { type, from, to } of RELATIONSHIPS) {
    const count = counts.relationships[type] ?? 0;
    const n = Math.max(1, counts.nodes[from] ?? 1);
    const m = Math.max(1, counts.nodes[to] ?? 1);
    const cypher = createRelationships(type, from, to);
    for (let start = 0; start < count; start += batchSize)
      relationshipJobs.push({ cypher, from: start, to: Math.min(count, start + batchSize) - 1, n, m });
  }
  for (const jobs of [nodeJobs, relationshipJobs]) {
    let index = 0;
    await pool(
      concurrency,
      () => jobs[index++],
      async (job) => {
        await executor.write("bench", (tx) =>
          tx.run(job.cypher, { space, from: job.from, to: job.to, n: job.n, m: job.m, at: AT, answer: ANSWER, payload: PAYLOAD }),
        );
      },
    );
  }
  return { elapsedMs: performance.now() - started, nodes: totalOf(counts.nodes), relationships: totalOf(counts.relationships) };
}

// The steady-traffic ceiling: what Neo4j alone needs for the same traffic — each observation's
// neighbourhood looked up by batched UNWIND ... MATCH (its device, the device's current and other
// profile ids, its user id's profile ids) and the writes rules 8 and 3 require (the receipt of its
// messageId, the device's lastSeenAt) — in the same batches and the same number of clients.
const STEADY_CEILING = `UNWIND $rows AS r
CALL (r) {
  OPTIONAL MATCH (d:Device {space: $space, id: r.deviceId})
  OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
  OPTIONAL MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId)
  WITH d, c, collect(p.profile) AS roots
  SET d.lastSeenAt = r.at
  RETURN c.id AS current, roots
}
CALL (r) {
  OPTIONAL MATCH (:Identifier {space: $space, type: 'user_id', value: r.userId})-[:IDENTIFIES]->(q:ProfileId)
  RETURN collect(q.profile) AS userRoots
}
MERGE (m:Message {space: $space, id: r.messageId})
SET m.answer = $answer, m.profileId = coalesce(current, ''), m.at = r.at`;

export async function writeSteadyCeiling(
  executor: Executor,
  space: string,
  batches: Iterator<Array<{ messageId: string; deviceId?: string; userId?: string; timestamp: string }>>,
  clients: number,
): Promise<{ observations: number; elapsedMs: number }> {
  let observations = 0;
  const started = performance.now();
  await pool(clients, nextOf(batches), async (batch) => {
    const rows = batch.map((o) => ({ messageId: o.messageId, deviceId: o.deviceId ?? null, userId: o.userId ?? null, at: o.timestamp }));
    await executor.write("bench", (tx) => tx.run(STEADY_CEILING, { space, rows, answer: ANSWER }));
    observations += batch.length;
  });
  return { observations, elapsedMs: performance.now() - started };
}
