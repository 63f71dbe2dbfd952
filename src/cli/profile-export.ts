// `idgraph export`: every profile id of a space with the profile it belongs to, in id order, read
// a page at a time, for mapping stored assignedProfileIds in a warehouse; with each row, the
// profile's traits (rule 11: what Profile.traits shows) and the traits set on that profile id itself
// (its part of Profile.traitList), read in the page's transaction.
import { int } from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import { str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import { traitPairs } from "../persistence/trait-rows.js";
import { traitListOf } from "../profiles/profile.reader.js";
import { type Json, mergeProfileIds, type TraitState, traitsObject } from "../rules/traits.js";

const PAGE = statement("cli/profile-id-page");
const TRAITS = statement("cli/profile-traits-of-roots");

export interface ExportedProfileId {
  profileId: string;
  profile: string;
  /** The profile's traits, as Profile.traits shows them. */
  traits: Record<string, Json>;
  /** The traits set on this profile id (a removal's value is null), as Profile.traitList lists them. */
  traitList: Array<{ name: string; value: Json; at: string }>;
}

export async function* profileIdMapping(executor: Executor, space: string, pageSize = 10_000): AsyncGenerator<ExportedProfileId> {
  let after = "";
  for (;;) {
    const rows = await executor.read({ operation: "export", space }, async (tx) => {
      const page = (await tx.run(PAGE, { space, after, limit: int(pageSize) })).records.map((record) => ({
        profileId: str(record.get("profileId"), "profileId"),
        profile: str(record.get("profile"), "profile"),
      }));
      const roots = [...new Set(page.map((row) => row.profile))];
      // Per profile, per profile id, per trait name: the stored state.
      const traits = new Map<string, Map<string, Map<string, TraitState>>>();
      for (const record of (await tx.run(TRAITS, { space, roots })).records) {
        const root = str(record.get("root"), "root");
        const own = traits.get(root) ?? new Map<string, Map<string, TraitState>>();
        own.set(str(record.get("profileId"), "profileId"), new Map(traitPairs(record.get("traits"), "traits")));
        traits.set(root, own);
      }
      const profileTraits = new Map([...traits].map(([root, own]) => [root, traitsObject(mergeProfileIds(own.values()))]));
      return page.map((row) => {
        const own = traits.get(row.profile)?.get(row.profileId);
        return {
          ...row,
          traits: profileTraits.get(row.profile) ?? {},
          traitList: own
            ? traitListOf(new Map([[row.profileId, own]])).map(({ name, value, at }) => ({ name, value, at: at.toISOString() }))
            : [],
        };
      });
    });
    yield* rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) return;
    after = last.profileId;
  }
}

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
export const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
