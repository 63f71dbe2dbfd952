// Rule 8's receipts: what the store keeps of an observation's messageId, for the dedup window after
// it arrived. An answer that any observation could have given without changing anything (nothing
// created, merged or moved) is kept in parts — the profile id it was attributed to, the profile it
// was in, its warnings — and put back together when the messageId repeats; any other answer is
// kept whole. Past the window the messageId is forgotten: the observation is decided again.
import { encodeIdentifier } from "../persistence/audit.js";
import type { LockedMessage } from "../persistence/locks.js";
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

/** Whether a locked messageId has a receipt still inside the dedup window (`cutoff`: now minus the window, ISO). */
export function isRemembered(message: LockedMessage, cutoff: string): boolean {
  if (message.answer === null && message.profileId === null) return false;
  // A receipt from before dedup windows has no arrival time: the upgrade gives it one (src/retention/).
  return message.arrivedAt === null || message.arrivedAt >= cutoff;
}

/** Whether a locked messageId holds a receipt the dedup window has passed: it goes before the new one is written. */
export const isExpired = (message: LockedMessage, cutoff: string): boolean =>
  (message.answer !== null || message.profileId !== null) && !isRemembered(message, cutoff);

/** The answer a remembered receipt gave, whole or put back together from its parts. */
export function storedAnswer(message: LockedMessage): Resolution {
  if (message.answer !== null) return JSON.parse(message.answer) as Resolution;
  return {
    profileId: message.profile ?? message.profileId ?? "",
    assignedProfileId: message.profileId ?? "",
    created: false,
    mergedProfileIds: [],
    reattributed: [],
    warnings: message.warnings === null ? [] : (JSON.parse(message.warnings) as Warning[]),
  };
}
