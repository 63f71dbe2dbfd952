// Resolving observations: thin; the rules live in src/rules/, the work in IdentityService.
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import type { KeyLimits } from "../auth/key-limits.js";
import type { RequestContext } from "../graphql/context.js";
import type { IdentityService } from "./identity.service.js";
import { toResolution } from "./resolution.mapper.js";
import { Resolution, ResolveInput } from "./resolution.types.js";

@Resolver()
export class ResolveResolver {
  constructor(
    private readonly identity: IdentityService,
    /** The key's per-request checks of observations (identifier types, observations a second) before they are written; none when absent. */
    private readonly keyLimits?: KeyLimits,
  ) {}

  @Mutation(() => Resolution)
  async resolve(@Arg("input", () => ResolveInput) input: ResolveInput, @Ctx() context: RequestContext): Promise<Resolution> {
    requireRole(context.principal, "write");
    await this.keyLimits?.admitObservations(context.principal, [input]);
    return toResolution(await this.identity.resolve(input, { space: context.space, actor: "system" }));
  }

  @Mutation(() => [Resolution], { description: "At most 1000 inputs; applied in order; answers in the same order" })
  async resolveBatch(@Arg("inputs", () => [ResolveInput]) inputs: ResolveInput[], @Ctx() context: RequestContext): Promise<Resolution[]> {
    requireRole(context.principal, "write");
    await this.keyLimits?.admitObservations(context.principal, inputs);
    return (await this.identity.resolveBatch(inputs, { space: context.space, actor: "system" })).map(toResolution);
  }
}
