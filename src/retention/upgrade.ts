// The upgrade of a store written before bounded state (migration 0005 marks each space that held
// devices then with an (:IdgraphUpgrade) node): device by device, its timelines are compacted to one Stretch per change
// of profile id and marks after the horizon (src/timeline/compaction.ts); then receipt by receipt,
// those from before dedup windows get an arrival and the identifiers their warnings name. Each step
// is one short transaction over a bounded batch, in key order, recording where it got to, so the
// server keeps serving while it runs and a restart goes on where it stopped. A store written before
// this version reads right all along: the old shape is the new one with more boundaries.
import neo4j, { type ManagedTransaction } from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import { encodeIdentifier } from "../persistence/audit.js";
import { lockInOrder } from "../persistence/locks.js";
import { fields, optStr, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { Resolution } from "../rules/model.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { compactTimeline } from "../timeline/compaction.js";
import { stretchesOfDevices } from "../timeline/timeline.store.js";

export const UPGRADE_NAME = "bounded-state";

const STATE = statement("retention/upgrade-state");
const PROGRESS = statement("retention/upgrade-progress");
const NEXT_DEVICES = statement("retention/upgrade-next-devices");
const NEXT_RECEIPTS = statement("retention/upgrade-next-receipts");
const COMPACT_TIMELINES = statement("retention/compact-timelines");
const DATE_RECEIPTS = statement("retention/date-receipts");

export type UpgradePhase = "timelines" | "receipts" | "done";

export interface UpgradeState {
  phase: UpgradePhase;
  /** The last device id or messageId done in the phase. */
  after: string;
  devices: number;
  receipts: number;
  startedAt: string | null;
  doneAt: string | null;
}

/** Where a space's upgrade stands; null when the space needed none (it held no device when migration 0005 ran). */
export async function upgradeState(executor: Executor, space: string): Promise<UpgradeState | null> {
  const record = (await executor.read("retention.upgrade", (tx) => tx.run(STATE, { name: UPGRADE_NAME, space }))).records[0];
  if (!record) return null;
  const row = fields(record);
  const phase = optStr(row["phase"], "phase") ?? "timelines";
  return {
    phase: phase === "receipts" || phase === "done" ? phase : "timelines",
    after: optStr(row["after"], "after") ?? "",
    devices: typeof row["devices"] === "number" ? row["devices"] : 0,
    receipts: typeof row["receipts"] === "number" ? row["receipts"] : 0,
    startedAt: optStr(row["startedAt"], "startedAt"),
    doneAt: optStr(row["doneAt"], "doneAt"),
  };
}

export class StoreUpgrade {
  constructor(
    private readonly executor: Executor,
    private readonly rules: IdentityRules,
    private readonly batchSize = 200,
  ) {}

  /** One bounded step of a space's upgrade. Returns whether there is more to do. */
  async step(space: string): Promise<boolean> {
    const state = await upgradeState(this.executor, space);
    if (state === null || state.phase === "done") return false;
    const { phase, after } = state;
    await this.executor.write({ operation: "retention.upgrade", space }, async (tx) => {
      const next = phase === "timelines" ? NEXT_DEVICES : NEXT_RECEIPTS;
      const rows = (await tx.run(next, { space, after, limit: neo4j.int(this.batchSize) })).records.map(fields);
      const last = rows.at(-1)?.["id"];
      if (typeof last !== "string") {
        // This phase is done: the next one.
        await tx.run(PROGRESS, {
          name: UPGRADE_NAME,
          space,
          phase: phase === "timelines" ? "receipts" : "done",
          after: "",
          devices: 0,
          receipts: 0,
        });
        return;
      }
      if (phase === "timelines") await this.compact(tx, space, rows);
      else await this.date(tx, space, rows);
      await tx.run(PROGRESS, {
        name: UPGRADE_NAME,
        space,
        phase,
        after: last,
        devices: phase === "timelines" ? rows.length : 0,
        receipts: phase === "receipts" ? rows.length : 0,
      });
    });
    return true;
  }

  /** Compacts the timelines of some devices of a space, holding their locks as every writer of them does. */
  private async compact(tx: ManagedTransaction, space: string, devices: Array<Record<string, unknown>>): Promise<void> {
    const deviceIds = devices.map((device) => str(device["id"], "id"));
    await lockInOrder(tx, space, { deviceIds });
    const stretches = await stretchesOfDevices(tx, space, deviceIds);
    const writes = { drops: [] as unknown[], keeps: [] as unknown[], marks: [] as unknown[] };
    for (const device of devices) {
      const newest = optStr(device["newest"], "newest");
      const horizon = newest === null ? null : new Date(Date.parse(newest) - this.rules.lateWindowMs).toISOString();
      const compaction = compactTimeline(stretches.get(str(device["id"], "id")) ?? [], horizon);
      writes.drops.push(...compaction.drops);
      writes.keeps.push(...compaction.keeps);
      writes.marks.push(...compaction.marks);
    }
    if (writes.drops.length > 0) await tx.run(COMPACT_TIMELINES, { space, ...writes });
  }

  /** Gives receipts from before dedup windows their arrival (now) and what their warnings mention. */
  private async date(tx: ManagedTransaction, space: string, receipts: Array<Record<string, unknown>>): Promise<void> {
    const arrivedAt = new Date().toISOString();
    const undated = receipts.filter((receipt) => receipt["arrivedAt"] === null || receipt["arrivedAt"] === undefined);
    const rows = undated.map((receipt) => {
      const answer = optStr(receipt["answer"], "answer");
      const warnings = answer === null ? [] : ((JSON.parse(answer) as Resolution).warnings ?? []);
      const mentions = [...new Set(warnings.flatMap((warning) => (warning.identifier ? [encodeIdentifier(warning.identifier)] : [])))];
      return { id: str(receipt["id"], "id"), arrivedAt, mentions: mentions.length > 0 ? mentions : null };
    });
    if (rows.length > 0) await tx.run(DATE_RECEIPTS, { space, receipts: rows });
  }
}
