// Reads the audit history, newest first, with cursor pagination (the cursor is an entry id; entry
// ids are time-ordered, so "after" means "older than").
import neo4j from "neo4j-driver";
import { badInput } from "../errors.js";
import type { Executor } from "../neo4j/executor.js";
import { decodeAuditEntry, type StoredAuditEntry } from "../persistence/audit.js";
import { statement } from "../persistence/statements.js";
import { exactTerms } from "../persistence/fulltext.js";

const PROFILE_HISTORY = statement("audit/profile-history");
const BY_PROFILE_ID = statement("audit/audit-by-profile-id");
const ALL_ENTRIES = statement("audit/audit-all");
const ENTRIES_BY_ID = statement("audit/audit-entries-by-id");

export type AuditEntryView = StoredAuditEntry;

export interface AuditPage {
  entries: AuditEntryView[];
  hasNextPage: boolean;
}

export const MAX_PAGE = 500;

export class AuditReader {
  constructor(private readonly executor: Executor) {}

  private async page(
    operation: string,
    cypher: string,
    parameters: { space: string } & Record<string, unknown>,
    first: number,
  ): Promise<AuditPage> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}`);
    const result = await this.executor.read({ operation, space: parameters.space }, (tx) =>
      tx.run(cypher, { ...parameters, limit: neo4j.int(first + 1) }),
    );
    const entries = result.records.map((record) => decodeAuditEntry(record.get("entry")));
    return { entries: entries.slice(0, first), hasNextPage: entries.length > first };
  }

  /** Every entry of every profile id of a profile (by its root), newest first. */
  profileHistory(space: string, root: string, first: number, after: string | null): Promise<AuditPage> {
    return this.page("profileHistory", PROFILE_HISTORY, { space, root, after }, first);
  }

  /** Entries naming a profile id that no longer exists (deleted, say): found by the entries' own record. */
  byProfileId(space: string, profileId: string, first: number, after: string | null): Promise<AuditPage> {
    const [term] = exactTerms(["profileIds"], [profileId]);
    return this.page("auditLog", BY_PROFILE_ID, { space, profileId, term, after }, first);
  }

  all(space: string, first: number, after: string | null): Promise<AuditPage> {
    return this.page("auditLog", ALL_ENTRIES, { space, after }, first);
  }

  /** The entries with these ids, by id, in one read; an unknown id is simply absent. */
  async entries(space: string, ids: readonly string[]): Promise<Map<string, AuditEntryView>> {
    if (ids.length === 0) return new Map();
    const result = await this.executor.read({ operation: "auditEntries", space }, (tx) => tx.run(ENTRIES_BY_ID, { space, ids }));
    return new Map(result.records.map((record) => decodeAuditEntry(record.get("entry"))).map((entry) => [entry.id, entry]));
  }
}
