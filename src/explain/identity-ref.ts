// Reading an IdentityRefInput: exactly one of deviceId, profileId, identifier, normalised the way
// observations are (docs/identity-rules.md, "Identifier rules"), so "Jane@Example.com " finds jane@example.com.
import { badInput } from "../errors.js";
import type { Identifier } from "../rules/model.js";
import { identifierRule, normaliseValue } from "../rules/normalise.js";
import type { IdentityRules } from "../rules/rules-config.js";
import type { IdentityRef } from "./link-path.js";

export interface IdentityRefInput {
  deviceId?: string | null | undefined;
  profileId?: string | null | undefined;
  identifier?: Identifier | null | undefined;
}

export function parseIdentityRef(input: IdentityRefInput, rules: IdentityRules, where: string): IdentityRef {
  const given = (["deviceId", "profileId", "identifier"] as const).filter((field) => input[field] !== undefined && input[field] !== null);
  if (given.length !== 1) {
    throw badInput(
      `${where}: give exactly one of deviceId, profileId, identifier; got ${given.length === 0 ? "none" : given.join(" and ")}`,
    );
  }
  if (input.deviceId !== undefined && input.deviceId !== null) return { kind: "device", deviceId: input.deviceId.trim() };
  if (input.profileId !== undefined && input.profileId !== null) return { kind: "profileId", profileId: input.profileId };
  const { type, value } = input.identifier as Identifier;
  const rule = identifierRule(type, rules, where);
  return { kind: "identifier", identifier: { type, value: normaliseValue(value, rule.normalise) } };
}

export function describeRef(ref: IdentityRef): string {
  switch (ref.kind) {
    case "device":
      return `device '${ref.deviceId}'`;
    case "identifier":
      return `${ref.identifier.type} '${ref.identifier.value}'`;
    case "profileId":
      return `profile id '${ref.profileId}'`;
  }
}
