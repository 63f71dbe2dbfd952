// The contract's audit types.
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { AUDIT_ACTIONS, type AuditAction } from "../rules/model.js";
import { DateTimeScalar, Identifier, PageInfo } from "../graphql/shared.types.js";

/** The GraphQL enum, made from the rules' one list of audit actions. */
export const AuditActionEnum = Object.fromEntries(AUDIT_ACTIONS.map((action) => [action, action])) as { [K in AuditAction]: K };
registerEnumType(AuditActionEnum, { name: "AuditAction" });

@ObjectType()
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => AuditActionEnum)
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

  @Field(() => Int, {
    description:
      "How many times this happened: a refusal (IDENTITY_ERROR, GHOST_PROFILE) that repeats for the same profile ids, identifier and device is one entry counting its repeats; 1 for every other entry",
  })
  count!: number;

  @Field(() => DateTimeScalar, { description: "When it last happened: the last repeat of a refusal; `at` for every other entry" })
  lastAt!: Date;
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
