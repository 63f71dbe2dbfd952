// The identity counts of a set of Resolution answers, in one place: the metrics and the CLI's
// import summary both read them from here.
import type { Resolution } from "../rules/model.js";

export interface ResolutionTally {
  /** Every answered observation, repeats included. */
  observations: number;
  /** Answers to a messageId already applied (DUPLICATE_MESSAGE): nothing changed. */
  duplicates: number;
  newProfiles: number;
  /** Profiles merged away (the length of mergedProfileIds). */
  merges: number;
  /** IDENTIFIER_CONFLICT warnings: an identifier refused by its type's limit. */
  conflicts: number;
  /** DEVICE_LIMIT_REACHED warnings: a device kept as a ghost profile (rule 7). */
  ghostProfiles: number;
  /** BLOCKED_IDENTIFIER warnings: a placeholder or over-long value ignored. */
  blockedValues: number;
  /** Stretches of a device's activity moved to another profile by a late identified observation (rule 10). */
  reattributions: number;
}

export const emptyTally = (): ResolutionTally => ({
  observations: 0,
  duplicates: 0,
  newProfiles: 0,
  merges: 0,
  conflicts: 0,
  ghostProfiles: 0,
  blockedValues: 0,
  reattributions: 0,
});

/** A repeat's answer is the first answer again: only its duplicate is counted, not what the first did. */
export function tallyResolutions(resolutions: readonly Resolution[], into: ResolutionTally = emptyTally()): ResolutionTally {
  for (const resolution of resolutions) {
    into.observations += 1;
    if (resolution.warnings.some((warning) => warning.code === "DUPLICATE_MESSAGE")) {
      into.duplicates += 1;
      continue;
    }
    if (resolution.created) into.newProfiles += 1;
    into.merges += resolution.mergedProfileIds.length;
    into.reattributions += resolution.reattributed.length;
    for (const warning of resolution.warnings) {
      if (warning.code === "IDENTIFIER_CONFLICT") into.conflicts += 1;
      else if (warning.code === "DEVICE_LIMIT_REACHED") into.ghostProfiles += 1;
      else if (warning.code === "BLOCKED_IDENTIFIER") into.blockedValues += 1;
    }
  }
  return into;
}
