// The audit log of a space, or of one profile, newest first.
import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import type { ProfileReader } from "../profiles/profile.reader.js";
import type { AuditReader } from "./audit.reader.js";
import { AUDIT_PAGE_SIZE, toAuditConnection } from "./audit.mapper.js";
import type { RequestContext } from "../graphql/context.js";
import { AuditConnection } from "./audit.types.js";

@Resolver()
export class AuditResolver {
  constructor(
    private readonly audit: AuditReader,
    private readonly profiles: ProfileReader,
  ) {}

  @Query(() => AuditConnection, { description: "Newest first; all entries when profileId is absent" })
  async auditLog(
    @Arg("profileId", () => ID, { nullable: true }) profileId: string | null,
    @Arg("first", () => Int, { defaultValue: AUDIT_PAGE_SIZE, nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: RequestContext,
  ): Promise<AuditConnection> {
    requireRole(context.principal, "read");
    const { audit, profiles } = this;
    const size = first ?? AUDIT_PAGE_SIZE;
    if (profileId === null || profileId === undefined) return toAuditConnection(await audit.all(context.space, size, after ?? null));
    const [root] = await profiles.rootsOf(context.space, [profileId]);
    const page = root
      ? await audit.profileHistory(context.space, root, size, after ?? null)
      : await audit.byProfileId(context.space, profileId, size, after ?? null);
    return toAuditConnection(page);
  }
}
