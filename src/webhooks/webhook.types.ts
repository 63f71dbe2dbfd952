// The webhook endpoints' admin types (an addition to the contract).
import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../graphql/shared.types.js";

@ObjectType({ description: "Where a space's change feed is delivered as signed webhooks (Standard Webhooks)" })
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String, {
    nullable: true,
    description: "The signing secret (whsec_...): given only by addWebhookEndpoint, never read back",
  })
  secret?: string | null;

  @Field(() => String, { description: 'The last cursor delivered or set aside ("" before the first)' })
  position!: string;

  @Field(() => Int, { description: "Failed attempts of the change being delivered now" })
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError?: string | null;

  @Field(() => Int, { description: "Attempts per change before it is set aside as a dead letter" })
  maxAttempts!: number;

  @Field(() => Int, { description: "Changes set aside after the last attempt, waiting for a replay" })
  deadLetters!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType({ description: "A change that an endpoint did not accept within the configured attempts" })
export class WebhookDeadLetter {
  @Field(() => String)
  cursor!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError?: string | null;

  @Field(() => DateTimeScalar, { description: "When it was set aside" })
  at!: Date;

  @Field(() => Boolean, { description: "Queued for delivery again by replayWebhookDeadLetters" })
  replaying!: boolean;
}
