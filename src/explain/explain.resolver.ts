// "Why are these two in one profile?": the chain of links between two devices, identifiers or
// profile ids, each with its audit entry.
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { toAuditEntry } from "../audit/audit.mapper.js";
import { requireRole } from "../auth/api-keys.js";
import type { ExplainService, ExplanationView } from "./explain.service.js";
import type { IdentityRef as IdentityRefView } from "./link-path.js";
import type { RequestContext } from "../graphql/context.js";
import { Explanation, type IdentityRef, IdentityRefInput, IdentityRefKind, LinkKind } from "./explain.types.js";

@Resolver()
export class ExplainResolver {
  constructor(private readonly explain: ExplainService) {}

  @Query(() => Explanation, {
    description:
      "The shortest chain of links (identifiers, manual merges) joining two things of a profile; a device may only be an end of the chain. NOT_FOUND when either is unknown",
  })
  async explainLink(
    @Arg("from", () => IdentityRefInput) from: IdentityRefInput,
    @Arg("to", () => IdentityRefInput) to: IdentityRefInput,
    @Ctx() context: RequestContext,
  ): Promise<Explanation> {
    requireRole(context.principal, "read");
    return toExplanation(await this.explain.explainLink(context.space, from, to));
  }
}

function toExplanation(view: ExplanationView): Explanation {
  return {
    connected: view.connected,
    profileId: view.profileId,
    steps: view.steps.map((step) => ({
      from: toRef(step.from),
      to: toRef(step.to),
      kind: LinkKind[step.kind],
      at: new Date(step.at),
      auditEntry: step.auditEntry ? toAuditEntry(step.auditEntry) : null,
    })),
  };
}

function toRef(ref: IdentityRefView): IdentityRef {
  switch (ref.kind) {
    case "device":
      return { kind: IdentityRefKind.DEVICE, deviceId: ref.deviceId, profileId: null, identifier: null };
    case "identifier":
      return { kind: IdentityRefKind.IDENTIFIER, deviceId: null, profileId: null, identifier: ref.identifier };
    case "profileId":
      return { kind: IdentityRefKind.PROFILE_ID, deviceId: null, profileId: ref.profileId, identifier: null };
  }
}
