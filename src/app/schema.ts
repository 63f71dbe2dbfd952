// The GraphQL schema, assembled from every slice's resolvers. A resolver gets its services through
// its constructor: the schema of a running server is built with them (type-graphql's container
// hands each resolver class its one instance); the schema printed to schema/schema.graphql needs none.
import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import { AdminResolver } from "../admin/admin.resolver.js";
import { AuditResolver } from "../audit/audit.resolver.js";
import { ForcedMergeResolver } from "../audit/forced-merge.resolver.js";
import { ProfileHistoryResolver } from "../audit/profile-history.resolver.js";
import type { KeyLimits } from "../auth/key-limits.js";
import { ExplainResolver } from "../explain/explain.resolver.js";
import { changesPubSub } from "../feed/changes-topic.js";
import { ChangesResolver } from "../feed/changes.resolver.js";
import { ProfileChangesResolver } from "../feed/profile-changes.resolver.js";
import { WhoamiResolver } from "../graphql/whoami.resolver.js";
import { ResolveResolver } from "../identity/resolve.resolver.js";
import { ImportCheckpointResolver } from "../imports/import-checkpoint.resolver.js";
import { ProfileResolver } from "../profiles/profile.resolver.js";
import { TimelineResolver } from "../timeline/timeline.resolver.js";
import { WebhookEndpointsResolver } from "../webhooks/webhook-endpoints.resolver.js";
import type { Services } from "./services.js";

export const RESOLVERS = [
  ResolveResolver,
  ProfileResolver,
  ProfileHistoryResolver,
  AuditResolver,
  ExplainResolver,
  AdminResolver,
  WhoamiResolver,
  ForcedMergeResolver,
  TimelineResolver,
  ChangesResolver,
  WebhookEndpointsResolver,
  ProfileChangesResolver,
  ImportCheckpointResolver,
] as const;

type ResolverClass = (typeof RESOLVERS)[number];

/** Each resolver class's one instance, made with the services it uses. */
function resolverInstances(services: Services, keyLimits: KeyLimits | undefined): ReadonlyMap<unknown, object> {
  const instances = [
    new ResolveResolver(services.identity, keyLimits),
    new ProfileResolver(services.profiles, services.rules),
    new ProfileHistoryResolver(services.audit),
    new AuditResolver(services.audit, services.profiles),
    new ExplainResolver(services.explain),
    new AdminResolver(services.admin),
    new WhoamiResolver(),
    new ForcedMergeResolver(),
    new TimelineResolver(services.timelines),
    new ChangesResolver(services.feed),
    new WebhookEndpointsResolver(services.webhooks),
    new ProfileChangesResolver(services.feed),
    new ImportCheckpointResolver(services.imports),
  ];
  const byClass = new Map<unknown, object>(instances.map((instance) => [instance.constructor, instance]));
  const missing = RESOLVERS.filter((resolver) => !byClass.has(resolver)).map((resolver) => resolver.name);
  if (missing.length > 0) throw new Error(`resolvers without an instance: ${missing.join(", ")}`);
  return byClass;
}

/** The schema; with the services (a running server) its resolvers can run, without them it can only be printed or validated against. */
export function buildIdgraphSchema(wiring?: { services: Services; keyLimits?: KeyLimits }): Promise<GraphQLSchema> {
  const instances = wiring ? resolverInstances(wiring.services, wiring.keyLimits) : undefined;
  const container: ContainerType | undefined = instances && {
    get: (resolverClass: ResolverClass) => {
      const instance = instances.get(resolverClass);
      if (!instance) throw new Error(`no instance of ${resolverClass.name}`);
      return instance;
    },
  };
  // type-graphql wants a PubSub once there is a subscription; ours (Subscription.changes) follows the outbox.
  return buildSchema({
    resolvers: RESOLVERS,
    validate: false,
    pubSub: changesPubSub(wiring?.services.feed),
    ...(container ? { container } : {}),
  });
}
