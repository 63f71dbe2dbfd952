// Reads the audit history, newest first, with cursor pagination (the cursor is an entry id; entry
// ids are time-ordered, so "after" means "older than").
import neo4j from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import type { AuditAction, Identifier } from "../rules/model.js";
import { badInput } from "../errors.js";

export interface AuditEntryView {
  id: string;
  at: string;
  action: AuditAction;
  actor: string;
  reason: string | null;
  profileIds: string[];
  identifiers: Identifier[];
  deviceIds: string[];
  messageId: string | null;
  causedBy: string | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  hasNextPage: boolean;
}

export const MAX_PAGE = 500;

export function decodeIdentifier(encoded: string): Identifier {
  const colon = encoded.indexOf(":");
  return { type: encoded.slice(0, colon), value: encoded.slice(colon + 1) };
}

const ENTRY_FIELDS = `a {.id, .at, .action, .actor, .reason, .profileIds, .identifiers, .deviceIds, .messageId, .causedBy} AS entry`;

const PROFILE_HISTORY = `
MATCH (:ProfileId {space: $space, profile: $root})<-[:ABOUT]-(a:AuditEntry)
WITH DISTINCT a WHERE $after IS NULL OR a.id < $after
RETURN ${ENTRY_FIELDS} ORDER BY a.id DESC LIMIT $limit`;

const BY_PROFILE_ID_PROPERTY = `
MATCH (a:AuditEntry {space: $space}) WHERE $profileId IN a.profileIds AND ($after IS NULL OR a.id < $after)
RETURN ${ENTRY_FIELDS} ORDER BY a.id DESC LIMIT $limit`;

const ALL_ENTRIES = `
MATCH (a:AuditEntry {space: $space}) WHERE a.id IS NOT NULL AND ($after IS NULL OR a.id < $after)
RETURN ${ENTRY_FIELDS} ORDER BY a.id DESC LIMIT $limit`;

const ENTRIES_BY_ID = `
UNWIND $ids AS id
MATCH (a:AuditEntry {space: $space, id: id})
RETURN ${ENTRY_FIELDS}`;

type RawEntry = Omit<AuditEntryView, "identifiers"> & { identifiers: string[] };

const toView = (raw: RawEntry): AuditEntryView => ({
  ...raw,
  identifiers: (raw.identifiers ?? []).map(decodeIdentifier),
  profileIds: raw.profileIds ?? [],
  deviceIds: raw.deviceIds ?? [],
  reason: raw.reason ?? null,
  messageId: raw.messageId ?? null,
  causedBy: raw.causedBy ?? null,
});

export class AuditReader {
  constructor(private readonly executor: Executor) {}

  private async page(cypher: string, parameters: Record<string, unknown>, first: number): Promise<AuditPage> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}`);
    const result = await this.executor.read((tx) => tx.run(cypher, { ...parameters, limit: neo4j.int(first + 1) }));
    const entries = result.records.map((record) => toView(record.get("entry") as RawEntry));
    return { entries: entries.slice(0, first), hasNextPage: entries.length > first };
  }

  /** Every entry of every profile id of a profile (by its root), newest first. */
  profileHistory(space: string, root: string, first: number, after: string | null): Promise<AuditPage> {
    return this.page(PROFILE_HISTORY, { space, root, after }, first);
  }

  /** Entries naming a profile id that no longer exists (deleted, say): found by the entries' own record. */
  byProfileId(space: string, profileId: string, first: number, after: string | null): Promise<AuditPage> {
    return this.page(BY_PROFILE_ID_PROPERTY, { space, profileId, after }, first);
  }

  all(space: string, first: number, after: string | null): Promise<AuditPage> {
    return this.page(ALL_ENTRIES, { space, after }, first);
  }

  /** The entries with these ids, by id, in one read; an unknown id is simply absent. */
  async entries(space: string, ids: readonly string[]): Promise<Map<string, AuditEntryView>> {
    if (ids.length === 0) return new Map();
    const result = await this.executor.read((tx) => tx.run(ENTRIES_BY_ID, { space, ids }));
    return new Map(result.records.map((record) => toView(record.get("entry") as RawEntry)).map((entry) => [entry.id, entry]));
  }
}
