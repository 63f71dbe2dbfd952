// Resolving observations: validates a whole batch before anything is written (rule 1), then hands
// it to the store, which applies it in order in one transaction (rule 9).
import type { ManagedTransaction } from "neo4j-driver";
import { badInput } from "../errors.js";
import type { Observation, ObservationInput, Resolution } from "../rules/model.js";
import { normaliseObservation } from "../rules/normalise.js";
import type { ObservationSource, ResolutionStore, ResolveContext } from "./resolution.store.js";
import type { IdentityRules } from "../rules/rules-config.js";

/** Hears every batch's answers (the metrics count them by source), and the observations themselves (the hottest keys). */
export interface ResolutionObserver {
  resolved(source: ObservationSource, resolutions: readonly Resolution[]): void;
  observed?(space: string, observations: readonly Observation[]): void;
}

export const MAX_BATCH = 1000;

export class IdentityService {
  constructor(
    private readonly store: ResolutionStore,
    readonly rules: IdentityRules,
    private readonly observer?: ResolutionObserver,
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
    return this.resolveObservations(observations, context);
  }

  /**
   * A batch rule 1 has already checked and normalised (normaliseObservation with these rules): the
   * SDK endpoints check each event themselves, to name every refused one.
   */
  async resolveObservations(observations: Observation[], context: ResolveContext): Promise<Resolution[]> {
    if (observations.length > MAX_BATCH) throw badInput(`a batch holds at most ${MAX_BATCH} observations; got ${observations.length}`);
    this.observer?.observed?.(context.space, observations);
    const resolutions = await this.store.resolveBatch(observations, context);
    this.observer?.resolved(context.source ?? "graphql", resolutions);
    return resolutions;
  }

  /**
   * A batch whose inputs are made inside its write transaction (`prepare`, then validated as
   * resolveBatch validates them; a refusal aborts it, nothing written); `finish` runs last in it.
   */
  async resolvePrepared(
    context: ResolveContext,
    prepare: (tx: ManagedTransaction) => Promise<readonly ObservationInput[]>,
    finish?: (tx: ManagedTransaction) => Promise<void>,
    label = "inputs",
  ): Promise<Resolution[]> {
    const resolutions = await this.store.resolveBatch([], context, {
      observations: async (tx) => {
        const inputs = await prepare(tx);
        if (inputs.length > MAX_BATCH) throw badInput(`a batch holds at most ${MAX_BATCH} observations; got ${inputs.length}`);
        const receivedAt = new Date();
        const observations = inputs.map((input, index) => normaliseObservation(input, this.rules, receivedAt, `${label}[${index}]`));
        this.observer?.observed?.(context.space, observations);
        return observations;
      },
      ...(finish ? { finish } : {}),
    });
    this.observer?.resolved(context.source ?? "graphql", resolutions);
    return resolutions;
  }
}
