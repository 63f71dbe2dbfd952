// PostHog events to observations, pure: the live /batch/, /capture/ and /i/v0/e/ endpoints
// (posthog.ts) and the CLI's export import (src/cli/import/) map them here, once. $identify joins
// $anon_distinct_id to the user; $create_alias and $merge_dangerously say two ids are one person;
// other events are by distinct_id: a known user id is that user, anything else a device ($device_id
// when the event names one). uuid is the messageId; $set traits by the rules file's traitMapping are
// identifiers, and the rest of $set and $set_once, on any event, and $unset, are the person's
// traits (rule 11), dated by the event's timestamp.
import type { IdentityRules } from "../rules/rules-config.js";
import {
  idString,
  inOrder,
  invalid,
  isObject,
  isoTime,
  type MappedEvent,
  observation,
  profileTraits,
  propertiesOf,
  samePerson,
  traitFields,
  traitIdentifiers,
  unsetNames,
} from "./mapping.js";

const distinctIdOf = (event: unknown): string | undefined =>
  isObject(event) ? (idString(event["distinct_id"]) ?? idString(propertiesOf(event)["distinct_id"])) : undefined;

export function posthogCandidates(events: readonly unknown[]): string[] {
  return events.flatMap((event) => [distinctIdOf(event), idString(propertiesOf(event)["alias"])].filter((id) => id !== undefined));
}

export function posthogEvents(events: readonly unknown[], knownUsers: ReadonlySet<string>, rules: IdentityRules): MappedEvent[] {
  return inOrder(events, knownUsers, (event, known) => posthogEvent(event, known, rules));
}

function posthogEvent(event: unknown, known: ReadonlySet<string>, rules: IdentityRules): MappedEvent {
  if (!isObject(event)) return invalid("an event must be a JSON object");
  const name = idString(event["event"]);
  if (name === undefined) return invalid("an event needs a name (`event`)");
  const distinctId = distinctIdOf(event);
  if (distinctId === undefined) return invalid("an event needs a distinct_id");
  const props = propertiesOf(event);
  const timestamp = isoTime(event["timestamp"] ?? props["timestamp"]);
  if (timestamp === null) return invalid("timestamp must be an ISO-8601 date-time");
  const messageId = idString(event["uuid"]);
  const common = { event: name, ...(messageId !== undefined ? { messageId } : {}), ...(timestamp ? { timestamp } : {}) };
  // $set and $set_once as the event carries them (posthog-node's identify, setPersonProperties,
  // capture with $set), or at its top level (older clients).
  const set = [
    { field: "$set", value: event["$set"] },
    { field: "properties.$set", value: props["$set"] },
  ];
  const setOnce = [
    { field: "$set_once", value: event["$set_once"] },
    { field: "properties.$set_once", value: props["$set_once"] },
  ];
  const traits = profileTraits(rules, set);
  if ("invalid" in traits) return invalid(traits.invalid);
  const traitsOnce = profileTraits(rules, setOnce);
  if ("invalid" in traitsOnce) return invalid(traitsOnce.invalid);
  const unset = unsetNames(rules, "properties.$unset", props["$unset"] ?? event["$unset"]);
  if ("invalid" in unset) return invalid(unset.invalid);
  const identifiers = traitIdentifiers(rules, ...[...set, ...setOnce].map(({ value }) => value));
  const withTraits = {
    ...(identifiers.length > 0 ? { identifiers } : {}),
    ...traitFields({ traits: traits.traits, traitsOnce: traitsOnce.traits, unsetTraits: unset.names }),
  };
  const deviceId = idString(props["$device_id"]);

  switch (name) {
    case "$identify": {
      const anonymous = idString(props["$anon_distinct_id"]) ?? deviceId;
      return observation({
        userId: distinctId,
        ...(anonymous !== undefined && anonymous !== distinctId ? { deviceId: anonymous } : {}),
        ...withTraits,
        ...common,
      });
    }
    case "$create_alias":
    case "$merge_dangerously": {
      const alias = idString(props["alias"]);
      if (alias === undefined) return invalid(`${name} needs properties.alias`);
      const input = samePerson(distinctId, alias, known, { firstIsUser: false, event: name });
      const both = [...(input.identifiers ?? []), ...identifiers];
      return observation({ ...input, ...withTraits, ...(both.length > 0 ? { identifiers: both } : {}), ...common });
    }
    default: {
      if (known.has(distinctId)) {
        return observation({
          userId: distinctId,
          ...(deviceId !== undefined && deviceId !== distinctId ? { deviceId } : {}),
          ...withTraits,
          ...common,
        });
      }
      return observation({ deviceId: deviceId ?? distinctId, ...withTraits, ...common });
    }
  }
}
