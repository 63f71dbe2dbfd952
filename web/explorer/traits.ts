// A profile's traits as the explorer lists them (rule 11), from Profile.traits and traitList alone:
// per name, the value the profile shows, when and on which profile id it was set, and what its
// other profile ids hold for that name (each keeps its own: an unmerge gives it back to that side).
import type { Profile } from "./model.js";

export type TraitEntry = Profile["traitList"][number];

export interface TraitRow {
  name: string;
  /** The write the profile shows: its value, when and where; a removal (value null) when the trait is removed. */
  shown: TraitEntry;
  /** The name's other entries, on this or other profile ids, newest first: values that do not show, and removals. */
  others: TraitEntry[];
}

const json = (value: unknown): string => JSON.stringify(value ?? null);

/** One row per trait name the profile's profile ids hold, by name; a removed trait shows its removal. */
export function traitRows(profile: Pick<Profile, "traits" | "traitList">): TraitRow[] {
  const current: Record<string, unknown> = profile.traits ?? {};
  const byName = new Map<string, TraitEntry[]>();
  for (const entry of profile.traitList) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
  return [...byName.keys()].sort().map((name) => {
    const entries = [...(byName.get(name) ?? [])].sort((a, b) => b.at.localeCompare(a.at) || a.profileId.localeCompare(b.profileId));
    const value = Object.hasOwn(current, name) ? json(current[name]) : json(null);
    const shown = entries.find((entry) => json(entry.value) === value) ?? (entries[0] as TraitEntry);
    return { name, shown, others: entries.filter((entry) => entry !== shown) };
  });
}

/** A trait's value as a person reads it: text as it is, anything else as JSON; a removal says so. */
export const traitText = (value: unknown): string =>
  value === null || value === undefined ? "removed" : typeof value === "string" ? value : JSON.stringify(value);
