// The types of explainLink. Every @Field has an explicit type function: esbuild-based runners emit
// no decorator metadata.
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { AuditEntry } from "../audit/audit.types.js";
import { DateTimeScalar, Identifier, IdentifierInput } from "../graphql/shared.types.js";

export enum IdentityRefKind {
  DEVICE = "DEVICE",
  IDENTIFIER = "IDENTIFIER",
  PROFILE_ID = "PROFILE_ID",
}
registerEnumType(IdentityRefKind, { name: "IdentityRefKind", description: "What an IdentityRef names" });

export enum LinkKind {
  IDENTIFIER = "IDENTIFIER",
  MANUAL_MERGE = "MANUAL_MERGE",
  DEVICE_PROFILE_ID = "DEVICE_PROFILE_ID",
}
registerEnumType(LinkKind, {
  name: "LinkKind",
  description: "The kind of edge a step follows",
  valuesConfig: {
    IDENTIFIER: { description: "An identifier attached to a profile id (IDENTIFIER_LINKED)" },
    MANUAL_MERGE: { description: "An admin's merge of two profile ids (mergeProfiles)" },
    DEVICE_PROFILE_ID: {
      description: "A device and one of its own profile ids (only ever at either end of a chain: a device joins nothing)",
    },
  },
});

@InputType({ description: "One thing of a profile: exactly one of deviceId, profileId, identifier" })
export class IdentityRefInput {
  @Field(() => String, { nullable: true })
  deviceId?: string | null;

  @Field(() => ID, { nullable: true })
  profileId?: string | null;

  @Field(() => IdentifierInput, { nullable: true, description: "Normalised as in resolve, so an email may be given in any case" })
  identifier?: IdentifierInput | null;
}

@ObjectType({ description: "One thing of a profile; the field named by kind is set, the others are null" })
export class IdentityRef {
  @Field(() => IdentityRefKind)
  kind!: IdentityRefKind;

  @Field(() => ID, { nullable: true })
  deviceId?: string | null;

  @Field(() => ID, { nullable: true })
  profileId?: string | null;

  @Field(() => Identifier, { nullable: true })
  identifier?: Identifier | null;
}

@ObjectType({ description: "One link of the chain; from and to follow the chain, not the stored edge's direction" })
export class ExplanationStep {
  @Field(() => IdentityRef)
  from!: IdentityRef;

  @Field(() => IdentityRef)
  to!: IdentityRef;

  @Field(() => LinkKind)
  kind!: LinkKind;

  @Field(() => DateTimeScalar, { description: "When the link was made" })
  at!: Date;

  @Field(() => AuditEntry, {
    nullable: true,
    description: "The entry that made the link: IDENTIFIER_LINKED, PROFILES_MERGED, or the device's PROFILE_CREATED",
  })
  auditEntry?: AuditEntry | null;
}

@ObjectType({ description: "Why two things are in one profile" })
export class Explanation {
  @Field(() => Boolean)
  connected!: boolean;

  @Field(() => ID, { nullable: true, description: "The profile that holds both; null when not connected" })
  profileId?: string | null;

  @Field(() => [ExplanationStep], {
    description: "The shortest chain of links from `from` to `to`; empty when not connected or the same thing",
  })
  steps!: ExplanationStep[];
}
