// Which export a JSON line comes from, by its shape, and its vendor's mapping: the same pure
// modules the live SDK endpoints use (src/ingest/*-events.ts), so an exported event and the same
// event sent by the SDK become the same observation, under the same rules file (traitMapping).
import type { MappedEvent } from "../../ingest/mapping.js";
import { mixpanelCandidates, mixpanelEvents } from "../../ingest/mixpanel-events.js";
import { posthogCandidates, posthogEvents } from "../../ingest/posthog-events.js";
import { SEGMENT_TYPES, segmentCandidates, segmentEvents } from "../../ingest/segment-events.js";
import type { IdentityRules } from "../../rules/rules-config.js";
import { type ExportFormat, isObject } from "./draft.js";

const isSegmentType = (type: unknown): boolean => (SEGMENT_TYPES as readonly unknown[]).includes(type);

/**
 * Segment/RudderStack: a spec `type`; Mixpanel: `event` with a `properties` object and no
 * top-level distinct_id; PostHog: `event` with a top-level `distinct_id` or `uuid`.
 */
export function detectFormat(line: Record<string, unknown>): ExportFormat | undefined {
  if (isSegmentType(line["type"])) {
    return "rudderId" in line || line["channel"] === "server" || "rudderId" in (isObject(line["context"]) ? line["context"] : {})
      ? "rudderstack"
      : "segment";
  }
  if (typeof line["event"] === "string") {
    if ("distinct_id" in line || "uuid" in line) return "posthog";
    if (isObject(line["properties"])) return "mixpanel";
  }
  return undefined;
}

/** A parsed line's format (the one given with --format, else detected), or why it is no export line. */
export function exportLineFormat(
  parsed: unknown,
  format: ExportFormat | undefined,
): { format: ExportFormat; event: Record<string, unknown> } | { refused: string } {
  if (!isObject(parsed)) return { refused: "not a JSON object" };
  const lineFormat = format ?? detectFormat(parsed);
  if (lineFormat === undefined) return { refused: "not a Segment, RudderStack, Mixpanel or PostHog event" };
  return { format: lineFormat, event: parsed };
}

/** The ids of an event whose role (user or device) depends on whether the space knows them as user ids. */
export function exportCandidates(format: ExportFormat, event: unknown): string[] {
  if (format === "mixpanel") return mixpanelCandidates([event]);
  if (format === "posthog") return posthogCandidates([event]);
  return segmentCandidates([event]);
}

/** One export line to an observation, given the user ids known so far (the space's and this import's). */
export function mapExportEvent(format: ExportFormat, event: unknown, known: ReadonlySet<string>, rules: IdentityRules): MappedEvent {
  const [mapped] =
    format === "mixpanel"
      ? mixpanelEvents([event], known, rules)
      : format === "posthog"
        ? posthogEvents([event], known, rules)
        : segmentEvents([event], known, { rules, receivedAt: new Date(), exported: true });
  return mapped ?? { kind: "invalid", message: "no event" };
}
