// Rule 8's receipts: what the store keeps of an observation's messageId, for the dedup window after
// it arrived. An answer that any observation could have given without changing anything (nothing
// created, merged or moved) is kept in parts — the profile id it was attributed to, the profile it
// was in, its warnings — and put back together when the messageId repeats; any other answer is
// kept whole. Past the window the messageId is forgotten: the observation is decided again.
import { encodeIdentifier } from "../persistence/audit.js";
import type { ReceiptPlace } from "../rules/snapshot.js";
import type { Resolution, Warning } from "../rules/model.js";

/** Whether an answer can be put back together from its parts (see the module comment). */
const inParts = (answer: Resolution): boolean =>
  !answer.created && answer.mergedProfileIds.length === 0 && answer.reattributed.length === 0;

/** A receipt as save-receipts.cypher writes it. */
export interface ReceiptRow {
  messageId: string;
  /** The whole answer (JSON), or null when it is kept in parts. */
  answer: string | null;
  profileId: string;
  profile: string;
  /** The warnings (JSON) of an answer kept in parts; null when there are none. */
  warnings: string | null;
  /** The identifiers its warnings name ("type:value"): GDPR delete finds the receipt by them. */
  mentions: string[] | null;
  at: string;
  arrivedAt: string;
  deviceId: string | null;
  posAt: string | null;
  posSeq: number | null;
  /** Also its device's timeline mark (rule 10): an identified observation that kept the device's profile id. */
  mark: boolean;
}

export function receiptRow(
  messageId: string,
  answer: Resolution,
  timing: { at: Date; arrivedAt: string },
  place: ReceiptPlace | undefined,
  mark: boolean,
): ReceiptRow {
  const mentioned = [...new Set(answer.warnings.flatMap((warning) => (warning.identifier ? [encodeIdentifier(warning.identifier)] : [])))];
  const parts = inParts(answer);
  return {
    messageId,
    answer: parts ? null : JSON.stringify(answer),
    profileId: answer.assignedProfileId,
    profile: answer.profileId,
    warnings: parts && answer.warnings.length > 0 ? JSON.stringify(answer.warnings) : null,
    mentions: mentioned.length > 0 ? mentioned : null,
    at: timing.at.toISOString(),
    arrivedAt: timing.arrivedAt,
    deviceId: place?.deviceId ?? null,
    posAt: place ? place.position.at.toISOString() : null,
    posSeq: place ? place.position.seq : null,
    mark,
  };
}

/** A receipt as the store reads it back (read-neighbourhood.cypher). */
export interface StoredReceipt {
  messageId: string;
  /** The whole answer (JSON)... */
  answer: string | null;
  /** ...or its parts: the profile id it is attributed to now, its profile when answered, its warnings (JSON). */
  profileId: string | null;
  profile: string | null;
  warnings: string | null;
  /** When it arrived (ISO): past the dedup window it is forgotten. */
  arrivedAt: string | null;
  /** Where its observation sits on its device's timeline (rule 10). */
  place: ReceiptPlace | undefined;
  /** Where a moved stretch took its observation: the profile id, and that profile id's profile then. */
  movedTo: string | null;
  movedProfile: string | null;
}

/** Whether a receipt is still inside the dedup window (`cutoff`: now minus the window, ISO). */
export function isRemembered(receipt: StoredReceipt, cutoff: string): boolean {
  // A receipt from before dedup windows has no arrival time: the upgrade gives it one (src/retention/).
  return receipt.arrivedAt === null || receipt.arrivedAt >= cutoff;
}

/** The answer a remembered receipt gives now: as first given (whole, or put back together from its parts), or where a moved stretch took it (rule 10). */
export function storedAnswer(receipt: StoredReceipt): Resolution {
  const first: Resolution =
    receipt.answer !== null
      ? (JSON.parse(receipt.answer) as Resolution)
      : {
          profileId: receipt.profile ?? receipt.profileId ?? "",
          assignedProfileId: receipt.profileId ?? "",
          created: false,
          mergedProfileIds: [],
          reattributed: [],
          warnings: receipt.warnings === null ? [] : (JSON.parse(receipt.warnings) as Warning[]),
        };
  if (!receipt.movedTo) return first;
  return { ...first, assignedProfileId: receipt.movedTo, profileId: receipt.movedProfile ?? receipt.movedTo };
}
