import type { AuditPage } from "../audit/audit-reader.js";
import type { AuditConnection } from "./types.js";

export function toAuditConnection(page: AuditPage): AuditConnection {
  const edges = page.entries.map((entry) => ({ cursor: entry.id, node: { ...entry, at: new Date(entry.at) } }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } } as AuditConnection;
}
