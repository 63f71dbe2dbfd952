// The identity graph the rules require of a workload, counted without a database: every batch is
// decided by the rules themselves (src/rules/batch.ts) on one snapshot that holds everything, in
// the workload's order, and what its plans write is counted as the store would store it — one node
// per device, profile id, linked identifier, stretch (rule 10), receipt (rule 8), audit entry (a
// repeated refusal counts on the first) and change-feed entry, one relationship per link. The
// churn ceiling (ceiling.ts) writes these counts, so it is the least the rules require, not
// whatever the ingest happened to write; the report sets the two side by side.
import { isCounted, repeatKey } from "../../src/persistence/audit.js";
import { observationChanges, profilesBefore } from "../../src/feed/change-drafts.js";
import { decideBatch, touchedRoots } from "../../src/rules/batch.js";
import type { AuditDraft, DecideContext } from "../../src/rules/decide.js";
import type { Observation } from "../../src/rules/model.js";
import { normaliseObservation } from "../../src/rules/normalise.js";
import type { IdentityRules } from "../../src/rules/rules-config.js";
import { type Component, Snapshot } from "../../src/rules/snapshot.js";
import type { GraphCounts } from "./graph-counts.js";
import { type ObservationJson, toInputs } from "./workload.js";

export function requiredGraph(batches: Iterable<ObservationJson[]>, rules: IdentityRules): GraphCounts {
  let next = 0;
  const context: DecideContext = { rules, newId: () => `r${(next++).toString(36)}`, actor: "system" };
  const snapshot = new Snapshot(true);
  const counted = new Set<string>();
  let auditEntries = 0;
  let about = 0;
  let marks = 0;
  let changes = 0;
  const receivedAt = new Date();
  for (const batch of batches) {
    const observations: Observation[] = toInputs(batch).map((input, index) =>
      normaliseObservation(input, rules, receivedAt, `inputs[${index}]`),
    );
    const before = profilesBefore(touched(snapshot, observations));
    const decision = decideBatch(snapshot, observations, context);
    if (!("plans" in decision)) throw new Error("the rules asked for more than a snapshot holding everything");
    for (const plan of decision.plans)
      for (const step of plan.steps) {
        // An identified observation that does not change its device's profile id leaves a mark, which
        // is its receipt when it has one (rule 10); counted as kept, as within the late window.
        if (
          step.kind === "startStretch" &&
          step.stretch.profileId === step.cutProfileId &&
          !plan.steps.some((other) => other.kind === "receipt")
        )
          marks++;
        if (step.kind !== "audit") continue;
        const entry: AuditDraft = step.entry;
        if (isCounted(entry)) {
          const key = repeatKey(entry);
          if (counted.has(key)) continue;
          counted.add(key);
        }
        auditEntries++;
        about += new Set(entry.profileIds).size;
      }
    const planned = decision.plans.map((plan, index) => ({ deviceId: observations[index]?.deviceId, steps: plan.steps }));
    changes += observationChanges(before, planned, { newId: context.newId, at: receivedAt }).length;
  }
  let profileIds = 0;
  for (const component of snapshot.components.values()) profileIds += component.profileIds.size;
  let identifiers = 0;
  let identifies = 0;
  for (const link of snapshot.identifierLinks.values()) {
    if (link.profileIds.size > 0) identifiers++;
    identifies += link.profileIds.size;
  }
  let hasProfileId = 0;
  // Rule 10 keeps a stretch where a device's profile id changes: the runs of one profile id along its timeline as it ends.
  let stretches = 0;
  for (const device of snapshot.devices.values()) {
    hasProfileId += device.profileIds.size;
    let last: string | undefined;
    for (const piece of device.timeline?.stretches ?? []) {
      if (piece.profileId !== last) stretches++;
      last = piece.profileId;
    }
  }
  return {
    nodes: {
      Device: snapshot.devices.size,
      ProfileId: profileIds,
      Identifier: identifiers,
      AuditEntry: auditEntries,
      Message: snapshot.messages.size,
      Mark: marks,
      Stretch: stretches,
      Change: changes,
    },
    relationships: {
      HAS_PROFILE_ID: hasProfileId,
      CURRENT: snapshot.devices.size,
      IDENTIFIES: identifies,
      MERGED_WITH: 0,
      ABOUT: about,
      ATTRIBUTED_TO: stretches,
    },
  };
}

/** The profiles a batch's devices and identifiers belong to before it is decided (the change feed's "before"). */
function touched(snapshot: Snapshot, observations: readonly Observation[]): Component[] {
  const roots = new Set(observations.flatMap((observation) => [...touchedRoots(snapshot, observation)]));
  return [...roots].flatMap((root) => {
    const component = snapshot.components.get(root);
    return component ? [component] : [];
  });
}
