// What keeps up with the write rate (docs/identity-rules.md, "What the store keeps"): the outbox's
// pruning removes everything past retention in one round however much it is (it pruned 5,000
// changes a minute before, about 83 a second, while churn writes more than that); GDPR delete finds
// a profile's receipts and the values it must scrub by index, reading a handful of nodes where it
// read every receipt, audit entry and change of the space before.
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { exactTerms } from "../../src/persistence/fulltext.js";
import { statement } from "../../src/persistence/statements.js";
import { FeedNotifier } from "../../src/feed/notifier.js";
import { DEFAULT_RELAY_OPTIONS, Relay } from "../../src/feed/relay.js";
import { testConnection, testExecutor, uniqueId } from "./harness.js";

const executor = testExecutor();
let driver: Driver;
beforeAll(() => {
  const connection = testConnection();
  driver = neo4j.driver(
    connection.uri,
    connection.password ? neo4j.auth.basic(connection.username ?? "neo4j", connection.password) : undefined,
    {
      disableLosslessIntegers: true,
    },
  );
});
afterAll(async () => {
  await executor.close();
  await driver?.close();
});

describe("the outbox's pruning", () => {
  it("removes 12,000 changes past retention in one round (5,000 a minute before)", async () => {
    const space = uniqueId("prune");
    await executor.write("test", (tx) =>
      tx.run(
        `UNWIND range(1, 12000) AS i
         CREATE (:Change {space: $space, id: 'old-' + i, kind: 'PROFILE_CREATED', at: '2001-01-01T00:00:00Z', payload: '{}',
                          identifierKeys: [], deviceIds: [], cursor: right('000000000000000' + toString(i), 16),
                          sequencedAt: datetime('2001-01-01T00:00:00Z')})`,
        { space },
      ),
    );
    // A retention of twenty years: only the seeded changes of 2001 are past it, in a database other tests share.
    const relay = new Relay(
      executor,
      new FeedNotifier(),
      { ...DEFAULT_RELAY_OPTIONS, retentionMs: 20 * 365 * 86_400_000 },
      createLogger("silent"),
    );
    expect(await relay.prune()).toBeGreaterThanOrEqual(12_000);
    const left = await executor.read("test", async (tx) => {
      const changes = await tx.run("MATCH (c:Change {space: $space}) WHERE c.id IS NOT NULL RETURN count(c) AS n", { space });
      const sequence = await tx.run("MATCH (s:FeedSequence {space: $space}) RETURN s.prunedThrough AS through", { space });
      return { changes: changes.records[0]?.get("n"), through: sequence.records[0]?.get("through") };
    });
    expect(left).toEqual({ changes: 0, through: "0000000000012000" });
  });
});

/** The database hits of a statement's run, in a transaction rolled back: what it read to do its work. */
async function dbHits(cypher: string, parameters: Record<string, unknown>): Promise<number> {
  const session = driver.session({ database: testConnection().database });
  const tx = session.beginTransaction();
  try {
    const result = await tx.run(`PROFILE ${cypher}`, parameters);
    const sum = (plan: { dbHits: number; children: unknown[] }): number =>
      plan.dbHits + plan.children.reduce<number>((total, child) => total + sum(child as { dbHits: number; children: unknown[] }), 0);
    return sum(result.summary.profile as unknown as { dbHits: number; children: unknown[] });
  } finally {
    await tx.rollback();
    await session.close();
  }
}

describe("GDPR delete", () => {
  const space = uniqueId("gdpr-scale");
  const ROWS = 6000;
  beforeAll(async () => {
    // Other people's receipts, audit entries and outbox changes, and one person's three of each.
    await executor.write("test", async (tx) => {
      await tx.run(
        `UNWIND range(1, $rows) AS i
         CREATE (:Message {space: $space, id: 'm' + i, profileId: 'other-' + i, profile: 'other-' + i, arrivedAt: '2026-12-01T00:00:00Z',
                           answer: '{"warnings":[{"code":"IDENTIFIER_CONFLICT","identifier":{"type":"email","value":"x' + i + '@x.io"}}]}'})
         CREATE (:AuditEntry {space: $space, id: 'a' + i, at: '2026-12-01T00:00:00Z', action: 'IDENTIFIER_LINKED', actor: 'system',
                              profileIds: ['other-' + i], identifiers: ['email:x' + i + '@x.io'], deviceIds: ['dev-' + i]})
         CREATE (:Change {space: $space, id: 'c' + i, kind: 'IDENTIFIER_ADDED', at: '2026-12-01T00:00:00Z', payload: '{}',
                          identifierKeys: ['email:x' + i + '@x.io'], deviceIds: ['dev-' + i]})`,
        { space, rows: ROWS },
      );
      await tx.run(
        `UNWIND range(1, 3) AS i
         CREATE (:Message {space: $space, id: 'gone-' + i, profileId: 'gone', profile: 'gone', arrivedAt: '2026-12-01T00:00:00Z',
                           mentions: ['email:gone@x.io']})
         CREATE (:AuditEntry {space: $space, id: 'ga' + i, at: '2026-12-01T00:00:00Z', action: 'IDENTITY_ERROR', actor: 'system',
                              profileIds: ['other-1'], identifiers: ['email:gone@x.io'], deviceIds: ['gone-device']})
         CREATE (:Change {space: $space, id: 'gc' + i, kind: 'IDENTIFIER_ADDED', at: '2026-12-01T00:00:00Z', payload: '{}',
                          identifierKeys: ['email:gone@x.io'], deviceIds: ['gone-device']})`,
        { space },
      );
    });
    await executor.runAutoCommit("test", "CALL db.awaitIndexes(300)");
  });

  const encoded = ["email:gone@x.io"];
  const deviceIds = ["gone-device"];

  it("removes a profile's receipts and marks by index: a few dozen reads among 6,000 receipts", async () => {
    const hits = await dbHits(statement("admin/delete-profile"), { space, profileIds: ["gone"], identifiers: [], deviceIds });
    // Before migration 0005 no index held a receipt's profile id: every receipt of the space was read.
    expect(hits).toBeLessThan(300);
  });

  it("finds the audit entries and receipts that name a deleted value by value: a few dozen reads among 6,000 of each", async () => {
    const hits = await dbHits(statement("admin/scrub-mentions"), {
      space,
      encoded,
      deviceIds,
      auditTerms: [...exactTerms(["identifiers"], encoded), ...exactTerms(["deviceIds"], deviceIds)],
      receiptTerms: exactTerms(["mentions"], encoded),
    });
    expect(hits).toBeLessThan(300);
    const before = await dbHits(
      `CALL () {
         MATCH (a:AuditEntry {space: $space})
         WHERE any(x IN a.identifiers WHERE x IN $encoded) OR any(d IN a.deviceIds WHERE d IN $deviceIds)
         RETURN count(a) AS entries
       }
       MATCH (m:Message {space: $space}) WHERE any(v IN $values WHERE m.answer CONTAINS v)
       RETURN entries, m.id AS id`,
      { space, encoded, deviceIds, values: ["gone@x.io"] },
    );
    expect(before).toBeGreaterThan(2 * ROWS);
  });

  it("finds the outbox changes that name a deleted value, or carry a deleted profile id's trait values, by value", async () => {
    const profileIds = ["01KGONEPROFILE0000000000000"];
    const hits = await dbHits(statement("feed/outbox-changes-naming"), {
      space,
      encoded,
      deviceIds,
      profileIds,
      terms: [
        ...exactTerms(["identifierKeys"], encoded),
        ...exactTerms(["deviceIds"], deviceIds),
        ...exactTerms(["profileIds"], profileIds),
      ],
    });
    expect(hits).toBeLessThan(300);
  });
});
