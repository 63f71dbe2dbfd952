import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AdminResolver } from "./admin.resolver.js";
import { AuditResolver } from "./audit.resolver.js";
import { ExplainResolver } from "./explain.resolver.js";
import { ForcedMergeResolver } from "./forced-merge.resolver.js";
import { ProfileResolver } from "./profile.resolver.js";
import { ResolveResolver } from "./resolve.resolver.js";
import { WhoamiResolver } from "./whoami.resolver.js";

export const RESOLVERS = [
  ResolveResolver,
  ProfileResolver,
  AuditResolver,
  ExplainResolver,
  AdminResolver,
  WhoamiResolver,
  ForcedMergeResolver,
] as const;

export function buildIdgraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}
