// Resolving observations: validates a whole batch before anything is written (rule 1), then hands
// it to the store, which applies it in order in one transaction (rule 9).
import { badInput } from "../errors.js";
import type { ObservationInput, Resolution } from "../rules/model.js";
import { normaliseObservation } from "../rules/normalise.js";
import type { ResolutionStore, ResolveContext } from "./resolution-store.js";
import type { IdentityRules } from "../rules/rules-config.js";

export const MAX_BATCH = 1000;

export class IdentityService {
  constructor(
    private readonly store: ResolutionStore,
    readonly rules: IdentityRules,
  ) {}

  async resolve(input: ObservationInput, context: ResolveContext): Promise<Resolution> {
    const [resolution] = await this.resolveBatch([input], context, "input");
    return resolution as Resolution;
  }

  async resolveBatch(inputs: readonly ObservationInput[], context: ResolveContext, label = "inputs"): Promise<Resolution[]> {
    if (inputs.length > MAX_BATCH) throw badInput(`a batch holds at most ${MAX_BATCH} observations; got ${inputs.length}`);
    const receivedAt = new Date();
    const observations = inputs.map((input, index) =>
      normaliseObservation(input, this.rules, receivedAt, label === "input" ? "input" : `${label}[${index}]`),
    );
    return this.store.resolveBatch(observations, context);
  }
}
