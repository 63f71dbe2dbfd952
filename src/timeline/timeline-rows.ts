// Device timelines (rule 10) as the graph stores them: (:Stretch {space, deviceId, from, fromSeq,
// until, untilSeq, profileId})-[:ATTRIBUTED_TO]->(:ProfileId), keyed by where they start. Times are
// ISO-8601 strings, which sort as the moments they name; the first stretch starts at "". This
// module turns stored rows into the rules' Timeline and the rules' steps into the rows the
// statements of cypher/timeline/ write.
import type { Step } from "../rules/decide.js";
import type { Snapshot } from "../rules/snapshot.js";
import { comparePositions, type Position, type Stretch, type Timeline } from "../rules/timeline.js";

/** A piece of a device's timeline: the stored stretch holding a moment, and the marks nearest the moment in it. */
export interface PieceRow {
  /** Times as ISO strings; the first stretch starts at "". */
  from: string;
  fromSeq: number;
  until: string | null;
  untilSeq: number | null;
  profileId: string;
  markBefore: string | null;
  markBeforeSeq: number | null;
  markAfter: string | null;
  markAfterSeq: number | null;
}

/** What a batch reads of a device's timeline (a device row of src/identity/neighbourhood.reader.ts): its pieces and its counters. */
export interface TimelineRow {
  pieces: PieceRow[];
  /** Rule 10's counters: arrivals on the device, its earliest activity, its newest. */
  seq: number;
  earliestAt: string | null;
  earliestSeq: number;
  newest: string | null;
}

/** Where the first stretch of a device starts in the graph (null in the rules). */
const FIRST = "";

function position(at: string | null, seq: number | null): Position | null {
  return at === null || at === FIRST ? null : { at: new Date(at), seq: seq ?? 0 };
}

/** A position as the graph keys it: "" for the start of a device's timeline. */
const keyOf = (position: Position | null): string => (position === null ? FIRST : `${position.at.toISOString()}#${position.seq}`);

/** A stored stretch as the batch loaded it: a change of the device's profile id at `from`. */
interface LoadedStretch {
  from: Position | null;
  until: Position | null;
  profileId: string;
  /** Not in the graph yet: a device from before timelines gets its first stretch when it is first cut. */
  synthetic: boolean;
}

/**
 * What the store read of one device's timeline, besides the pieces the rules decide on: the stored
 * stretches those pieces lie in, and which of the pieces' ends are marks. After the batch,
 * timelineWrites tells from it which new boundaries change the profile id (stretches) and which do
 * not (marks), and which marks a late login turned into changes.
 */
export interface LoadedTimeline {
  stretches: Map<string, LoadedStretch>;
  marks: Set<string>;
}

/**
 * A device's timeline from the neighbourhood row: for each moment of the batch, the piece holding
 * it — from the nearest stretch start or mark at or before it, until the nearest after it — with
 * its stretch's profile id (a mark never changes it). A device from before timelines has no
 * stretch: its whole activity is its current profile id's, as it was decided by arrival.
 */
export function decodeTimeline(device: TimelineRow, current: string): { timeline: Timeline; loaded: LoadedTimeline } {
  const loaded: LoadedTimeline = { stretches: new Map(), marks: new Set() };
  const pieces = new Map<string, Stretch>();
  for (const row of device.pieces) {
    const from = position(row.from, row.fromSeq);
    const until = position(row.until, row.untilSeq);
    loaded.stretches.set(keyOf(from), { from, until, profileId: row.profileId, synthetic: false });
    const before = position(row.markBefore, row.markBeforeSeq);
    const after = position(row.markAfter, row.markAfterSeq);
    // A mark before the stretch began, or after it ended, belongs to another stretch.
    const start = before !== null && (from === null || comparePositions(before, from) > 0) ? before : from;
    const end = after !== null && (until === null || comparePositions(after, until) < 0) ? after : until;
    if (start !== from && start !== null) loaded.marks.add(keyOf(start));
    if (end !== until && end !== null) loaded.marks.add(keyOf(end));
    pieces.set(keyOf(start), { from: start, until: end, profileId: row.profileId });
  }
  const stretches = [...pieces.values()].sort((a, b) => compareStarts(a.from, b.from));
  if (stretches.length === 0) {
    stretches.push({ from: null, until: null, profileId: current });
    loaded.stretches.set(FIRST, { from: null, until: null, profileId: current, synthetic: true });
  }
  return {
    timeline: {
      stretches,
      seq: device.seq,
      earliest: device.earliestAt === null ? undefined : { at: new Date(device.earliestAt), seq: device.earliestSeq },
      newest: device.newest === null ? undefined : new Date(device.newest),
    },
    loaded,
  };
}

const compareStarts = (a: Position | null, b: Position | null): number =>
  a === null ? (b === null ? 0 : -1) : b === null ? 1 : comparePositions(a, b);

const atOf = (position: Position | null): string | null => (position === null ? null : position.at.toISOString());
const seqOfPosition = (position: Position | null): number | null => (position === null ? null : position.seq);

/** A new mark: an identified observation that did not change its device's profile id (rule 10). */
export interface MarkRow {
  deviceId: string;
  posAt: string;
  posSeq: number;
}

/**
 * The timeline writes of a batch, and each touched device's counters after it. The rules cut the
 * loaded pieces at every identified observation; the graph keeps a Stretch only where the profile
 * id changes and a Mark where it does not (rule 10: after the horizon a mark still bounds a late
 * login's move). From the pieces after the batch: each new boundary is a stretch start when the
 * profile id differs on its two sides, else a mark; a mark that now ends a new piece of another
 * profile id becomes a stretch start too (the device returns to its old user there). Stored
 * stretches are written as their end state: each one a new start cut, with the `until` of its
 * first new start, and each new stretch once, running to the next start, so start-stretches.cypher
 * needs no row-by-row order.
 */
export function timelineWrites(steps: readonly Step[], snapshot: Snapshot, loadedTimelines: ReadonlyMap<string, LoadedTimeline>) {
  const opens: Array<{ deviceId: string; profileId: string }> = [];
  const cuts: Array<Record<string, unknown>> = [];
  const stretches: Array<Record<string, unknown>> = [];
  const marks: MarkRow[] = [];
  const moves: Array<Record<string, unknown>> = [];
  const starts = new Map<string, Set<string>>();
  for (const step of steps) {
    if (step.kind === "openTimeline") opens.push({ deviceId: step.deviceId, profileId: step.profileId });
    else if (step.kind === "startStretch") {
      const own = starts.get(step.deviceId) ?? new Set<string>();
      own.add(keyOf(step.stretch.from));
      starts.set(step.deviceId, own);
    } else if (step.kind === "reattribute") {
      moves.push({
        deviceId: step.reattribution.deviceId,
        fromAt: step.from.at.toISOString(),
        fromSeq: step.from.seq,
        untilAt: atOf(step.until),
        untilSeq: seqOfPosition(step.until),
        fromProfileId: step.reattribution.fromProfileId,
        toProfileId: step.reattribution.toProfileId,
        toProfile: step.toProfile,
      });
    }
  }
  const opened = new Map(opens.map((open) => [open.deviceId, open.profileId]));
  for (const [deviceId, news] of starts) {
    const pieces = snapshot.devices.get(deviceId)?.timeline?.stretches ?? [];
    const openedFor = opened.get(deviceId);
    const loaded: LoadedTimeline =
      openedFor !== undefined
        ? { stretches: new Map([[FIRST, { from: null, until: null, profileId: openedFor, synthetic: false }]]), marks: new Set() }
        : (loadedTimelines.get(deviceId) ?? { stretches: new Map(), marks: new Set() });
    const byStart = new Map(pieces.map((piece) => [keyOf(piece.from), piece]));
    const byEnd = new Map(pieces.filter((piece) => piece.until !== null).map((piece) => [keyOf(piece.until), piece]));
    const changes = new Map<string, { at: Position; profileId: string }>();
    for (const key of news) {
      const piece = byStart.get(key);
      if (!piece?.from) throw new Error(`timeline of device ${deviceId} lost its new piece at ${key}`);
      const before = byEnd.get(key);
      if (before === undefined || before.profileId !== piece.profileId) changes.set(key, { at: piece.from, profileId: piece.profileId });
      else marks.push({ deviceId, posAt: piece.from.at.toISOString(), posSeq: piece.from.seq });
      // A mark that ends a piece of another profile id: from there on, the device is its stretch's user again.
      const end = piece.until;
      if (end === null) continue;
      const endKey = keyOf(end);
      if (news.has(endKey) || !loaded.marks.has(endKey) || loaded.stretches.has(endKey)) continue;
      const after = byStart.get(endKey)?.profileId ?? containing(loaded, end, deviceId).profileId;
      if (after !== piece.profileId) changes.set(endKey, { at: end, profileId: after });
    }
    const pending = [...changes.values()].sort((a, b) => comparePositions(a.at, b.at));
    for (const stretch of [...loaded.stretches.values()].sort((a, b) => compareStarts(a.from, b.from))) {
      const inside = pending.filter(
        ({ at }) =>
          (stretch.from === null || comparePositions(at, stretch.from) > 0) &&
          (stretch.until === null || comparePositions(at, stretch.until) < 0),
      );
      if (inside.length === 0 && !(stretch.synthetic && news.size > 0)) continue;
      // A device from before timelines gets its first stretch here, for the profile id it had.
      const first = inside[0];
      cuts.push({
        deviceId,
        cutFrom: atOf(stretch.from) ?? FIRST,
        cutFromSeq: seqOfPosition(stretch.from) ?? 0,
        cutProfileId: stretch.profileId,
        until: first ? first.at.at.toISOString() : atOf(stretch.until),
        untilSeq: first ? first.at.seq : seqOfPosition(stretch.until),
      });
      inside.forEach((change, index) => {
        const next = inside[index + 1]?.at ?? stretch.until;
        stretches.push({
          deviceId,
          from: change.at.at.toISOString(),
          fromSeq: change.at.seq,
          until: atOf(next),
          untilSeq: seqOfPosition(next),
          profileId: change.profileId,
        });
        pending.splice(pending.indexOf(change), 1);
      });
    }
    if (pending.length > 0) throw new Error(`timeline of device ${deviceId}: a new stretch start lies in no loaded stretch`);
  }
  const counters = (deviceId: string): { seq: number | null; earliestAt: string | null; earliestSeq: number | null } => {
    const timeline = snapshot.devices.get(deviceId)?.timeline;
    return {
      seq: timeline?.seq ?? null,
      earliestAt: timeline?.earliest ? timeline.earliest.at.toISOString() : null,
      earliestSeq: timeline?.earliest ? timeline.earliest.seq : null,
    };
  };
  return { opens, cuts, stretches, marks, moves, counters };
}

/** The loaded stored stretch holding a position. */
function containing(loaded: LoadedTimeline, at: Position, deviceId: string): LoadedStretch {
  for (const stretch of loaded.stretches.values()) {
    if (
      (stretch.from === null || comparePositions(stretch.from, at) <= 0) &&
      (stretch.until === null || comparePositions(at, stretch.until) < 0)
    )
      return stretch;
  }
  throw new Error(`timeline of device ${deviceId}: no loaded stretch holds ${keyOf(at)}`);
}
