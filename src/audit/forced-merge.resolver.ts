// AuditEntry.forced: whether a manual merge was forced past a limit (mergeProfiles(force: true)),
// so clients such as the explorer can mark it. Batched per request.
import DataLoader from "dataloader";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { forcedMerges } from "./forced-merges.js";
import type { RequestContext } from "../graphql/context.js";
import { AuditEntry } from "./audit.types.js";

const loaders = new WeakMap<RequestContext, DataLoader<string, boolean | null>>();

function loaderFor(context: RequestContext): DataLoader<string, boolean | null> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader((ids: readonly string[]) => forcedMerges(context.services.executor, context.space, ids), { maxBatchSize: 500 });
    loaders.set(context, loader);
  }
  return loader;
}

@Resolver(() => AuditEntry)
export class ForcedMergeResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "For a manual merge (PROFILES_MERGED by mergeProfiles): true when an admin forced it past a limit, false when not; null for other entries and for merges since undone",
  })
  forced(@Root() entry: AuditEntry, @Ctx() context: RequestContext): Promise<boolean | null> | null {
    if (entry.action !== "PROFILES_MERGED" || entry.identifiers.length > 0) return null;
    return loaderFor(context).load(entry.id);
  }
}
