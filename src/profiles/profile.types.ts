// The contract's Profile and Device.
import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar, Identifier } from "../graphql/shared.types.js";

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
