// A request's context: its caller (the key's principal, so its space) and a fresh set of every
// slice's loaders.
import type { Principal } from "../auth/api-keys.js";
import { type ForcedMergeLoaders, forcedMergeLoaders } from "../audit/forced-merge.reader.js";
import type { RequestContext } from "../graphql/context.js";
import { type ProfileLoaders, profileLoaders } from "../profiles/profile.reader.js";
import type { Services } from "./services.js";

export type RequestLoaders = ProfileLoaders & ForcedMergeLoaders;

export function createRequestContext(principal: Principal, services: Services): RequestContext<RequestLoaders> {
  const space = principal.space;
  return {
    principal,
    space,
    actor: principal.name,
    loaders: { ...profileLoaders(services.profiles, space), ...forcedMergeLoaders(services.executor, space) },
  };
}
