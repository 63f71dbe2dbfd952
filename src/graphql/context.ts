// The per-request context: who is asking (and so which space), and DataLoaders made anew for
// every request so profile fields are fetched once per request, batched.
import DataLoader from "dataloader";
import type { Principal } from "../auth/api-keys.js";
import type { KeyLimits, TypedObservation } from "../auth/key-limits.js";
import type { ProfileView } from "../profiles/profile-reader.js";
import type { Services } from "../app/services.js";

export interface RequestContext {
  principal: Principal;
  space: string;
  actor: string;
  services: Services;
  /** The key's per-request checks of observations (identifier types, observations a second) before they are written. */
  admitObservations(inputs: readonly TypedObservation[]): Promise<void>;
  loaders: {
    /** Whole profiles by their id (root). */
    profile: DataLoader<string, ProfileView | null>;
  };
}

export function createRequestContext(principal: Principal, services: Services, keyLimits?: KeyLimits): RequestContext {
  const space = principal.space;
  return {
    principal,
    space,
    actor: principal.name,
    services,
    admitObservations: async (inputs) => keyLimits?.admitObservations(principal, inputs),
    loaders: {
      profile: new DataLoader((roots: readonly string[]) => services.profiles.loadProfiles(space, roots), { maxBatchSize: 1000 }),
    },
  };
}
