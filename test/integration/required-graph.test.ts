// The store writes the identity graph the rules require and nothing else: the benchmark's churn
// workload (logins, shared devices, conflicts, placeholders, retried messages, late events), sent
// batch by batch, leaves exactly the nodes and relationships that replaying the rules in memory
// counts (bench/lib/required-graph.ts) — which is also what the benchmark's churn ceiling writes.
import { afterAll, describe, expect, it } from "vitest";
import { countSpace } from "../../bench/lib/graph-counts.js";
import { requiredGraph } from "../../bench/lib/required-graph.js";
import { toInputs, Workload } from "../../bench/lib/workload.js";
import { IdentityService } from "../../src/identity/identity.service.js";
import { ResolutionStore } from "../../src/identity/resolution.store.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { testExecutor, uniqueId } from "./harness.js";

const executor = testExecutor();
const rules = DEFAULT_IDENTITY_RULES;
const identity = new IdentityService(new ResolutionStore(executor, rules), rules);

afterAll(async () => {
  await executor.close();
});

describe("what ingest leaves behind", () => {
  it("is, label by label and relationship by relationship, the identity graph the rules require", async () => {
    const space = uniqueId("required");
    const workload = { profiles: 200, seed: 11 };
    for (const batch of new Workload(workload).batches(100)) await identity.resolveBatch(toInputs(batch), { space, actor: "system" });

    const stored = await countSpace(executor, space);
    const required = requiredGraph(new Workload(workload).batches(100), rules);
    expect(stored).toEqual(required);
    expect(required.nodes["Device"]).toBeGreaterThan(300);
  }, 120_000);
});
