// The contract's types (shared/contract/schema.graphql) as type-graphql classes. Every @Field has
// an explicit type function: esbuild-based runners emit no decorator metadata.
import { GraphQLDateTime } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";

export const DateTimeScalar = GraphQLDateTime;

export enum WarningCode {
  BLOCKED_IDENTIFIER = "BLOCKED_IDENTIFIER",
  IDENTIFIER_CONFLICT = "IDENTIFIER_CONFLICT",
  DEVICE_LIMIT_REACHED = "DEVICE_LIMIT_REACHED",
  DUPLICATE_MESSAGE = "DUPLICATE_MESSAGE",
}
registerEnumType(WarningCode, { name: "WarningCode" });

export enum AuditAction {
  PROFILE_CREATED = "PROFILE_CREATED",
  IDENTIFIER_LINKED = "IDENTIFIER_LINKED",
  PROFILES_MERGED = "PROFILES_MERGED",
  PROFILES_UNMERGED = "PROFILES_UNMERGED",
  DEMERGED = "DEMERGED",
  IDENTITIES_RESET = "IDENTITIES_RESET",
  PROFILE_DELETED = "PROFILE_DELETED",
  IDENTITY_ERROR = "IDENTITY_ERROR",
  GHOST_PROFILE = "GHOST_PROFILE",
}
registerEnumType(AuditAction, { name: "AuditAction" });

@InputType()
export class IdentifierInput {
  @Field(() => String, { description: "user_id, email, phone, or a configured custom type" })
  type!: string;

  @Field(() => String)
  value!: string;
}

@InputType()
export class ResolveInput {
  @Field(() => String, {
    nullable: true,
    description: "Idempotency key: a repeated messageId returns the first answer and changes nothing",
  })
  messageId?: string | null;

  @Field(() => String, { nullable: true })
  deviceId?: string | null;

  @Field(() => String, { nullable: true, description: 'Shorthand for identifiers: [{ type: "user_id", value: userId }]' })
  userId?: string | null;

  @Field(() => [IdentifierInput], { nullable: true })
  identifiers?: IdentifierInput[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the observation happened; defaults to the time it was received" })
  timestamp?: Date | null;

  @Field(() => String, { nullable: true, description: "Optional event name" })
  event?: string | null;
}

@ObjectType()
export class Identifier {
  @Field(() => String)
  type!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType()
export class Warning {
  @Field(() => WarningCode)
  code!: WarningCode;

  @Field(() => String)
  message!: string;

  @Field(() => Identifier, { nullable: true })
  identifier?: Identifier | null;
}

@ObjectType()
export class Resolution {
  @Field(() => ID, { description: "The profile's id (its oldest profile id) right after this observation" })
  profileId!: string;

  @Field(() => ID, {
    description:
      "The profile id this observation is attributed to (its device's profile id for this person, CleverTap's \"CleverTap ID\"). Store it with the event: it stays right through later merges and demerges, while the merged profile's id may change.",
  })
  assignedProfileId!: string;

  @Field(() => Boolean, { description: "True when this observation created a new profile (a person new to the store)" })
  created!: boolean;

  @Field(() => [ID], { description: "Profile ids of profiles that this observation merged into profileId" })
  mergedProfileIds!: string[];

  @Field(() => [Warning])
  warnings!: Warning[];
}

@ObjectType()
export class Device {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: "The profile of the device's current (last known) profile id" })
  profileId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  firstSeenAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastSeenAt?: Date | null;
}

@ObjectType()
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => String, { description: "API key name, or system for observations" })
  actor!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;

  @Field(() => [ID])
  profileIds!: string[];

  @Field(() => [Identifier])
  identifiers!: Identifier[];

  @Field(() => [ID], { description: "The devices involved, including the device of the observation that caused the entry" })
  deviceIds!: string[];

  @Field(() => String, { nullable: true })
  messageId?: string | null;

  @Field(() => ID, { nullable: true, description: "For an entry that undoes another (PROFILES_UNMERGED): the entry it undoes" })
  undoes?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}

@ObjectType()
export class AuditEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType()
export class AuditConnection {
  @Field(() => [AuditEdge])
  edges!: AuditEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class Profile {
  @Field(() => ID, { description: "The oldest profile id of the profile" })
  id!: string;

  @Field(() => [ID], { description: "Every profile id merged into this profile, id included" })
  ids!: string[];

  @Field(() => [Identifier])
  identifiers!: Identifier[];

  @Field(() => [Device])
  devices!: Device[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}
