// The vocabulary of docs/identity-rules.md as types shared by the rules, the store and the API.
import type { Json } from "./traits.js";

export interface Identifier {
  type: string;
  value: string;
}

export const identifierKey = (identifier: Identifier): string => `${identifier.type}\u0000${identifier.value}`;

/** The warnings an answer can carry (the contract's WarningCode; the GraphQL enum is made from this list). */
export const WARNING_CODES = [
  "BLOCKED_IDENTIFIER",
  "IDENTIFIER_CONFLICT",
  "DEVICE_LIMIT_REACHED",
  "DUPLICATE_MESSAGE",
  "LATE_OBSERVATION",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  code: WarningCode;
  message: string;
  identifier?: Identifier | undefined;
}

/** What an audit entry records (the contract's AuditAction; the GraphQL enum is made from this list). */
export const AUDIT_ACTIONS = [
  "PROFILE_CREATED",
  "IDENTIFIER_LINKED",
  "PROFILES_MERGED",
  "PROFILES_UNMERGED",
  "DEMERGED",
  "IDENTITIES_RESET",
  "PROFILE_DELETED",
  "IDENTITY_ERROR",
  "GHOST_PROFILE",
  "ACTIVITY_REATTRIBUTED",
  "TRAITS_CHANGED",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A raw observation as a client sends it (the contract's ResolveInput). */
export interface ObservationInput {
  messageId?: string | null | undefined;
  deviceId?: string | null | undefined;
  userId?: string | null | undefined;
  identifiers?: readonly Identifier[] | null | undefined;
  timestamp?: Date | null | undefined;
  event?: string | null | undefined;
  /** Rule 11: profile properties set (name to JSON value), set only where the profile has none, and removed. */
  traits?: Readonly<Record<string, unknown>> | null | undefined;
  traitsOnce?: Readonly<Record<string, unknown>> | null | undefined;
  unsetTraits?: readonly string[] | null | undefined;
}

/** One trait an observation sets (a removal: value null) or sets once (rule 11). */
export interface TraitChange {
  name: string;
  kind: "set" | "once";
  value: Json;
}

/** An observation after validation and normalisation: blocked values removed, identifiers in priority order. */
export interface Observation {
  messageId: string | undefined;
  deviceId: string | undefined;
  identifiers: Identifier[];
  at: Date;
  event: string | undefined;
  /** Rule 11: the traits it sets, sets once and removes, in that order; none for most observations. */
  traits: TraitChange[];
  /** BLOCKED_IDENTIFIER warnings found while normalising. */
  warnings: Warning[];
}

/** The contract's Reattribution: a stretch of one device's activity that now belongs to another profile id (rule 10). */
export interface Reattribution {
  deviceId: string;
  /** Inclusive. */
  from: Date;
  /** Exclusive; null when the stretch runs on to the present. */
  until: Date | null;
  fromProfileId: string;
  toProfileId: string;
}

/** The contract's Resolution. */
export interface Resolution {
  profileId: string;
  assignedProfileId: string;
  created: boolean;
  mergedProfileIds: string[];
  /** Stretches this (late, identified) observation moved to another profile id (rule 10). */
  reattributed: Reattribution[];
  warnings: Warning[];
}
