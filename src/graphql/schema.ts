import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AdminResolver } from "../admin/admin.resolver.js";
import { AuditResolver } from "../audit/audit.resolver.js";
import { ForcedMergeResolver } from "../audit/forced-merge.resolver.js";
import { WhoamiResolver } from "../auth/whoami.resolver.js";
import { ExplainResolver } from "../explain/explain.resolver.js";
import { ResolveResolver } from "../identity/resolve.resolver.js";
import { ProfileResolver } from "../profiles/profile.resolver.js";
import { TimelineResolver } from "../timeline/timeline.resolver.js";

export const RESOLVERS = [
  ResolveResolver,
  ProfileResolver,
  AuditResolver,
  ExplainResolver,
  AdminResolver,
  WhoamiResolver,
  ForcedMergeResolver,
  TimelineResolver,
] as const;

export function buildIdgraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}
