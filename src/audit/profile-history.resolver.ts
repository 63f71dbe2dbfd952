// Profile.history: the audit log of one profile, newest first (its entries and those of the
// profiles merged into it).
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../graphql/context.js";
import { Profile } from "../profiles/profile.types.js";
import type { AuditReader } from "./audit.reader.js";
import { AUDIT_PAGE_SIZE, toAuditConnection } from "./audit.mapper.js";
import { AuditConnection } from "./audit.types.js";

@Resolver(() => Profile)
export class ProfileHistoryResolver {
  constructor(private readonly audit: AuditReader) {}

  @FieldResolver(() => AuditConnection)
  async history(
    @Root() profile: Profile,
    @Arg("first", () => Int, { defaultValue: AUDIT_PAGE_SIZE, nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: RequestContext,
  ): Promise<AuditConnection> {
    const size = first ?? AUDIT_PAGE_SIZE;
    return toAuditConnection(await this.audit.profileHistory(context.space, profile.id, size, after ?? null));
  }
}
