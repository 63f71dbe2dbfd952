// What the vendor protocols share when turning an SDK event into an observation: ids as strings,
// traits to identifiers (the rules file's traitMapping) and to profile traits (rule 11), times, and "these two ids are one person"
// (Segment alias, Mixpanel $create_alias / $merge, PostHog $create_alias / $merge_dangerously).
// Pure: the known user ids are looked up before (known-users.reader.ts) and passed in.
import type { Identifier, ObservationInput } from "../rules/model.js";
import type { IdentityRules } from "../rules/rules-config.js";

/** One SDK event after mapping: an observation, nothing to resolve (Segment group), or why it is refused. */
export type MappedEvent = { kind: "observation"; input: ObservationInput } | { kind: "skip" } | { kind: "invalid"; message: string };

export const observation = (input: ObservationInput): MappedEvent => ({ kind: "observation", input });
export const invalid = (message: string): MappedEvent => ({ kind: "invalid", message });
export const SKIP: MappedEvent = { kind: "skip" };

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** An event's `properties` object (Mixpanel, PostHog); empty when it has none. */
export const propertiesOf = (event: unknown): JsonObject => (isObject(event) && isObject(event["properties"]) ? event["properties"] : {});

/** An id as the SDKs send it: a string, or a number (Segment allows numeric user ids). Anything else is no id. */
export function idString(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Identifiers carried by traits, as the rules file's traitMapping names them (email -> email, phone -> phone by default). */
export function traitIdentifiers(rules: IdentityRules, ...traitObjects: unknown[]): Identifier[] {
  const identifiers: Identifier[] = [];
  for (const traits of traitObjects) {
    if (!isObject(traits)) continue;
    for (const [trait, type] of rules.traitMapping) {
      const value = idString(traits[trait]);
      if (value !== undefined) identifiers.push({ type, value });
    }
  }
  return identifiers;
}

/** The name traitMapping knows a trait by: as sent, or (Mixpanel's reserved people properties, `$email`) without its `$`. */
function mappedName(rules: IdentityRules, name: string, dollar: boolean): string | undefined {
  if (rules.traitMapping.has(name)) return name;
  return dollar && name.startsWith("$") && rules.traitMapping.has(name.slice(1)) ? name.slice(1) : undefined;
}

/**
 * Rule 11: an SDK's trait objects as one (a later object's value wins for a name), without the
 * traits traitMapping turns into identifiers (traitIdentifiers): those are never stored twice.
 * undefined when no trait is left; an error message when one is not an object of names to values.
 * With `dollar`, `$email` counts as `email` (Mixpanel's people properties).
 */
export function profileTraits(
  rules: IdentityRules,
  objects: ReadonlyArray<{ field: string; value: unknown }>,
  dollar = false,
): { traits: JsonObject | undefined } | { invalid: string } {
  const traits: JsonObject = {};
  for (const { field, value } of objects) {
    if (value === undefined || value === null) continue;
    if (!isObject(value)) return { invalid: `${field} must be an object of trait names to values` };
    for (const [name, trait] of Object.entries(value)) {
      if (trait === undefined) continue;
      if (mappedName(rules, name, dollar) !== undefined && (trait === null || idString(trait) !== undefined)) continue;
      traits[name] = trait;
    }
  }
  return { traits: Object.keys(traits).length > 0 ? traits : undefined };
}

/** Rule 11: trait names to remove (an SDK's `$unset`), without those traitMapping names; an error message when not a list of names. */
export function unsetNames(
  rules: IdentityRules,
  field: string,
  value: unknown,
  dollar = false,
): { names: string[] | undefined } | { invalid: string } {
  if (value === undefined || value === null) return { names: undefined };
  if (!Array.isArray(value) || value.some((name) => typeof name !== "string")) return { invalid: `${field} must be a list of trait names` };
  const names = (value as string[]).filter((name) => mappedName(rules, name, dollar) === undefined);
  return { names: names.length > 0 ? names : undefined };
}

/** The traits of an observation, as ObservationInput carries them; empty when there are none. */
export function traitFields(traits: {
  traits?: JsonObject | undefined;
  traitsOnce?: JsonObject | undefined;
  unsetTraits?: string[] | undefined;
}): Pick<ObservationInput, "traits" | "traitsOnce" | "unsetTraits"> {
  return {
    ...(traits.traits ? { traits: traits.traits } : {}),
    ...(traits.traitsOnce ? { traitsOnce: traits.traitsOnce } : {}),
    ...(traits.unsetTraits ? { unsetTraits: traits.unsetTraits } : {}),
  };
}

/** A date-time as JSON carries it (ISO-8601 string); undefined when absent, null when unreadable. */
export function isoTime(value: unknown): Date | null | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" && typeof value !== "number") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Mixpanel's `time`: seconds or milliseconds since the epoch (a number or a numeric string), or an ISO string. */
export function epochTime(value: unknown): Date | null | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "number" ? value : typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
  if (number === undefined) return isoTime(value);
  // Below 1e11 it can only be seconds: 1e11 ms is March 1973, 1e11 s is the year 5138.
  return new Date(number < 1e11 ? Math.round(number * 1000) : Math.round(number));
}

/**
 * Two ids that the SDK says are one person. A known user id stays a user id; an id not known as a
 * user is a device (an anonymous id), so the observation is a login on that device (rule 6).
 * Two user ids make a merge request: one observation with both, which the user_id limit refuses
 * (IDENTIFIER_CONFLICT and an IDENTITY_ERROR audit entry) unless the rules allow more than one.
 * `first` is the user when neither is known; with `firstIsUser` (Segment's userId) it always is.
 */
export function samePerson(
  first: string,
  second: string,
  knownUsers: ReadonlySet<string>,
  options: { firstIsUser: boolean; event: string },
): ObservationInput {
  const { event } = options;
  if (first === second) return { userId: first, event };
  const firstKnown = options.firstIsUser || knownUsers.has(first);
  const secondKnown = knownUsers.has(second);
  if (firstKnown && secondKnown) return { userId: first, identifiers: [{ type: "user_id", value: second }], event };
  if (secondKnown) return { userId: second, deviceId: first, event };
  return { userId: first, deviceId: second, event };
}

/** The user ids a mapped observation makes known to the events after it in the same request. */
export function userIdsOf(input: ObservationInput): string[] {
  const ids = input.userId ? [input.userId] : [];
  for (const identifier of input.identifiers ?? []) if (identifier.type === "user_id") ids.push(identifier.value);
  return ids;
}

/** Events mapped in order: each sees the user ids the events before it named (an alias later in a batch). */
export function inOrder(
  events: readonly unknown[],
  knownUsers: ReadonlySet<string>,
  mapOne: (event: unknown, known: ReadonlySet<string>) => MappedEvent,
): MappedEvent[] {
  const known = new Set(knownUsers);
  return events.map((event) => {
    const mapped = mapOne(event, known);
    if (mapped.kind === "observation") for (const id of userIdsOf(mapped.input)) known.add(id);
    return mapped;
  });
}
