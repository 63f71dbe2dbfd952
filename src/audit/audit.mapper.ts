// From the audit reader's pages to the GraphQL types: spelled out, so the compiler checks every field.
import type { AuditEntryView, AuditPage } from "./audit.reader.js";
import type { AuditConnection, AuditEntry } from "./audit.types.js";

/** An audit page's size when `first` is absent or null (the contract's `first: Int = 50`). */
export const AUDIT_PAGE_SIZE = 50;

export const toAuditEntry = (entry: AuditEntryView): AuditEntry => ({
  id: entry.id,
  at: entry.at,
  action: entry.action,
  actor: entry.actor,
  reason: entry.reason,
  profileIds: entry.profileIds,
  identifiers: entry.identifiers.map(({ type, value }) => ({ type, value })),
  deviceIds: entry.deviceIds,
  messageId: entry.messageId,
  undoes: entry.undoes,
  count: entry.count,
  lastAt: entry.lastAt,
});

export function toAuditConnection(page: AuditPage): AuditConnection {
  const edges = page.entries.map((entry) => ({ cursor: entry.id, node: toAuditEntry(entry) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
