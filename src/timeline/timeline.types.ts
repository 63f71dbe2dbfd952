// The contract's rule-10 types: a moved stretch of a device's activity, and a device's attribution at a moment.
import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../graphql/shared.types.js";

@ObjectType({ description: "A stretch of one device's activity that now belongs to another profile id (rule 10)" })
export class Reattribution {
  @Field(() => ID)
  deviceId!: string;

  @Field(() => DateTimeScalar, { description: "Start of the stretch, inclusive" })
  from!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "End of the stretch, exclusive; null when it runs on to the present" })
  until!: Date | null;

  @Field(() => ID, { description: "The profile id the stretch was attributed to before" })
  fromProfileId!: string;

  @Field(() => ID, { description: "The profile id it is attributed to now" })
  toProfileId!: string;
}

@ObjectType()
export class Attribution {
  @Field(() => ID, { description: "The profile id that the device's activity at that moment belongs to" })
  assignedProfileId!: string;

  @Field(() => ID, { description: "That profile id's profile now" })
  profileId!: string;
}
