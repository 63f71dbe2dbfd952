// Which export a JSON line comes from, by its shape, and the mapper for it.
import { type ExportFormat, isObject, type LineOutcome, refuse } from "./draft.js";
import { mixpanelLine } from "./mixpanel.js";
import { posthogLine } from "./posthog.js";
import { SEGMENT_TYPES, segmentLine } from "./segment.js";

/**
 * Segment/RudderStack: a spec `type`; Mixpanel: `event` with a `properties` object and no
 * top-level distinct_id; PostHog: `event` with a top-level `distinct_id` or `uuid`.
 */
export function detectFormat(line: Record<string, unknown>): ExportFormat | undefined {
  if (typeof line["type"] === "string" && SEGMENT_TYPES.has(line["type"])) {
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

/** Maps one parsed line; `format` is the one given with --format, or undefined to detect it. */
export function mapExportLine(
  parsed: unknown,
  format: ExportFormat | undefined,
  types: readonly string[],
): { format: ExportFormat | undefined; outcome: LineOutcome } {
  if (!isObject(parsed)) return { format, outcome: refuse("not a JSON object") };
  const lineFormat = format ?? detectFormat(parsed);
  switch (lineFormat) {
    case "segment":
    case "rudderstack":
      return { format: lineFormat, outcome: segmentLine(parsed, types) };
    case "mixpanel":
      return { format: lineFormat, outcome: mixpanelLine(parsed, types) };
    case "posthog":
      return { format: lineFormat, outcome: posthogLine(parsed, types) };
    default:
      return { format: undefined, outcome: refuse("not a Segment, RudderStack, Mixpanel or PostHog event") };
  }
}
