// Profile.changes: the change feed's entries about one profile, newest first (an addition, for the
// explorer's Changes tab and for support tools; consumers that keep a copy read Query.changes).
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../graphql/context.js";
import { Profile } from "../profiles/profile.types.js";
import { toChange } from "./change.mapper.js";
import { ChangeConnection } from "./change.types.js";
import type { FeedService } from "./feed.service.js";

@Resolver(() => Profile)
export class ProfileChangesResolver {
  constructor(private readonly feed: FeedService) {}

  @FieldResolver(() => ChangeConnection, {
    description:
      "The change feed's changes whose memberships name any of this profile's ids, newest first, from just before the cursor given (from the newest when absent); first at most 1000",
  })
  async changes(
    @Root() profile: Profile,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: RequestContext,
  ): Promise<ChangeConnection> {
    const page = await this.feed.profileChanges(context.space, profile.ids, after, first ?? 20);
    const edges = page.changes.map((change) => ({ cursor: change.cursor, node: toChange(change) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
