// The per-request context: who is asking (and so which space), and the request's DataLoaders,
// made anew for every request (src/app/context.ts) so what its fields ask for twice is read once,
// batched. Each resolver names the loaders it uses (RequestContext<ProfileLoaders>); its services
// come through its constructor (src/app/schema.ts), never through the context.
import type { Principal } from "../auth/api-keys.js";

export interface RequestContext<Loaders extends object = object> {
  principal: Principal;
  space: string;
  /** Who the audit log names for what this request does: the key's name. */
  actor: string;
  loaders: Loaders;
}
