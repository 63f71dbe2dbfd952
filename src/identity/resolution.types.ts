// The contract's observation types: ResolveInput in, Resolution out (docs/identity-rules.md).
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { WARNING_CODES, type WarningCode } from "../rules/model.js";
import { DateTimeScalar, Identifier, IdentifierInput, JSONScalar } from "../graphql/shared.types.js";
import { Reattribution } from "../timeline/timeline.types.js";

/** The GraphQL enum, made from the rules' one list of warning codes. */
export const WarningCodeEnum = Object.fromEntries(WARNING_CODES.map((code) => [code, code])) as { [K in WarningCode]: K };
registerEnumType(WarningCodeEnum, { name: "WarningCode" });

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

  @Field(() => JSONScalar, {
    nullable: true,
    description: "Profile properties this observation sets, name to value; per name the newest timestamp wins (rule 11)",
  })
  traits?: Record<string, unknown> | null;

  @Field(() => JSONScalar, {
    nullable: true,
    description: "Properties set only where the profile has none yet; the oldest timestamp wins (rule 11)",
  })
  traitsOnce?: Record<string, unknown> | null;

  @Field(() => [String], { nullable: true, description: "Trait names this observation removes (rule 11)" })
  unsetTraits?: string[] | null;
}

@ObjectType()
export class Warning {
  @Field(() => WarningCodeEnum)
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

  @Field(() => [Reattribution], {
    description: "Stretches of device activity that this (late, identified) observation moved to another profile id (rule 10)",
  })
  reattributed!: Reattribution[];

  @Field(() => [Warning])
  warnings!: Warning[];
}
