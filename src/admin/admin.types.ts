// Results of the admin mutations (test/fixtures/contract.graphql).
import { Field, ID, ObjectType } from "type-graphql";

@ObjectType()
export class DemergeResult {
  @Field(() => [ID], { description: "The profiles that stand after the operation, one per remaining profile id group" })
  profileIds!: string[];
}

@ObjectType()
export class DeleteResult {
  @Field(() => Boolean)
  deleted!: boolean;

  @Field(() => [ID], { description: "Every profile id that was removed" })
  deletedProfileIds!: string[];
}
