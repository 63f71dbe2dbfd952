// Neo4j's own ceiling for the graph an ingest produced: the same numbers of nodes (per label, with
// properties of the same shape) and relationships (per type) written by plain batched
// UNWIND ... CREATE into a fresh space, under the same constraints and indexes.
import type { Executor } from "../src/neo4j/executor.js";
import { type GraphCounts, LABELS, RELATIONSHIPS, totalOf } from "./lib/graph-counts.js";
import { pool } from "./lib/stats.js";

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

// The steady-traffic ceiling: the least work the rules require of the same traffic, done the
// fastest way Neo4j allows — each observation's device and the piece of its timeline looked up
// (rule 3: its user now; rule 10: the latest stretch, the mark before it), its identifier's profile
// read (rule 6: already linked there), the device's last seen time and arrival count written, and
// what rule 8 and rule 10 keep of it: its receipt (the profile id, its place), which is also the
// mark of an identified observation; a device never seen gets its first profile id, current and
// first stretch, and a login on one links its user id. Batches are sorted by device and disjoint:
// each client owns the devices that hash to it, so no two transactions ever wait on one device.
const STEADY_CEILING_KNOWN = `UNWIND $rows AS r
MATCH (d:Device {space: $space, id: r.deviceId})
CALL (d) {
  MATCH (s:Stretch {space: $space, deviceId: d.id}) WHERE s.from IS NOT NULL AND s.fromSeq IS NOT NULL
  RETURN s ORDER BY s.space DESC, s.deviceId DESC, s.from DESC, s.fromSeq DESC LIMIT 1
}
OPTIONAL CALL (r) {
  MATCH (:Identifier {space: $space, type: 'user_id', value: r.userId})-[:IDENTIFIES]->(q:ProfileId)
  RETURN q LIMIT 1
}
WITH d, s, r, coalesce(d.seq, 0) + 1 AS seq
SET d.lastSeenAt = r.at, d.seq = seq
CREATE (m:Message {space: $space, id: r.messageId, profileId: s.profileId, profile: s.profileId, at: r.at, arrivedAt: $now,
                   deviceId: d.id, posAt: r.at, posSeq: seq})
FOREACH (_ IN CASE WHEN r.userId IS NULL THEN [] ELSE [1] END | SET m:Mark)`;

const STEADY_CEILING_NEW = `UNWIND $rows AS r
CREATE (d:Device {space: $space, id: r.deviceId, firstSeenAt: r.at, lastSeenAt: r.at, seq: 1})
CREATE (p:ProfileId {space: $space, id: r.profileId, profile: r.profileId, createdAt: r.at})
CREATE (d)-[:HAS_PROFILE_ID {at: r.at}]->(p), (d)-[:CURRENT]->(p)
CREATE (s:Stretch {space: $space, deviceId: r.deviceId, from: '', fromSeq: 0, profileId: r.profileId})-[:ATTRIBUTED_TO]->(p)
CREATE (:Message {space: $space, id: r.messageId, profileId: r.profileId, profile: r.profileId, at: r.at, arrivedAt: $now,
                  deviceId: r.deviceId, posAt: r.at, posSeq: 1})
WITH p, r WHERE r.userId IS NOT NULL
MERGE (i:Identifier {space: $space, type: 'user_id', value: r.userId})
CREATE (i)-[:IDENTIFIES {at: r.at}]->(p)`;

type SteadyRow = { messageId: string; deviceId?: string; userId?: string; timestamp: string };

export async function writeSteadyCeiling(
  executor: Executor,
  space: string,
  batches: Iterator<SteadyRow[]>,
  clients: number,
  batchSize: number,
): Promise<{ observations: number; elapsedMs: number }> {
  // Which devices exist, so new ones are created once, by the client that owns them.
  const all: SteadyRow[] = [];
  for (let next = batches.next(); !next.done; next = batches.next()) all.push(...next.value);
  const deviceIds = [...new Set(all.flatMap((row) => (row.deviceId === undefined ? [] : [row.deviceId])))];
  const known = new Set<string>();
  for (let start = 0; start < deviceIds.length; start += 10_000) {
    const result = await executor.read("bench", (tx) =>
      tx.run("UNWIND $ids AS id MATCH (d:Device {space: $space, id: id}) RETURN d.id AS id", {
        space,
        ids: deviceIds.slice(start, start + 10_000),
      }),
    );
    for (const record of result.records) known.add(record.get("id") as string);
  }
  // Each client owns the devices that hash to it; its batches are sorted by device.
  const owner = (deviceId: string): number => {
    let hash = 0;
    for (let i = 0; i < deviceId.length; i++) hash = (hash * 31 + deviceId.charCodeAt(i)) | 0;
    return Math.abs(hash) % clients;
  };
  const shards: Array<Array<{ known: boolean; rows: SteadyRow[] }>> = Array.from({ length: clients }, () => []);
  const byClient = Array.from({ length: clients }, () => ({ known: [] as SteadyRow[], fresh: new Map<string, SteadyRow[]>() }));
  for (const row of all) {
    if (row.deviceId === undefined) continue;
    const mine = byClient[owner(row.deviceId)] as (typeof byClient)[number];
    if (known.has(row.deviceId)) mine.known.push(row);
    else mine.fresh.set(row.deviceId, [...(mine.fresh.get(row.deviceId) ?? []), row]);
  }
  for (const [client, { known: rows, fresh }] of byClient.entries()) {
    const shard = shards[client] as (typeof shards)[number];
    // A new device's first observation creates it; its later ones are observations of a known device.
    const firsts = [...fresh.values()]
      .map((list) => list[0] as SteadyRow)
      .sort((a, b) => ((a.deviceId as string) < (b.deviceId as string) ? -1 : 1));
    const repeats = [...fresh.values()].flatMap((list) => list.slice(1));
    for (let start = 0; start < firsts.length; start += batchSize)
      shard.push({ known: false, rows: firsts.slice(start, start + batchSize) });
    const sorted = [...rows, ...repeats].sort((a, b) => ((a.deviceId as string) < (b.deviceId as string) ? -1 : 1));
    for (let start = 0; start < sorted.length; start += batchSize)
      shard.push({ known: true, rows: sorted.slice(start, start + batchSize) });
  }
  let observations = 0;
  const now = new Date().toISOString();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    shards.map(async (shard) => {
      for (const { known: existing, rows } of shard) {
        const parameters = rows.map((row) => ({
          messageId: row.messageId,
          deviceId: row.deviceId,
          userId: row.userId ?? null,
          at: row.timestamp,
          profileId: `ceiling-${space}-${next++}`,
        }));
        await executor.write("bench", (tx) =>
          tx.run(existing ? STEADY_CEILING_KNOWN : STEADY_CEILING_NEW, { space, rows: parameters, now }),
        );
        observations += rows.length;
      }
    }),
  );
  return { observations, elapsedMs: performance.now() - started };
}
