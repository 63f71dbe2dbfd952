// The admin mutations: admin role only, always inside the caller's space; the work is in AdminService.
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import { IdgraphError, ErrorCode } from "../errors.js";
import type { AdminService } from "./admin.service.js";
import { DeleteResult, DemergeResult } from "./admin.types.js";
import type { RequestContext } from "../graphql/context.js";
import type { ProfileLoaders } from "../profiles/profile.reader.js";
import { toProfile } from "../profiles/profile.mapper.js";
import { Profile } from "../profiles/profile.types.js";

const callerOf = (context: RequestContext) => {
  requireRole(context.principal, "admin");
  return { space: context.space, actor: context.actor };
};

@Resolver()
export class AdminResolver {
  constructor(private readonly admin: AdminService) {}

  @Mutation(() => Profile, {
    description: "Links two or more profiles by manual merge edges; refused (CONFLICT) past a limit unless force is true",
  })
  async mergeProfiles(
    @Arg("profileIds", () => [ID]) profileIds: string[],
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Arg("force", () => Boolean, { nullable: true, defaultValue: false }) force: boolean | null,
    @Ctx() context: RequestContext<ProfileLoaders>,
  ): Promise<Profile> {
    const root = await this.admin.mergeProfiles(profileIds, reason, force === true, callerOf(context));
    const profile = await context.loaders.profile.load(root);
    if (!profile) throw new IdgraphError(ErrorCode.NOT_FOUND, `profile ${root} is gone (deleted concurrently)`);
    return toProfile(profile);
  }

  @Mutation(() => DemergeResult, { description: "At most 100 identities (values of any identifier type)" })
  async demerge(
    @Arg("identities", () => [String]) identities: string[],
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() context: RequestContext,
  ): Promise<DemergeResult> {
    return { profileIds: await this.admin.demerge(identities, reason, callerOf(context)) };
  }

  @Mutation(() => DemergeResult)
  async resetIdentities(
    @Arg("profileId", () => ID) profileId: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() context: RequestContext,
  ): Promise<DemergeResult> {
    return { profileIds: await this.admin.resetIdentities(profileId, reason, callerOf(context)) };
  }

  @Mutation(() => DemergeResult, { description: "Undo exactly the one link recorded by an IDENTIFIER_LINKED or PROFILES_MERGED entry" })
  async unmerge(
    @Arg("auditEntryId", () => ID) auditEntryId: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() context: RequestContext,
  ): Promise<DemergeResult> {
    return { profileIds: await this.admin.unmerge(auditEntryId, reason, callerOf(context)) };
  }

  @Mutation(() => DeleteResult, { description: "GDPR delete of a whole profile; NOT_FOUND for an unknown profile id" })
  async deleteProfile(
    @Arg("profileId", () => ID) profileId: string,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() context: RequestContext,
  ): Promise<DeleteResult> {
    const outcome = await this.admin.deleteProfile(profileId, reason, callerOf(context));
    return { deleted: true, deletedProfileIds: outcome.deletedProfileIds };
  }

  @Mutation(() => Boolean, {
    description:
      "Account reset: wipes the caller's whole space. Only when the server runs with IDGRAPH_TEST_ENV; confirm must be the space's name",
  })
  async resetSpace(@Arg("confirm", () => String) confirm: string, @Ctx() context: RequestContext): Promise<boolean> {
    return this.admin.resetSpace(confirm, callerOf(context));
  }
}
