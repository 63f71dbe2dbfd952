// What a space keeps, and for how long (docs/identity-rules.md, "What the store keeps"), as `idgraph check` reports it.
import type { Executor } from "../neo4j/executor.js";
import { fields, num, optStr } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { type UpgradeState, upgradeState } from "./upgrade.js";

const KEPT = statement("retention/kept");

export interface Kept {
  /** Kept for good: they grow with people. */
  forGood: { devices: number; profileIds: number; identifiers: number; stretches: number; auditEntries: number };
  /** Kept for a window, then gone by themselves. */
  forAWindow: {
    /** Receipts of messageIds (rule 8), and those past the dedup window that the retention work has yet to remove. */
    receipts: { count: number; pastWindow: number; windowMs: number };
    /** Timeline marks (rule 10), kept until their device's horizon (its newest activity minus the late window) passes them. */
    marks: { count: number; lateWindowMs: number };
    /** The change feed's outbox, kept for its retention (0: for good). */
    changes: { count: number; oldest: string | null; retentionMs: number };
  };
  /** The upgrade of a space written before bounded state; null when it needed none. */
  upgrade: UpgradeState | null;
}

export async function keptInSpace(executor: Executor, space: string, rules: IdentityRules, feedRetentionMs: number): Promise<Kept> {
  const cutoff = new Date(Date.now() - rules.dedupWindowMs).toISOString();
  const record = (await executor.read({ operation: "checkKept", space }, (tx) => tx.run(KEPT, { space, cutoff }))).records[0];
  const row = record ? fields(record) : {};
  const count = (name: string): number => num(row[name] ?? 0, name);
  return {
    forGood: {
      devices: count("devices"),
      profileIds: count("profileIds"),
      identifiers: count("identifiers"),
      stretches: count("stretches"),
      auditEntries: count("auditEntries"),
    },
    forAWindow: {
      receipts: { count: count("receipts"), pastWindow: count("expiredReceipts"), windowMs: rules.dedupWindowMs },
      marks: { count: count("marks"), lateWindowMs: rules.lateWindowMs },
      changes: { count: count("changes"), oldest: optStr(row["oldestChange"], "oldestChange"), retentionMs: feedRetentionMs },
    },
    upgrade: await upgradeState(executor, space),
  };
}

const duration = (ms: number): string =>
  ms === 0
    ? "for good"
    : ms % 86_400_000 === 0
      ? `${ms / 86_400_000} d`
      : ms % 3_600_000 === 0
        ? `${ms / 3_600_000} h`
        : ms % 60_000 === 0
          ? `${ms / 60_000} min`
          : `${ms / 1000} s`;

/** The report's lines for one space. */
export function keptLines(kept: Kept): string[] {
  const { forGood, forAWindow, upgrade } = kept;
  const { receipts, marks, changes } = forAWindow;
  return [
    `  kept for good: ${forGood.devices} device(s), ${forGood.profileIds} profile id(s), ${forGood.identifiers} identifier(s), ${forGood.stretches} stretch(es) (changes of a device's profile id), ${forGood.auditEntries} audit entr(ies)`,
    `  kept for a window: ${receipts.count} receipt(s) of messageIds for the dedup window of ${duration(receipts.windowMs)}${receipts.pastWindow > 0 ? ` (${receipts.pastWindow} past it, removed at the next retention round)` : ""}; ${marks.count} timeline mark(s) until ${duration(marks.lateWindowMs)} before their device's newest activity; ${changes.count} change(s) in the feed's outbox ${changes.retentionMs === 0 ? "for good" : `for ${duration(changes.retentionMs)}`}${changes.oldest ? ` (oldest ${changes.oldest})` : ""}`,
    ...(upgrade === null
      ? []
      : [
          upgrade.phase === "done"
            ? `  upgrade to bounded state: done (${upgrade.devices} device timeline(s) compacted, ${upgrade.receipts} receipt(s) dated)`
            : `  upgrade to bounded state: in progress, ${upgrade.phase} (${upgrade.devices} device timeline(s) compacted, ${upgrade.receipts} receipt(s) dated so far); the server's retention work goes on with it`,
        ]),
  ];
}
