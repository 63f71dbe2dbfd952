// Device timelines (rule 10) as the graph stores them: (:Stretch {space, deviceId, from, fromSeq,
// until, untilSeq, profileId})-[:ATTRIBUTED_TO]->(:ProfileId), keyed by where they start. Times are
// ISO-8601 strings, which sort as the moments they name; the first stretch starts at "". This
// module turns stored rows into the rules' Timeline and the rules' steps into the rows the
// statements of cypher/timeline/ write.
import type { Step } from "../rules/decide.js";
import type { Observation, Resolution } from "../rules/model.js";
import type { ReceiptPlace, Snapshot } from "../rules/snapshot.js";
import type { Position, Stretch, Timeline } from "../rules/timeline.js";
import { list, num, obj, optStr, str } from "../persistence/rows.js";

/** A moment after every stored one: the stretch holding it is the device's latest. */
const LATEST = "9999-12-31T23:59:59.999Z";
/** Where the first stretch of a device starts in the graph (null in the rules). */
const FIRST = "";

/**
 * The moments whose stretches a batch needs, by device: each observation's timestamp on its device,
 * and each device's latest. A map, so read-neighbourhood.cypher finds a device's moments by key
 * (scanning one list of all the batch's moments for each device cost time quadratic in the batch).
 */
export function timelineMoments(observations: readonly Observation[]): Record<string, string[]> {
  const moments = new Map<string, Set<string>>();
  for (const { deviceId, at } of observations) {
    if (deviceId === undefined) continue;
    const own = moments.get(deviceId) ?? new Set([LATEST]);
    own.add(at.toISOString());
    moments.set(deviceId, own);
  }
  return Object.fromEntries([...moments].map(([deviceId, own]) => [deviceId, [...own]]));
}

const seqOf = (value: unknown, what: string): number => (value === null || value === undefined ? 0 : num(value, what));

function position(at: string | null, seq: unknown, what: string): Position | null {
  return at === null || at === FIRST ? null : { at: new Date(at), seq: seqOf(seq, what) };
}

/**
 * A device's timeline from the neighbourhood row. A device from before timelines has no stretch:
 * its whole activity is its current profile id's, as it was decided by arrival.
 */
export function decodeTimeline(row: Record<string, unknown>, current: string, what: string): Timeline {
  const stretches: Stretch[] = list(row["stretches"] ?? [], `${what}.stretches`, (entry, where) => {
    const stretch = obj(entry, where);
    return {
      from: position(str(stretch["from"], `${where}.from`), stretch["fromSeq"], `${where}.fromSeq`),
      until: position(optStr(stretch["until"], `${where}.until`), stretch["untilSeq"], `${where}.untilSeq`),
      profileId: str(stretch["profileId"], `${where}.profileId`),
    };
  });
  const key = (stretch: Stretch) => (stretch.from === null ? [-Infinity, 0] : [stretch.from.at.getTime(), stretch.from.seq]);
  stretches.sort((a, b) => {
    const [at, seq] = key(a) as [number, number];
    const [bt, bseq] = key(b) as [number, number];
    return at - bt || seq - bseq;
  });
  const earliestAt = optStr(row["earliestAt"], `${what}.earliestAt`);
  const newest = optStr(row["newest"], `${what}.newest`);
  return {
    stretches: stretches.length > 0 ? stretches : [{ from: null, until: null, profileId: current }],
    seq: seqOf(row["seq"], `${what}.seq`),
    earliest: earliestAt === null ? undefined : { at: new Date(earliestAt), seq: seqOf(row["earliestSeq"], `${what}.earliestSeq`) },
    newest: newest === null ? undefined : new Date(newest),
  };
}

export interface StoredPlace {
  place: ReceiptPlace;
  /** Where a moved stretch took the receipt's observation: its profile id and that profile id's profile then. */
  movedTo: string | null;
  movedProfile: string | null;
}

export function decodePlaces(value: unknown): Map<string, StoredPlace> {
  const places = new Map<string, StoredPlace>();
  for (const row of list(value ?? [], "places", (entry, what) => ({ row: obj(entry, what), what }))) {
    const { what } = row;
    const messageId = str(row.row["messageId"], `${what}.messageId`);
    const posAt = optStr(row.row["posAt"], `${what}.posAt`);
    if (posAt === null) continue;
    places.set(messageId, {
      place: {
        deviceId: str(row.row["deviceId"], `${what}.deviceId`),
        position: { at: new Date(posAt), seq: seqOf(row.row["posSeq"], `${what}.posSeq`) },
      },
      movedTo: optStr(row.row["movedTo"], `${what}.movedTo`),
      movedProfile: optStr(row.row["movedProfile"], `${what}.movedProfile`),
    });
  }
  return places;
}

/** A stored answer as it stands now: a moved stretch took its observation to another profile id (rule 10). */
export function currentAnswer(answer: Resolution, stored: StoredPlace | undefined): Resolution {
  if (!stored?.movedTo) return answer;
  return { ...answer, assignedProfileId: stored.movedTo, profileId: stored.movedProfile ?? stored.movedTo };
}

const atOf = (position: Position | null): string | null => (position === null ? null : position.at.toISOString());
const seqOfPosition = (position: Position | null): number | null => (position === null ? null : position.seq);

/**
 * The timeline writes of a batch's steps, and each touched device's counters after the batch.
 * A batch's stretch starts are written as their end state: each stored stretch a start cut, with
 * the `until` of its last cut, and each new stretch once, with its `until` after the batch (a later
 * observation of the batch may have cut it). So start-stretches.cypher needs no row-by-row order.
 */
export function timelineWrites(steps: readonly Step[], snapshot: Snapshot) {
  const opens: Array<{ deviceId: string; profileId: string }> = [];
  const cuts = new Map<string, Record<string, unknown>>();
  const stretches = new Map<string, Record<string, unknown>>();
  const moves: Array<Record<string, unknown>> = [];
  const keyOf = (deviceId: string, from: string, fromSeq: number): string => `${deviceId}\u0000${from}\u0000${fromSeq}`;
  for (const step of steps) {
    if (step.kind === "openTimeline") opens.push({ deviceId: step.deviceId, profileId: step.profileId });
    else if (step.kind === "startStretch") {
      const cutFrom = atOf(step.cut) ?? FIRST;
      const cutFromSeq = seqOfPosition(step.cut) ?? 0;
      const until = { until: atOf(step.stretch.from), untilSeq: seqOfPosition(step.stretch.from) };
      const cutKey = keyOf(step.deviceId, cutFrom, cutFromSeq);
      const started = stretches.get(cutKey);
      if (started) Object.assign(started, until);
      else cuts.set(cutKey, { deviceId: step.deviceId, cutFrom, cutFromSeq, cutProfileId: step.cutProfileId, ...until });
      const from = atOf(step.stretch.from);
      const fromSeq = seqOfPosition(step.stretch.from);
      stretches.set(keyOf(step.deviceId, from ?? FIRST, fromSeq ?? 0), {
        deviceId: step.deviceId,
        from,
        fromSeq,
        until: atOf(step.stretch.until),
        untilSeq: seqOfPosition(step.stretch.until),
        profileId: step.stretch.profileId,
      });
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
  const counters = (deviceId: string): { seq: number | null; earliestAt: string | null; earliestSeq: number | null } => {
    const timeline = snapshot.devices.get(deviceId)?.timeline;
    return {
      seq: timeline?.seq ?? null,
      earliestAt: timeline?.earliest ? timeline.earliest.at.toISOString() : null,
      earliestSeq: timeline?.earliest ? timeline.earliest.seq : null,
    };
  };
  return { opens, cuts: [...cuts.values()], stretches: [...stretches.values()], moves, counters };
}

/** A receipt's place as save-receipts.cypher stores it. */
export function placeRow(place: ReceiptPlace | undefined): { deviceId: string | null; posAt: string | null; posSeq: number | null } {
  return place
    ? { deviceId: place.deviceId, posAt: place.position.at.toISOString(), posSeq: place.position.seq }
    : { deviceId: null, posAt: null, posSeq: null };
}
