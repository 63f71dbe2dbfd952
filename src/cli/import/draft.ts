// The import's formats, and what one CSV row becomes before it is sent (export lines are mapped by
// the SDK endpoints' modules, src/ingest/*-events.ts).
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
  /** Rule 11: the row's profile properties (its other columns), when it has any. */
  traits?: Record<string, string>;
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
