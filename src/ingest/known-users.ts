// Which of some ids are user ids already in the space. PostHog and Mixpanel send one distinct_id
// for users and anonymous devices alike, and an alias names two ids without saying which is which:
// a known user id is that user, anything else is a device. Read before the write transaction, so an
// id that becomes a user id in a concurrent request is taken for a device (see the README).
import { normaliseValue } from "../rules/normalise.js";
import type { IdentityRules } from "../rules/rules-config.js";
import type { Executor } from "../neo4j/executor.js";
import { str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";

const KNOWN_USER_IDS = statement("ingest/known-user-ids");

export async function knownUserIds(executor: Executor, rules: IdentityRules, space: string, ids: Iterable<string>): Promise<Set<string>> {
  const rule = rules.types.get("user_id");
  if (!rule) return new Set();
  const byValue = new Map<string, string[]>();
  for (const id of ids) {
    const value = normaliseValue(id, rule.normalise);
    byValue.set(value, [...(byValue.get(value) ?? []), id]);
  }
  if (byValue.size === 0) return new Set();
  const found = await executor.read({ operation: "knownUserIds", space }, async (tx) => {
    const result = await tx.run(KNOWN_USER_IDS, { space, values: [...byValue.keys()] });
    return result.records.map((record) => str(record.get("value"), "value"));
  });
  return new Set(found.flatMap((value) => byValue.get(value) ?? []));
}
