// Rule 11's traits as the store keeps them: one (:Trait {space, profileId, name, state}) per trait
// a profile id holds, its state (rules/traits.ts TraitState) as JSON. One way to read them back.
import type { TraitState } from "../rules/traits.js";
import { list, str } from "./rows.js";

/** A statement's `[name, state]` pairs of one profile id's traits. */
export const traitPairs = (value: unknown, what: string): Array<[string, TraitState]> =>
  list(value, what, (entry, item): [string, TraitState] => {
    if (!Array.isArray(entry) || entry.length !== 2) throw new Error(`unexpected row shape: ${item} is not a [name, state] pair`);
    return [str(entry[0], `${item}.name`), JSON.parse(str(entry[1], `${item}.state`)) as TraitState];
  });

/** A trait's state as stored; null when nothing is left of it (the node goes). */
export const traitRow = (state: TraitState | undefined): string | null => (state ? JSON.stringify(state) : null);
