// The vocabulary of IDENTITY_RULES.md as types shared by the rules, the store and the API.

export interface Identifier {
  type: string;
  value: string;
}

export const identifierKey = (identifier: Identifier): string => `${identifier.type}\u0000${identifier.value}`;

/** The warnings an answer can carry (the contract's WarningCode; the GraphQL enum is made from this list). */
export const WARNING_CODES = ["BLOCKED_IDENTIFIER", "IDENTIFIER_CONFLICT", "DEVICE_LIMIT_REACHED", "DUPLICATE_MESSAGE"] as const;
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
}

/** An observation after validation and normalisation: blocked values removed, identifiers in priority order. */
export interface Observation {
  messageId: string | undefined;
  deviceId: string | undefined;
  identifiers: Identifier[];
  at: Date;
  event: string | undefined;
  /** BLOCKED_IDENTIFIER warnings found while normalising. */
  warnings: Warning[];
}

/** The contract's Resolution. */
export interface Resolution {
  profileId: string;
  assignedProfileId: string;
  created: boolean;
  mergedProfileIds: string[];
  warnings: Warning[];
}
