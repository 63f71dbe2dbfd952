// Reading profiles: any profile id, identifier or device leads to the whole merged profile.
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import { badInput } from "../errors.js";
import { identifierRule, normaliseValue } from "../rules/normalise.js";
import type { IdentityRules } from "../rules/rules-config.js";
import type { ProfileLoaders, ProfileReader, ProfileView } from "./profile.reader.js";
import { toProfile } from "./profile.mapper.js";
import type { RequestContext } from "../graphql/context.js";
import { Profile } from "./profile.types.js";

export const MAX_PROFILES_PER_QUERY = 1000;

const asProfile = (view: ProfileView | null): Profile | null => (view ? toProfile(view) : null);

@Resolver(() => Profile)
export class ProfileResolver {
  constructor(
    private readonly reader: ProfileReader,
    private readonly rules: IdentityRules,
  ) {}

  @Query(() => Profile, {
    nullable: true,
    description: "Any profile id of a profile returns the whole profile; null when unknown or deleted",
  })
  async profile(@Arg("id", () => ID) id: string, @Ctx() context: RequestContext<ProfileLoaders>): Promise<Profile | null> {
    requireRole(context.principal, "read");
    const [root] = await this.reader.rootsOf(context.space, [id]);
    return root ? asProfile(await context.loaders.profile.load(root)) : null;
  }

  @Query(() => [Profile], {
    nullable: "items",
    description: "Many at once (at most 1000), in the order given: for mapping stored profile ids to profiles",
  })
  async profiles(@Arg("ids", () => [ID]) ids: string[], @Ctx() context: RequestContext<ProfileLoaders>): Promise<Array<Profile | null>> {
    requireRole(context.principal, "read");
    if (ids.length > MAX_PROFILES_PER_QUERY) throw badInput(`profiles takes at most ${MAX_PROFILES_PER_QUERY} ids; got ${ids.length}`);
    const roots = await this.reader.rootsOf(context.space, ids);
    return Promise.all(roots.map(async (root) => (root ? asProfile(await context.loaders.profile.load(root)) : null)));
  }

  @Query(() => Profile, { nullable: true })
  async profileByIdentifier(
    @Arg("type", () => String) type: string,
    @Arg("value", () => String) value: string,
    @Ctx() context: RequestContext<ProfileLoaders>,
  ): Promise<Profile | null> {
    requireRole(context.principal, "read");
    const rule = identifierRule(type, this.rules);
    const root = await this.reader.rootByIdentifier(context.space, { type, value: normaliseValue(value, rule.normalise) });
    return root ? asProfile(await context.loaders.profile.load(root)) : null;
  }

  @Query(() => Profile, { nullable: true })
  async profileByDevice(
    @Arg("deviceId", () => String) deviceId: string,
    @Ctx() context: RequestContext<ProfileLoaders>,
  ): Promise<Profile | null> {
    requireRole(context.principal, "read");
    // The hot read path: the device's whole profile in one statement, then shared with the loader.
    const view = await this.reader.profileByDevice(context.space, deviceId.trim());
    if (view) context.loaders.profile.prime(view.id, view);
    return asProfile(view);
  }
}
