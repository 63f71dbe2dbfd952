// GraphQL types that several domains share: the DateTime scalar (a Date in TypeScript, end to
// end), the JSON scalar (trait values, rule 11), identifiers and page info. Every @Field has an explicit type function: esbuild-based
// runners emit no decorator metadata.
import { GraphQLDateTime, GraphQLJSON } from "graphql-scalars";
import { Field, InputType, ObjectType } from "type-graphql";

export const DateTimeScalar = GraphQLDateTime;

export const JSONScalar = GraphQLJSON;

@InputType()
export class IdentifierInput {
  @Field(() => String, { description: "user_id, email, phone, or a configured custom type" })
  type!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType()
export class Identifier {
  @Field(() => String)
  type!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}
