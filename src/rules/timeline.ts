// A device's timeline (docs/identity-rules.md rule 10): its activity cut into stretches at its identified
// observations, each stretch attributed to one profile id. Pure data and lookups; no I/O.

/**
 * Where an observation sits on its device's timeline: its timestamp, then its arrival on the device
 * (`seq`, counting up per device). Equal timestamps are ordered by arrival, so observations without
 * a timestamp of their own (stamped on receipt) keep their arrival order exactly as before rule 10.
 */
export interface Position {
  at: Date;
  seq: number;
}

/** `[from, until)` of one device's activity, attributed to `profileId`. */
export interface Stretch {
  /** Inclusive; null for the device's first stretch, which reaches back without limit. */
  from: Position | null;
  /** Exclusive; null for the device's latest stretch, which runs on to the present. */
  until: Position | null;
  profileId: string;
}

/** What a snapshot holds of one device's timeline. */
export interface Timeline {
  /**
   * Stretches in timeline order. The store loads only those that hold the batch's timestamps (and
   * the latest); a stretch split while deciding stays in this list, followed by its new part.
   */
  stretches: Stretch[];
  /** Arrivals counted so far on the device: the next observation gets seq + 1. */
  seq: number;
  /** The position of the device's earliest activity (undefined before its first observation). */
  earliest: Position | undefined;
  /** The device's newest observation timestamp: the late window counts back from it. */
  newest: Date | undefined;
}

export const comparePositions = (a: Position, b: Position): number => a.at.getTime() - b.at.getTime() || a.seq - b.seq;

/** A moment as a position after every arrival: what `attribution(deviceId, at)` asks about. */
export const momentOf = (at: Date): Position => ({ at, seq: Number.POSITIVE_INFINITY });

export function holds(stretch: Stretch, position: Position): boolean {
  return (
    (stretch.from === null || comparePositions(stretch.from, position) <= 0) &&
    (stretch.until === null || comparePositions(position, stretch.until) < 0)
  );
}

/** The stretch holding a position, among those loaded. Stretches never overlap, so there is at most one. */
export function stretchHolding(timeline: Timeline, position: Position): Stretch | undefined {
  return timeline.stretches.find((stretch) => holds(stretch, position));
}

export const copyPosition = (position: Position | null): Position | null =>
  position === null ? null : { at: new Date(position.at.getTime()), seq: position.seq };

export function copyTimeline(timeline: Timeline): Timeline {
  return {
    stretches: timeline.stretches.map((stretch) => ({
      from: copyPosition(stretch.from),
      until: copyPosition(stretch.until),
      profileId: stretch.profileId,
    })),
    seq: timeline.seq,
    earliest: timeline.earliest === undefined ? undefined : (copyPosition(timeline.earliest) as Position),
    newest: timeline.newest === undefined ? undefined : new Date(timeline.newest.getTime()),
  };
}

/**
 * Could `[from, until)`, starting at a new arrival, hold activity the device has already shown? Only
 * if it starts before the device's newest activity (what is stamped at that very moment arrived
 * before it) and ends after its earliest. A login stamped after everything on the device moves nothing.
 */
export function mayHoldActivity(timeline: Timeline, from: Position, until: Position | null): boolean {
  const { earliest, newest } = timeline;
  if (earliest === undefined || newest === undefined) return false;
  if (from.at.getTime() >= newest.getTime()) return false;
  return until === null || comparePositions(earliest, until) < 0;
}

/** Parses a duration such as `7d`, `36h`, `90m`, `30s` or `500ms` into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "ms" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}
