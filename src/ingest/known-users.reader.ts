// Which of some ids are user ids already in the space. PostHog and Mixpanel send one distinct_id
// for users and anonymous devices alike, and an alias names two ids without saying which is which:
// a known user id is that user, anything else is a device. The SDK endpoints read it twice: before
// the write (to validate and answer every refused event) and again inside the write transaction,
// after locking the candidates' user_id identifiers (created if missing, so a concurrent login of
// the same id waits, or is waited for), so an id that becomes a user id in a concurrent request is
// seen as the commit order says. Identifiers the lock created and nothing linked are dropped again.
// idgraph import asks the same question, the same way (src/cli/import/target.ts).
import type { ManagedTransaction } from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import { lockInOrder } from "../persistence/locks.js";
import { str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import { dropUnlinkedIdentifiers } from "../persistence/writes.js";
import type { Identifier } from "../rules/model.js";
import { normaliseValue } from "../rules/normalise.js";
import type { IdentityRules } from "../rules/rules-config.js";

const KNOWN_USER_IDS = statement("ingest/known-user-ids");

/** The ids by their normalised user_id value (several ids can normalise to one). */
function byValue(rules: IdentityRules, ids: Iterable<string>): Map<string, string[]> {
  const rule = rules.types.get("user_id");
  const values = new Map<string, string[]>();
  if (!rule) return values;
  for (const id of ids) {
    const value = normaliseValue(id, rule.normalise);
    values.set(value, [...(values.get(value) ?? []), id]);
  }
  return values;
}

async function knownOn(tx: ManagedTransaction, space: string, values: Map<string, string[]>): Promise<Set<string>> {
  if (values.size === 0) return new Set();
  const result = await tx.run(KNOWN_USER_IDS, { space, values: [...values.keys()] });
  return new Set(result.records.flatMap((record) => values.get(str(record.get("value"), "value")) ?? []));
}

export class KnownUserReader {
  constructor(
    private readonly executor: Executor,
    private readonly rules: IdentityRules,
  ) {}

  /** A read of its own, before the write. */
  async read(space: string, ids: Iterable<string>): Promise<Set<string>> {
    const values = byValue(this.rules, ids);
    if (values.size === 0) return new Set();
    return this.executor.read({ operation: "knownUserIds", space }, (tx) => knownOn(tx, space, values));
  }

  /**
   * Inside the write transaction, first: locks the candidates' user_id identifiers and reads which
   * are user ids; `release` (last in the transaction) drops those the lock created and nothing linked.
   */
  async readLocked(
    tx: ManagedTransaction,
    space: string,
    ids: Iterable<string>,
  ): Promise<{ known: Set<string>; release(tx: ManagedTransaction): Promise<void> }> {
    const values = byValue(this.rules, ids);
    const identifiers: Identifier[] = [...values.keys()].map((value) => ({ type: "user_id", value }));
    if (identifiers.length > 0) await lockInOrder(tx, space, { identifiers }, { create: true });
    return { known: await knownOn(tx, space, values), release: (last) => dropUnlinkedIdentifiers(last, space, identifiers) };
  }
}
