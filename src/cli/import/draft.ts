// What one export line or CSV row becomes before it is sent: an observation, except that an id
// whose kind the line does not say (Mixpanel's and PostHog's distinct_id, Segment's alias
// previousId) is settled by the importer, which knows the user ids already in the space.
import type { Identifier } from "../../rules/model.js";

export type ExportFormat = "segment" | "rudderstack" | "mixpanel" | "posthog";
export type ImportFormat = ExportFormat | "csv";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["segment", "rudderstack", "mixpanel", "posthog"];

export interface ObservationDraft {
  messageId: string | undefined;
  deviceId: string | undefined;
  identifiers: Identifier[];
  /** Ids that are a user id when the space (or this import) knows them as one, else the device (the first, when there is none). */
  distinctIds: string[];
  timestamp: Date | undefined;
  event: string | undefined;
}

/** A line is an observation to send, one to skip on purpose (a `group` call), or refused with a reason. */
export type LineOutcome =
  | { kind: "observation"; draft: ObservationDraft }
  | { kind: "skip"; reason: string }
  | { kind: "refuse"; reason: string };

export const refuse = (reason: string): LineOutcome => ({ kind: "refuse", reason });
export const skip = (reason: string): LineOutcome => ({ kind: "skip", reason });

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** A non-empty string, or a number written as one (ids are often numeric in exports); anything else is absent. */
export function idString(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** ISO-8601 strings, or epoch seconds / milliseconds (Mixpanel's `time`); an unreadable value refuses the line. */
export function readTimestamp(value: unknown): Date | undefined | "invalid" {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "invalid";
    // Seconds until 2286, milliseconds after: Mixpanel's own rule for `time`.
    return new Date(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value !== "string") return "invalid";
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? "invalid" : at;
}

/** Identifiers from a trait bag: every configured type except user_id, by its name (`email`, `phone`, ...). */
export function traitIdentifiers(traits: unknown, types: readonly string[]): Identifier[] {
  if (!isObject(traits)) return [];
  const found: Identifier[] = [];
  for (const type of types) {
    if (type === "user_id") continue;
    const value = idString(traits[type]);
    if (value !== undefined) found.push({ type, value });
  }
  return found;
}

/** Adds identifiers, keeping the first value of each type and value. */
export function addIdentifiers(into: Identifier[], more: readonly Identifier[]): void {
  for (const identifier of more) {
    if (!into.some((known) => known.type === identifier.type && known.value === identifier.value)) into.push(identifier);
  }
}
