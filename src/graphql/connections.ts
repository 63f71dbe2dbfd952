import type { AuditPage } from "../audit/audit-reader.js";
import type { AuditConnection } from "./types.js";

/** An audit page's size when `first` is absent or null (the contract's `first: Int = 50`). */
export const AUDIT_PAGE_SIZE = 50;

export function toAuditConnection(page: AuditPage): AuditConnection {
  const edges = page.entries.map((entry) => ({ cursor: entry.id, node: { ...entry, at: new Date(entry.at) } }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } } as AuditConnection;
}
