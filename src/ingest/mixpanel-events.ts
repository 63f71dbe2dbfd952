// Mixpanel events to observations, pure: the live /import, /track and /engage endpoints
// (mixpanel.ts) and the CLI's export import (src/cli/import/) map them here, once. Simplified ID
// Merge ($device_id, $user_id) and Original ID Merge ($identify, $create_alias, $merge) both map
// onto the normal rules; $insert_id is the messageId; people properties ($email, $phone) by the
// rules file's traitMapping. Profile updates (/engage: $set, $set_once, $unset) and an event's own
// $set, $set_once and $unset properties are the profile's traits (rule 11), the rest of /engage's
// operations ($add, $append, $union, $remove) are not kept, and $delete is refused: a profile is
// erased by deleteProfile, by an admin.
import type { Identifier, ObservationInput } from "../rules/model.js";
import type { IdentityRules } from "../rules/rules-config.js";
import {
  epochTime,
  idString,
  inOrder,
  invalid,
  isObject,
  type JsonObject,
  type MappedEvent,
  observation,
  profileTraits,
  propertiesOf,
  SKIP,
  samePerson,
  traitFields,
  traitIdentifiers,
  unsetNames,
} from "./mapping.js";

export const MIXPANEL_MAX_IMPORT = 2000;
export const MIXPANEL_MAX_TRACK = 50;

const DEVICE_PREFIX = "$device:";
const deviceOf = (value: unknown): string | undefined => {
  const id = idString(value);
  return id?.startsWith(DEVICE_PREFIX) ? idString(id.slice(DEVICE_PREFIX.length)) : id;
};

/** The ids whose role (user or device) depends on whether they are known user ids. */
export function mixpanelCandidates(events: readonly unknown[]): string[] {
  return events.flatMap((event) => {
    const props = propertiesOf(event);
    const ids = [props["distinct_id"], props["alias"], ...(Array.isArray(props["$distinct_ids"]) ? props["$distinct_ids"] : [])];
    return ids.map(idString).filter((id): id is string => id !== undefined && !id.startsWith(DEVICE_PREFIX));
  });
}

export function mixpanelEvents(events: readonly unknown[], knownUsers: ReadonlySet<string>, rules: IdentityRules): MappedEvent[] {
  return inOrder(events, knownUsers, (event, known) => mixpanelEvent(event, known, rules));
}

/** People properties sent with an event ($email, $phone, or without the $), by the rules file's traitMapping. */
function peopleIdentifiers(props: JsonObject, rules: IdentityRules): Identifier[] {
  const traits: JsonObject = {};
  for (const [trait] of rules.traitMapping) traits[trait] = props[`$${trait}`] ?? props[trait];
  return traitIdentifiers(rules, traits);
}

/** Adds the event's people identifiers to an observation, after its own. */
function withPeople(input: ObservationInput, people: readonly Identifier[]): ObservationInput {
  if (people.length === 0) return input;
  const identifiers = [...(input.identifiers ?? [])];
  for (const identifier of people) {
    if (!identifiers.some((known) => known.type === identifier.type && known.value === identifier.value)) identifiers.push(identifier);
  }
  return { ...input, identifiers };
}

function mixpanelEvent(event: unknown, known: ReadonlySet<string>, rules: IdentityRules): MappedEvent {
  const mapped = mixpanelIds(event, known);
  if (mapped.kind !== "observation") return mapped;
  const props = propertiesOf(event);
  const traits = peopleTraits(props, rules);
  if ("invalid" in traits) return invalid(traits.invalid);
  const people = [props, props["$set"], props["$set_once"]].flatMap((object) => (isObject(object) ? peopleIdentifiers(object, rules) : []));
  return observation({ ...withPeople(mapped.input, people), ...traitFields(traits) });
}

/** Rule 11: the people properties an event or a profile update sets ($set), sets once ($set_once) and removes ($unset). */
function peopleTraits(
  props: JsonObject,
  rules: IdentityRules,
): { traits?: JsonObject | undefined; traitsOnce?: JsonObject | undefined; unsetTraits?: string[] | undefined } | { invalid: string } {
  const set = profileTraits(rules, [{ field: "$set", value: props["$set"] }], true);
  if ("invalid" in set) return set;
  const once = profileTraits(rules, [{ field: "$set_once", value: props["$set_once"] }], true);
  if ("invalid" in once) return once;
  const unset = unsetNames(rules, "$unset", props["$unset"], true);
  if ("invalid" in unset) return unset;
  return { traits: set.traits, traitsOnce: once.traits, unsetTraits: unset.names };
}

/** /engage's operations idgraph keeps (as traits), and those it does not. */
export const ENGAGE_KEPT = ["$set", "$set_once", "$unset"] as const;
export const ENGAGE_NOT_KEPT = ["$add", "$append", "$union", "$remove"] as const;
export const MIXPANEL_MAX_ENGAGE = 50;

/**
 * A profile update as the event it amounts to: the person by $distinct_id (and $device_id and
 * $user_id, which mixpanel-browser adds), dated by $time, carrying the update's $set, $set_once and $unset.
 */
function engageEvent(update: JsonObject): JsonObject {
  const pick = (names: readonly string[]): JsonObject =>
    Object.fromEntries(names.filter((name) => update[name] !== undefined).map((name) => [name, update[name]]));
  return {
    event: "engage",
    properties: {
      ...(update["$distinct_id"] !== undefined ? { distinct_id: update["$distinct_id"] } : {}),
      ...(update["$time"] !== undefined ? { time: update["$time"] } : {}),
      ...pick(["$device_id", "$user_id", ...ENGAGE_KEPT]),
    },
  };
}

/** The ids of profile updates whose role (user or device) depends on whether they are known user ids. */
export function mixpanelEngageCandidates(updates: readonly unknown[]): string[] {
  return mixpanelCandidates(updates.map((update) => (isObject(update) ? engageEvent(update) : update)));
}

/** The operations of these profile updates that idgraph does not keep, by name (for the warning: never their values). */
export function engageOperationsNotKept(updates: readonly unknown[]): string[] {
  return ENGAGE_NOT_KEPT.filter((operation) => updates.some((update) => isObject(update) && update[operation] !== undefined));
}

/**
 * /engage's profile updates to observations: one with $set, $set_once or $unset is an observation
 * of the person carrying those traits; one with only operations idgraph does not keep is skipped;
 * $delete is refused (nothing of the request is written).
 */
export function mixpanelEngageEvents(updates: readonly unknown[], knownUsers: ReadonlySet<string>, rules: IdentityRules): MappedEvent[] {
  return inOrder(updates, knownUsers, (update, known) => {
    if (!isObject(update)) return invalid("a profile update must be a JSON object");
    if (update["$delete"] !== undefined)
      return invalid("$delete is not taken from /engage: a profile is erased by an admin with deleteProfile (GDPR delete)");
    if (!ENGAGE_KEPT.some((operation) => update[operation] !== undefined)) return SKIP;
    if (update["$distinct_id"] === undefined && update["$device_id"] === undefined && update["$user_id"] === undefined)
      return invalid("a profile update needs $distinct_id");
    return mixpanelEvent(engageEvent(update), known, rules);
  });
}

function mixpanelIds(event: unknown, known: ReadonlySet<string>): MappedEvent {
  if (!isObject(event)) return invalid("an event must be a JSON object");
  const name = idString(event["event"]);
  if (name === undefined) return invalid("an event needs a name (`event`)");
  const props = propertiesOf(event);
  const timestamp = epochTime(props["time"]);
  if (timestamp === null) return invalid("properties.time must be seconds or milliseconds since the epoch");
  const messageId = idString(props["$insert_id"]);
  const common = { event: name, ...(messageId !== undefined ? { messageId } : {}), ...(timestamp ? { timestamp } : {}) };

  switch (name) {
    case "$identify": {
      // Original ID Merge: the anonymous id becomes the identified user's (a login on that device).
      // mixpanel-browser's own $identify names the device as $anon_distinct_id ("$device:<id>") and
      // $device_id, not $anon_id.
      const userId = idString(props["$identified_id"]) ?? idString(props["$user_id"]) ?? idString(props["distinct_id"]);
      const deviceId = deviceOf(props["$anon_id"]) ?? deviceOf(props["$anon_distinct_id"]) ?? deviceOf(props["$device_id"]);
      if (userId === undefined) return invalid("$identify needs $identified_id");
      return observation({ userId, ...(deviceId !== undefined && deviceId !== userId ? { deviceId } : {}), ...common });
    }
    case "$create_alias": {
      const alias = idString(props["alias"]);
      const distinctId = idString(props["distinct_id"]);
      if (alias === undefined || distinctId === undefined) return invalid("$create_alias needs alias and distinct_id");
      // The alias is the id to come (the user id), unless only distinct_id is a known user id.
      return observation({
        ...samePerson(alias, deviceOf(distinctId) ?? distinctId, known, { firstIsUser: false, event: name }),
        ...common,
      });
    }
    case "$merge": {
      const ids = Array.isArray(props["$distinct_ids"]) ? props["$distinct_ids"].map(deviceOf) : [];
      if (ids.length !== 2 || ids.some((id) => id === undefined)) return invalid("$merge needs two $distinct_ids");
      return observation({ ...samePerson(ids[0] as string, ids[1] as string, known, { firstIsUser: false, event: name }), ...common });
    }
    default: {
      // Simplified ID Merge names the ids ($device_id, $user_id); otherwise distinct_id is a user
      // when it is a known user id, else the device.
      const distinctId = idString(props["distinct_id"]);
      const deviceId = deviceOf(props["$device_id"]) ?? (distinctId?.startsWith(DEVICE_PREFIX) ? deviceOf(distinctId) : undefined);
      let userId = idString(props["$user_id"]);
      if (userId === undefined && distinctId !== undefined && known.has(distinctId)) userId = distinctId;
      if (deviceId === undefined && userId === undefined) {
        if (distinctId === undefined) return invalid("an event needs properties.distinct_id, $device_id or $user_id");
        return observation({ deviceId: distinctId, ...common });
      }
      return observation({ ...(deviceId !== undefined ? { deviceId } : {}), ...(userId !== undefined ? { userId } : {}), ...common });
    }
  }
}
