// The contract's observation types: ResolveInput in, Resolution out (IDENTITY_RULES.md).
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { WARNING_CODES, type WarningCode } from "../rules/model.js";
import { DateTimeScalar, Identifier, IdentifierInput } from "../graphql/shared.types.js";

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

  @Field(() => [Warning])
  warnings!: Warning[];
}
