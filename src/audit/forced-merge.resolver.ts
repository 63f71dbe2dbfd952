// AuditEntry.forced: whether a manual merge was forced past a limit (mergeProfiles(force: true)),
// so clients such as the explorer can mark it. Batched per request.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ForcedMergeLoaders } from "./forced-merge.reader.js";
import type { RequestContext } from "../graphql/context.js";
import { AuditEntry } from "./audit.types.js";

@Resolver(() => AuditEntry)
export class ForcedMergeResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "For a manual merge (PROFILES_MERGED by mergeProfiles): true when an admin forced it past a limit, false when not; null for other entries and for merges since undone",
  })
  forced(@Root() entry: AuditEntry, @Ctx() context: RequestContext<ForcedMergeLoaders>): Promise<boolean | null> | null {
    if (entry.action !== "PROFILES_MERGED" || entry.identifiers.length > 0) return null;
    return context.loaders.forced.load(entry.id);
  }
}
