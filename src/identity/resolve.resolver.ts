// Resolving observations: thin; the rules live in src/rules/, the work in IdentityService.
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import type { RequestContext } from "../graphql/context.js";
import { toResolution } from "./resolution.mapper.js";
import { Resolution, ResolveInput } from "./resolution.types.js";

@Resolver()
export class ResolveResolver {
  @Mutation(() => Resolution)
  async resolve(@Arg("input", () => ResolveInput) input: ResolveInput, @Ctx() context: RequestContext): Promise<Resolution> {
    requireRole(context.principal, "write");
    await context.admitObservations([input]);
    return toResolution(await context.services.identity.resolve(input, { space: context.space, actor: "system" }));
  }

  @Mutation(() => [Resolution], { description: "At most 1000 inputs; applied in order; answers in the same order" })
  async resolveBatch(@Arg("inputs", () => [ResolveInput]) inputs: ResolveInput[], @Ctx() context: RequestContext): Promise<Resolution[]> {
    requireRole(context.principal, "write");
    await context.admitObservations(inputs);
    return (await context.services.identity.resolveBatch(inputs, { space: context.space, actor: "system" })).map(toResolution);
  }
}
