// Rule 10's read: thin; the work is in TimelineReader.
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import type { RequestContext } from "../graphql/context.js";
import { DateTimeScalar } from "../graphql/shared.types.js";
import type { TimelineReader } from "./timeline.reader.js";
import { Attribution } from "./timeline.types.js";

@Resolver()
export class TimelineResolver {
  constructor(private readonly timelines: TimelineReader) {}

  @Query(() => Attribution, {
    nullable: true,
    description: "Which profile id a device's activity at a moment belongs to now (rule 10); null for an unknown device",
  })
  async attribution(
    @Arg("deviceId", () => String) deviceId: string,
    @Arg("at", () => DateTimeScalar) at: Date,
    @Ctx() context: RequestContext,
  ): Promise<Attribution | null> {
    requireRole(context.principal, "read");
    const view = await this.timelines.attribution(context.space, deviceId.trim(), at);
    return view ? { assignedProfileId: view.assignedProfileId, profileId: view.profileId } : null;
  }
}
