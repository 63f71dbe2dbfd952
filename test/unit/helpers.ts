// Drives the pure rules over a sequence of observations, the way the store does, without Neo4j.
import { advance, type DecideContext } from "../../src/identity/decide.js";
import type { ObservationInput, Resolution } from "../../src/identity/model.js";
import { normaliseObservation } from "../../src/identity/normalise.js";
import { DEFAULT_IDENTITY_RULES, type IdentityRules } from "../../src/identity/rules-config.js";
import { Snapshot } from "../../src/identity/snapshot.js";

export function sequentialIds(prefix = "P"): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(8, "0")}`;
}

export class RulesHarness {
  readonly state = new Snapshot();
  readonly context: DecideContext;
  constructor(rules: IdentityRules = DEFAULT_IDENTITY_RULES) {
    this.context = { rules, newId: sequentialIds(), actor: "system" };
  }
  resolve(input: ObservationInput): Resolution {
    const observation = normaliseObservation(input, this.context.rules, new Date("2026-11-23T00:00:00Z"));
    return advance(this.state, observation, this.context).resolution;
  }
  profileOf(profileId: string): string {
    return this.state.componentOf(profileId).root;
  }
}
