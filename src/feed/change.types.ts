// The change feed's types (contract: Change, ChangeKind, ProfileMembership, ChangeEdge,
// ChangeConnection; Reattribution is rule 10's, src/timeline/).
import { Reattribution } from "../timeline/timeline.types.js";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar, Identifier, JSONScalar, PageInfo } from "../graphql/shared.types.js";
import type { Json } from "../rules/traits.js";
import { CHANGE_KINDS, type ChangeKind } from "./change-drafts.js";

/** The GraphQL enum, made from the feed's one list of change kinds. */
export const ChangeKindEnum = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, kind])) as { [K in ChangeKind]: K };
registerEnumType(ChangeKindEnum, {
  name: "ChangeKind",
  valuesConfig: {
    PROFILE_SPLIT: { description: "A profile came apart (unmerge, demerge, reset identities)" },
    TRAITS_CHANGED: { description: "Traits of a profile id changed (rule 11)" },
  },
});

@ObjectType()
export class ProfileMembership {
  @Field(() => ID)
  profileId!: string;

  @Field(() => ID, { nullable: true, description: "The id of the profile this profile id belongs to after the change; null once deleted" })
  belongsTo?: string | null;
}

@ObjectType({ description: "One change to who-is-who, in the space's feed (docs/identity-rules.md, change feed)" })
export class Change {
  @Field(() => String, {
    description:
      "Position in the feed. Cursors sort in feed order by plain string comparison (so a consumer can keep the greatest it has applied and skip anything not greater); pass one as after to resume. The same value as the edge's cursor.",
  })
  cursor!: string;

  @Field(() => ChangeKindEnum)
  kind!: ChangeKind;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => [ProfileMembership], {
    description: "Every profile id whose profile this change changed, with the profile it belongs to now",
  })
  memberships!: ProfileMembership[];

  @Field(() => [Identifier], { description: "Identifiers added or removed (none for a deletion)" })
  identifiers!: Identifier[];

  @Field(() => [ID], { description: "Devices involved (none for a deletion)" })
  deviceIds!: string[];

  @Field(() => [Reattribution])
  reattributions!: Reattribution[];

  @Field(() => ID, { nullable: true, description: "The audit entry that recorded the change" })
  auditEntryId?: string | null;

  @Field(() => JSONScalar, {
    nullable: true,
    description:
      "For TRAITS_CHANGED: the names changed on the profile id, with their new values (null: removed); null for other kinds, and once the profile was deleted",
  })
  traits?: Record<string, Json> | null;
}

@ObjectType()
export class ChangeEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Change)
  node!: Change;
}

@ObjectType()
export class ChangeConnection {
  @Field(() => [ChangeEdge])
  edges!: ChangeEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
