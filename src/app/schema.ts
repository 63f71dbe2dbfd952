import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AdminResolver } from "../admin/admin.resolver.js";
import { AuditResolver } from "../audit/audit.resolver.js";
import { ForcedMergeResolver } from "../audit/forced-merge.resolver.js";
import { WhoamiResolver } from "../auth/whoami.resolver.js";
import { ExplainResolver } from "../explain/explain.resolver.js";
import { ChangesResolver } from "../feed/changes.resolver.js";
import { ProfileChangesResolver } from "../feed/profile-changes.resolver.js";
import { ResolveResolver } from "../identity/resolve.resolver.js";
import { ImportCheckpointResolver } from "../imports/import-checkpoint.resolver.js";
import { ProfileResolver } from "../profiles/profile.resolver.js";
import { TimelineResolver } from "../timeline/timeline.resolver.js";
import { WebhookEndpointsResolver } from "../webhooks/webhook-endpoints.resolver.js";

export const RESOLVERS = [
  ResolveResolver,
  ProfileResolver,
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

export function buildIdgraphSchema(): Promise<GraphQLSchema> {
  // type-graphql wants a PubSub once there is a subscription; ours (Subscription.changes) brings its own
  // subscribe function that follows the outbox, so nothing is ever published through this one.
  const pubSub = {
    publish: () => undefined,
    subscribe: (): AsyncIterable<unknown> => {
      throw new Error("idgraph subscriptions follow the change feed, not a PubSub topic");
    },
  };
  return buildSchema({ resolvers: RESOLVERS, validate: false, pubSub });
}
