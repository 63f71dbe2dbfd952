// Where an import goes. Straight to Neo4j through the server's own services (the fast path: same
// rules, same store, one transaction per batch), with reads of its own that let a rerun skip what an
// earlier run took in (the file's checkpoint, then receipts) and settle ids whose kind a line does not say.
import type { IdentityService } from "../../identity/identity.service.js";
import { ImportCheckpointStore } from "../../imports/import-checkpoint.store.js";
import type { KnownUserReader } from "../../ingest/known-users.reader.js";
import type { ResolveContext } from "../../identity/resolution.store.js";
import type { Executor } from "../../neo4j/executor.js";
import { str } from "../../persistence/rows.js";
import { statement } from "../../persistence/statements.js";
import type { ObservationInput, Resolution } from "../../rules/model.js";

export interface ImportTarget {
  /** How many lines of a file (by the SHA-256 of its content) the space has taken in: a rerun resumes after them. */
  checkpoint(file: string): Promise<number>;
  /** The file's lines up to `lines` are taken in. */
  recordCheckpoint(file: string, name: string, lines: number): Promise<void>;
  /** The messageIds among these that the space has already applied. */
  appliedMessageIds(messageIds: readonly string[]): Promise<Set<string>>;
  /** The ids among these that the space knows as user ids (as the SDK endpoints ask: src/ingest/known-users.reader.ts). */
  knownUserIds(ids: readonly string[]): Promise<Set<string>>;
  /** All applied, in order, in one transaction, or a BAD_USER_INPUT IdgraphError and nothing. */
  resolveBatch(inputs: readonly ObservationInput[]): Promise<Resolution[]>;
}

const APPLIED_MESSAGES = statement("cli/applied-messages");

export function directTarget(
  executor: Executor,
  services: { identity: IdentityService; knownUsers: KnownUserReader },
  context: ResolveContext,
): ImportTarget {
  const { identity, knownUsers } = services;
  const applied = async (ids: readonly string[]): Promise<Set<string>> => {
    if (ids.length === 0) return new Set();
    const cutoff = new Date(Date.now() - identity.rules.dedupWindowMs).toISOString();
    const records = await executor.read(
      { operation: "import", space: context.space },
      async (tx) => (await tx.run(APPLIED_MESSAGES, { space: context.space, ids, cutoff })).records,
    );
    return new Set(records.map((record) => str(record.get("id"), "id")));
  };
  const checkpoints = new ImportCheckpointStore(executor);
  return {
    checkpoint: (file) => checkpoints.read(context.space, file),
    recordCheckpoint: async (file, name, lines) => void (await checkpoints.record(context.space, file, name, lines)),
    appliedMessageIds: applied,
    knownUserIds: (ids) => knownUsers.read(context.space, ids),
    resolveBatch: (inputs) => identity.resolveBatch(inputs, { ...context, source: "cli" }),
  };
}
