// Rule 11, profile properties (traits), as pure data and functions. Each profile id keeps, per
// trait name, the newest write of the trait (a value, or a removal: a null) and the set-once values
// newer than it: what replaying every write of that name in timestamp order shows, so writes can
// arrive in any order and merge in any order (a late or replayed identify never overwrites a newer
// value). A profile's traits are those of all its profile ids, merged the
// same way; a merge needs no copying, and a demerge gives each profile id back its own. No I/O.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A timestamp (ISO-8601, so string order is time order) and, for equal timestamps, the arrival (a time-ordered id). */
export interface Stamp {
  at: string;
  arrival: string;
}

/** Where a write was made on its device's timeline (rule 10), so it can follow a moved stretch. */
export interface WrittenAt {
  deviceId: string;
  posAt: string;
  posSeq: number;
}

/** A value with the stamp of the write that set it. */
export type Written = Stamp & { value: Json; where?: WrittenAt | undefined };

/** One trait as one profile id holds it. */
export interface TraitState {
  /** The newest set or removal (value null). */
  set?: Written | undefined;
  /**
   * The set-once writes newer than `set`, oldest first: the oldest shows when `set` is a removal or
   * absent, and a later set may still make any of them the oldest after it. At most ONCE_KEPT.
   */
  once?: Written[] | undefined;
}

/**
 * How many set-once writes of one trait newer than its last set a profile id keeps. Past it the
 * newest go: a later set stamped after all the kept ones and before a dropped one is the one case
 * that shows differently from the timestamp order (docs/identity-rules.md, rule 11).
 */
export const ONCE_KEPT = 16;

/** One write of one trait: a set (null: a removal, rule 11's `unsetTraits`) or a set-once (`traitsOnce`). */
export interface TraitWrite extends Stamp {
  name: string;
  kind: "set" | "once";
  value: Json;
  where?: WrittenAt | undefined;
}

const after = (a: Stamp, b: Stamp | undefined): boolean => b === undefined || a.at > b.at || (a.at === b.at && a.arrival > b.arrival);

/** A trait with a write merged in. Order-free: merging writes in any order gives the same state. */
export function mergeTrait(state: TraitState | undefined, write: TraitWrite): TraitState {
  const { set, once = [] } = state ?? {};
  const stamped: Written = { at: write.at, arrival: write.arrival, value: write.value, ...(write.where ? { where: write.where } : {}) };
  const keep = (kept: Written[]): TraitState => (kept.length > 0 ? { set, once: kept } : { set });
  if (write.kind === "set") {
    if (!after(write, set)) return keep(once);
    // A set-once older than the newest set can never show again.
    const newer = once.filter((candidate) => after(candidate, stamped));
    return newer.length > 0 ? { set: stamped, once: newer } : { set: stamped };
  }
  // A set-once counts only after the newest set; the same write twice is one.
  if (set && !after(write, set)) return keep(once);
  if (once.some((candidate) => candidate.at === write.at && candidate.arrival === write.arrival)) return keep(once);
  const sorted = [...once, stamped].sort((a, b) => (after(a, b) ? 1 : -1));
  return keep(sorted.slice(0, ONCE_KEPT));
}

/** What a trait shows: its value and the stamp of the write that set it, or a removal (null), or nothing at all. */
export function shown(state: TraitState | undefined): Written | undefined {
  if (!state) return undefined;
  if (state.set && state.set.value !== null) return state.set;
  return state.once?.[0] ?? state.set;
}

/** The traits of several profile ids of one profile as one: per name, their writes merged (rule 11). */
export function mergeProfileIds(traits: Iterable<Map<string, TraitState>>): Map<string, TraitState> {
  const merged = new Map<string, TraitState>();
  for (const own of traits) {
    for (const [name, state] of own) {
      let into = merged.get(name);
      if (state.set) into = mergeTrait(into, { name, kind: "set", ...state.set });
      for (const once of state.once ?? []) into = mergeTrait(into, { name, kind: "once", ...once });
      if (into) merged.set(name, into);
    }
  }
  return merged;
}

/** A profile's traits as one JSON object: per name, the value it shows; removed ones left out (the contract's Profile.traits). */
export function traitsObject(traits: Map<string, TraitState>): Record<string, Json> {
  const object: Record<string, Json> = {};
  for (const name of [...traits.keys()].sort()) {
    const value = shown(traits.get(name))?.value;
    if (value !== undefined && value !== null) object[name] = value;
  }
  return object;
}

/** Whether two states show the same and will merge the same: equal in every part. */
export function sameTrait(a: TraitState | undefined, b: TraitState | undefined): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

/** The value a trait shows, comparable: undefined when it shows nothing or a removal. */
export const shownValue = (state: TraitState | undefined): Json | undefined => {
  const value = shown(state)?.value;
  return value === null ? undefined : value;
};

/**
 * The writes of a trait made on a device between two moments of its timeline, taken out of a state:
 * what a late login moves to another profile id (rule 10: the activity of a moved stretch goes with
 * it). Returns what stays and what moves. The profile id keeps only its newest set, so when that is
 * what moves, it keeps no set of that trait (its older value is not kept: docs/identity-rules.md, rule 11).
 */
export function splitTrait(
  state: TraitState,
  within: (where: WrittenAt) => boolean,
): { stays: TraitState | undefined; moves: TraitState | undefined } {
  const moving = (written: Written | undefined): boolean => written?.where !== undefined && within(written.where);
  const set = moving(state.set) ? undefined : state.set;
  const once = (state.once ?? []).filter((written) => !moving(written));
  const movedSet = moving(state.set) ? state.set : undefined;
  const movedOnce = (state.once ?? []).filter(moving);
  const make = (s: Written | undefined, o: Written[]): TraitState | undefined =>
    s === undefined && o.length === 0 ? undefined : { ...(s ? { set: s } : {}), ...(o.length > 0 ? { once: o } : {}) };
  return { stays: make(set, once), moves: make(movedSet, movedOnce) };
}
