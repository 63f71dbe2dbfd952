// The lock protocol: one function takes everything an operation touches and locks it in the one
// order — devices, identifiers, messageIds, then profile roots, each sorted — so that concurrent
// writers (observations and admin operations, in one process or several) never wait on each other
// in a cycle, and no caller can get the order wrong (rule 9).
import type { ManagedTransaction } from "neo4j-driver";
import { type Identifier, identifierKey } from "../rules/model.js";
import { byString } from "../rules/order.js";
import { list, obj, optStr, str } from "./rows.js";
import { statement } from "./statements.js";

const LOCK = statement("persistence/lock");
const LOCK_OR_CREATE = statement("persistence/lock-or-create");

export interface LockRequest {
  deviceIds?: Iterable<string>;
  identifiers?: Iterable<Identifier>;
  messageIds?: Iterable<string>;
  roots?: Iterable<string>;
}

/** A locked messageId: `id` is null when another transaction deleted it before the lock was granted. */
export interface LockedMessage {
  messageId: string;
  id: string | null;
}

/** Each kind distinct and sorted: the order inside a kind is part of the protocol. */
export function lockOrder(request: LockRequest): {
  deviceIds: string[];
  identifiers: Identifier[];
  messageIds: string[];
  roots: string[];
} {
  const identifiers = new Map<string, Identifier>();
  for (const identifier of request.identifiers ?? []) {
    identifiers.set(identifierKey(identifier), { type: identifier.type, value: identifier.value });
  }
  return {
    deviceIds: [...new Set(request.deviceIds ?? [])].sort(byString),
    identifiers: [...identifiers.entries()].sort(([a], [b]) => byString(a, b)).map(([, identifier]) => identifier),
    messageIds: [...new Set(request.messageIds ?? [])].sort(byString),
    roots: [...new Set(request.roots ?? [])].sort(byString),
  };
}

/**
 * Locks what the request names, in the protocol's order, in one statement. With `create`, devices,
 * identifiers and messageIds that do not exist yet are created (and so locked too). Call it once
 * for what an operation knows up front and again for the roots it then finds: roots always come
 * last, so the order holds across the calls.
 */
export async function lockInOrder(
  tx: ManagedTransaction,
  space: string,
  request: LockRequest,
  options: { create?: boolean } = {},
): Promise<LockedMessage[]> {
  const ordered = lockOrder(request);
  if (ordered.deviceIds.length + ordered.identifiers.length + ordered.messageIds.length + ordered.roots.length === 0) return [];
  const result = await tx.run(options.create ? LOCK_OR_CREATE : LOCK, { space, ...ordered });
  const messages = result.records[0]?.get("messages");
  return list(messages ?? [], "messages", (entry, what) => {
    const row = obj(entry, what);
    return {
      messageId: str(row["messageId"], `${what}.messageId`),
      id: optStr(row["id"], `${what}.id`),
    };
  });
}
