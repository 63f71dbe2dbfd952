// Rule 10's horizon: a device's newest activity minus the late window. Nothing before it can move
// again, so there the timeline needs only its changes of profile id; after it every identified
// observation still bounds a late login's move, as a mark. A store written before bounded state
// kept a Stretch for every identified observation: this is how such a timeline is brought to the
// new shape (src/retention/upgrade.ts). Pure: rows in, writes out.

/** A stored stretch as stretches-of-devices.cypher returns it (times as ISO strings; the first starts at ""). */
export interface StretchRow {
  deviceId: string;
  from: string;
  fromSeq: number;
  until: string | null;
  untilSeq: number | null;
  profileId: string;
}

export interface Compaction {
  /** Stretches that go: consecutive ones of one profile id. */
  drops: Array<{ deviceId: string; from: string; fromSeq: number }>;
  /** Stretches that stay, with their new end. */
  keeps: Array<{ deviceId: string; from: string; fromSeq: number; until: string | null; untilSeq: number | null }>;
  /** Where a dropped stretch after the horizon began: a mark now. */
  marks: Array<{ deviceId: string; posAt: string; posSeq: number }>;
}

/** One device's stretches, in timeline order, compacted against its horizon (ISO; null: the device has no activity). */
export function compactTimeline(stretches: readonly StretchRow[], horizon: string | null): Compaction {
  const compaction: Compaction = { drops: [], keeps: [], marks: [] };
  let kept: StretchRow | undefined;
  let extended = false;
  const close = (): void => {
    if (kept && extended) {
      compaction.keeps.push({
        deviceId: kept.deviceId,
        from: kept.from,
        fromSeq: kept.fromSeq,
        until: kept.until,
        untilSeq: kept.untilSeq,
      });
    }
  };
  for (const stretch of stretches) {
    if (kept === undefined || stretch.profileId !== kept.profileId) {
      close();
      kept = { ...stretch };
      extended = false;
      continue;
    }
    compaction.drops.push({ deviceId: stretch.deviceId, from: stretch.from, fromSeq: stretch.fromSeq });
    if (horizon === null || stretch.from >= horizon)
      compaction.marks.push({ deviceId: stretch.deviceId, posAt: stretch.from, posSeq: stretch.fromSeq });
    kept.until = stretch.until;
    kept.untilSeq = stretch.untilSeq;
    extended = true;
  }
  close();
  return compaction;
}
