// Drives the pure rules over a sequence of observations, the way the store does, without Neo4j.
import { advance, type AuditDraft, type DecideContext, type Plan } from "../../src/rules/decide.js";
import type { ObservationInput, Resolution } from "../../src/rules/model.js";
import { normaliseObservation } from "../../src/rules/normalise.js";
import {
  compileRules,
  DEFAULT_IDENTITY_RULES,
  DEFAULT_RULES,
  type IdentityRules,
  type IdentityRulesConfig,
} from "../../src/rules/rules-config.js";
import { Snapshot } from "../../src/rules/snapshot.js";

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
    return this.plan(input).resolution;
  }
  /** Resolves one observation and returns its whole plan: the steps carry the audit entries the store writes. */
  plan(input: ObservationInput): Plan {
    const observation = normaliseObservation(input, this.context.rules, new Date("2026-11-23T00:00:00Z"));
    return advance(this.state, observation, this.context);
  }
  profileOf(profileId: string): string {
    return this.state.componentOf(profileId).root;
  }
}

/** The default rules with some keys replaced, e.g. `rulesWith({ deviceCap: 3 })`. */
export function rulesWith(overrides: Partial<IdentityRulesConfig>): IdentityRules {
  return compileRules({ ...DEFAULT_RULES, ...overrides });
}

/** The default identifier types with some limits replaced, e.g. `withLimits({ email: 5 })`. */
export function withLimits(limits: Record<string, number>): IdentityRulesConfig["identifierTypes"] {
  const types = structuredClone(DEFAULT_RULES.identifierTypes);
  for (const [type, limit] of Object.entries(limits)) {
    const rule = types[type];
    if (rule) rule.limit = limit;
  }
  return types;
}

/** The audit entries of a plan, in the order the store writes them. */
export function auditEntries(plan: Plan): AuditDraft[] {
  return plan.steps.flatMap((step) => (step.kind === "audit" ? [step.entry] : []));
}
