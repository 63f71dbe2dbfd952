// Validation and normalisation of an observation (docs/identity-rules.md, "Identifier rules"): unknown
// types and impossible inputs are BAD_USER_INPUT; blocked values are dropped with a warning.
import { badInput } from "../errors.js";
import type { Identifier, Observation, ObservationInput, TraitChange, Warning } from "./model.js";
import type { IdentifierTypeRule, IdentityRules, Normalisation } from "./rules-config.js";
import type { Json } from "./traits.js";

export function normaliseValue(value: string, how: Normalisation): string {
  switch (how) {
    case "none":
      return value;
    case "trim":
      return value.trim();
    case "lowercase":
      return value.trim().toLowerCase();
    case "email":
      return value.trim().toLowerCase();
    case "phone": {
      const trimmed = value.trim();
      const plus = trimmed.startsWith("+") ? "+" : "";
      return plus + trimmed.replace(/[\s\-.()[\]+]/g, "");
    }
  }
}

/** The configured rule of an identifier type; BAD_USER_INPUT (prefixed with `where`) for an unknown type. */
export function identifierRule(type: string, rules: IdentityRules, where?: string): IdentifierTypeRule {
  const rule = rules.types.get(type);
  if (!rule)
    throw badInput(`${where ? `${where}: ` : ""}unknown identifier type '${type}'; configured types: ${rules.typeOrder.join(", ")}`);
  return rule;
}

/** Why a (normalised) value may not stand for a person or a device, or undefined when it may. */
export function blockReason(value: string, rules: IdentityRules): string | undefined {
  if (value.trim() === "") return "empty";
  if (value.length > rules.maxValueLength) return `longer than ${rules.maxValueLength} characters`;
  const folded = value.trim().toLowerCase();
  if (rules.blocklist.has(folded)) return "on the blocklist";
  if (rules.blockedPatterns.some((pattern) => pattern.test(folded))) return "on the blocklist";
  return undefined;
}

const blockedWarning = (identifier: Identifier, reason: string): Warning => ({
  code: "BLOCKED_IDENTIFIER",
  message: `${identifier.type} ignored for identity: ${reason}`,
  identifier,
});

/** Hard limits beyond the rules' own: a value this long is a broken client, not a person. */
export const MAX_RAW_VALUE_LENGTH = 4096;
/** No person has this many identifiers in one observation; more is a broken or hostile client. */
export const MAX_IDENTIFIERS_PER_OBSERVATION = 50;
/** Timestamps outside this window are a broken clock or a unit mistake (seconds for milliseconds). */
const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * Validates one observation and returns it normalised. Throws BAD_USER_INPUT (nothing written) for
 * an unknown identifier type, a value or id that is not a string of sane size, or an observation
 * with neither a usable device nor a usable identifier (rule 1).
 */
export function normaliseObservation(input: ObservationInput, rules: IdentityRules, receivedAt: Date, where = "input"): Observation {
  const warnings: Warning[] = [];
  const raw: Identifier[] = [];
  if (input.userId !== undefined && input.userId !== null) raw.push({ type: "user_id", value: input.userId });
  for (const identifier of input.identifiers ?? []) raw.push(identifier);
  if (raw.length > MAX_IDENTIFIERS_PER_OBSERVATION) {
    throw badInput(`${where}: an observation holds at most ${MAX_IDENTIFIERS_PER_OBSERVATION} identifiers; got ${raw.length}`);
  }

  // Rule 11: a trait named by traitMapping (email, phone) is that identifier, never stored twice (not a trait too).
  const traits = normaliseTraits(input, rules, where);
  for (const [name, value] of [...Object.entries(input.traits ?? {}), ...Object.entries(input.traitsOnce ?? {})]) {
    const type = rules.traitMapping.get(name);
    if (type !== undefined && typeof value === "string" && value.trim() !== "") raw.push({ type, value });
  }

  const seen = new Set<string>();
  const identifiers: Identifier[] = [];
  for (const identifier of raw) {
    const rule = identifierRule(identifier.type, rules, where);
    if (typeof identifier.value !== "string" || identifier.value.length > MAX_RAW_VALUE_LENGTH) {
      throw badInput(`${where}: ${identifier.type} value must be a string of at most ${MAX_RAW_VALUE_LENGTH} characters`);
    }
    const value = normaliseValue(identifier.value, rule.normalise);
    const normalised = { type: identifier.type, value };
    const reason = blockReason(value, rules);
    if (reason !== undefined) {
      warnings.push(blockedWarning(normalised, reason));
      continue;
    }
    const key = `${identifier.type}\u0000${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    identifiers.push(normalised);
  }
  const order = new Map(rules.typeOrder.map((type, index) => [type, index]));
  identifiers.sort((a, b) => (order.get(a.type) ?? 0) - (order.get(b.type) ?? 0));

  let deviceId: string | undefined;
  if (input.deviceId !== undefined && input.deviceId !== null) {
    if (typeof input.deviceId !== "string" || input.deviceId.length > MAX_RAW_VALUE_LENGTH) {
      throw badInput(`${where}: deviceId must be a string of at most ${MAX_RAW_VALUE_LENGTH} characters`);
    }
    const trimmed = input.deviceId.trim();
    const reason = blockReason(trimmed, rules);
    if (reason === undefined) deviceId = trimmed;
    else warnings.push(blockedWarning({ type: "device_id", value: input.deviceId }, reason));
  }

  if (deviceId === undefined && identifiers.length === 0) {
    const why =
      raw.length > 0 || input.deviceId != null ? "every identifier and device id given is blocked" : "no deviceId and no identifiers";
    throw badInput(`${where}: an observation needs a deviceId or at least one identifier (${why})`, { rule: 1 });
  }

  let at = receivedAt;
  if (input.timestamp !== undefined && input.timestamp !== null) {
    if (!(input.timestamp instanceof Date) || Number.isNaN(input.timestamp.getTime())) {
      throw badInput(`${where}: timestamp must be an ISO-8601 date-time`);
    }
    const time = input.timestamp.getTime();
    if (time < EARLIEST_TIMESTAMP || time > receivedAt.getTime() + MAX_FUTURE_MS) {
      throw badInput(`${where}: timestamp ${input.timestamp.toISOString()} is before 2000 or more than a day in the future`);
    }
    at = input.timestamp;
  }
  const messageId = input.messageId ?? undefined;
  if (messageId !== undefined && (messageId.length === 0 || messageId.length > 256)) {
    throw badInput(`${where}: messageId must be 1 to 256 characters`);
  }
  const event = input.event ?? undefined;
  if (event !== undefined && event.length > 256) throw badInput(`${where}: event must be at most 256 characters`);
  return { messageId, deviceId, identifiers, at, event, traits, warnings };
}

/** Rule 11's limits: traits a call, a name's length, a value's size as JSON and its nesting. */
export const MAX_TRAITS_PER_OBSERVATION = 300;
export const MAX_TRAIT_NAME_LENGTH = 256;
export const MAX_TRAIT_VALUE_BYTES = 8192;
export const MAX_TRAIT_DEPTH = 8;

const depthOf = (value: unknown): number =>
  Array.isArray(value)
    ? 1 + Math.max(0, ...value.map(depthOf))
    : typeof value === "object" && value !== null
      ? 1 + Math.max(0, ...Object.values(value).map(depthOf))
      : 0;

/**
 * An observation's traits (set, set once, removed) checked against rule 11's limits — a refusal
 * names the trait and the limit, and nothing of the observation is written — without those
 * traitMapping makes identifiers (rule 11: never stored twice).
 */
function normaliseTraits(input: ObservationInput, rules: IdentityRules, where: string): TraitChange[] {
  const given: Array<{ name: string; kind: "set" | "once"; value: unknown }> = [];
  const objectOf = (value: unknown, field: string): Array<[string, unknown]> => {
    if (value === undefined || value === null) return [];
    if (typeof value !== "object" || Array.isArray(value))
      throw badInput(`${where}: ${field} must be an object of trait names to JSON values`);
    return Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined);
  };
  for (const [name, value] of objectOf(input.traits, "traits")) given.push({ name, kind: "set", value });
  for (const [name, value] of objectOf(input.traitsOnce, "traitsOnce")) given.push({ name, kind: "once", value });
  for (const name of input.unsetTraits ?? []) given.push({ name, kind: "set", value: null });
  if (given.length > MAX_TRAITS_PER_OBSERVATION)
    throw badInput(`${where}: an observation sets at most ${MAX_TRAITS_PER_OBSERVATION} traits; got ${given.length}`);
  const traits: TraitChange[] = [];
  for (const { name, kind, value } of given) {
    if (typeof name !== "string" || name.trim() === "" || name.length > MAX_TRAIT_NAME_LENGTH)
      throw badInput(`${where}: a trait name must be 1 to ${MAX_TRAIT_NAME_LENGTH} characters`);
    // A trait traitMapping names is an identifier (above); removing one removes no identifier.
    if (rules.traitMapping.has(name) && (value === null || typeof value === "string")) continue;
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    if (text === undefined) throw badInput(`${where}: trait ${name} is not a JSON value`);
    if (new TextEncoder().encode(text).length > MAX_TRAIT_VALUE_BYTES)
      throw badInput(`${where}: trait ${name} is over ${MAX_TRAIT_VALUE_BYTES} bytes of JSON`);
    if (depthOf(value) > MAX_TRAIT_DEPTH) throw badInput(`${where}: trait ${name} is nested deeper than ${MAX_TRAIT_DEPTH} levels`);
    traits.push({ name, kind, value: JSON.parse(text) as Json });
  }
  return traits;
}
