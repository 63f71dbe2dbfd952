import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AuditResolver } from "./audit.resolver.js";
import { ProfileResolver } from "./profile.resolver.js";
import { ResolveResolver } from "./resolve.resolver.js";

export const RESOLVERS = [ResolveResolver, ProfileResolver, AuditResolver] as const;

export function buildIdgraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}
