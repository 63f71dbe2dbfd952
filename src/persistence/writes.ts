// Write fragments that more than one store needs, each one statement over a list.
import type { ManagedTransaction } from "neo4j-driver";
import type { Identifier } from "../rules/model.js";
import { statement } from "./statements.js";

const SET_CURRENT = statement("persistence/set-current");
const SET_ROOTS = statement("persistence/set-roots");
const DROP_UNLINKED_IDENTIFIERS = statement("persistence/drop-unlinked-identifiers");
const REVISE_PROFILES = statement("persistence/revise-profiles");

/** Moves each device's CURRENT edge to the profile id given ("last known user"). */
export async function setCurrent(
  tx: ManagedTransaction,
  space: string,
  currents: ReadonlyArray<{ deviceId: string; profileId: string }>,
): Promise<void> {
  if (currents.length > 0) await tx.run(SET_CURRENT, { space, currents });
}

/** Sets the materialised merged-profile id (ProfileId.profile) of each profile id. */
export async function setRoots(
  tx: ManagedTransaction,
  space: string,
  reroots: ReadonlyArray<{ profileId: string; root: string }>,
): Promise<void> {
  if (reroots.length > 0) await tx.run(SET_ROOTS, { space, reroots });
}

/** Removes the identifiers among these that no longer identify any profile id. */
export async function dropUnlinkedIdentifiers(tx: ManagedTransaction, space: string, identifiers: readonly Identifier[]): Promise<void> {
  if (identifiers.length > 0) await tx.run(DROP_UNLINKED_IDENTIFIERS, { space, identifiers });
}

/** Gives the profiles of these roots a new revision: anything in them changed (src/rules/refusals.ts). */
export async function reviseProfiles(tx: ManagedTransaction, space: string, roots: Iterable<string>, rev: string): Promise<void> {
  const distinct = [...new Set(roots)];
  if (distinct.length > 0) await tx.run(REVISE_PROFILES, { space, roots: distinct, rev });
}
