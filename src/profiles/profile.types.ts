// The contract's Profile and Device.
import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar, Identifier, JSONScalar } from "../graphql/shared.types.js";
import type { Json } from "../rules/traits.js";

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

@ObjectType({ description: "One profile property as one profile id holds it (rule 11)" })
export class Trait {
  @Field(() => String)
  name!: string;

  @Field(() => JSONScalar, { nullable: true, description: "The value; null for a removal (unsetTraits) that hides older values" })
  value?: Json | null;

  @Field(() => DateTimeScalar, { description: "The timestamp of the observation that set it" })
  at!: Date;

  @Field(() => ID, { description: "The profile id it was set on; it stays with that profile id through demerges" })
  profileId!: string;
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

  @Field(() => JSONScalar, {
    description: "The profile's properties as one JSON object: per name, the newest value over its profile ids (removed ones left out)",
  })
  traits!: Record<string, Json>;

  @Field(() => [Trait], { description: "Every trait of every profile id of the profile, with when and where it was set" })
  traitList!: Trait[];
}
