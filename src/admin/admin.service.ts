// The admin operations of docs/identity-rules.md: input checks here (nothing is written for bad input),
// the graph work in AdminStore, one transaction per operation.
import { badInput, ErrorCode, IdgraphError } from "../errors.js";
import type { Identifier } from "../rules/model.js";
import { blockReason, normaliseValue } from "../rules/normalise.js";
import type { IdentityRules } from "../rules/rules-config.js";
import type { Executor } from "../neo4j/executor.js";
import { AdminStore, type DeleteOutcome } from "./admin.store.js";

/** CleverTap's Demerge API takes at most 100 identities a call. */
export const MAX_DEMERGE_IDENTITIES = 100;
export const MAX_MERGE_PROFILE_IDS = 100;
export const MAX_REASON_LENGTH = 1000;
const MAX_ID_LENGTH = 256;

export interface AdminCaller {
  space: string;
  actor: string;
}

export interface AdminOptions {
  /** IDGRAPH_TEST_ENV: allows the account reset, which wipes a whole space. */
  testEnvironment: boolean;
  /** Hears the operations that split profiles (the metrics count them). */
  observer?: SplitObserver | undefined;
}

export interface SplitObserver {
  split(operation: "demerge" | "unmerge" | "resetIdentities", profileIds: readonly string[]): void;
}

function checkReason(reason: string | null | undefined): string | undefined {
  if (reason === null || reason === undefined) return undefined;
  if (reason.length > MAX_REASON_LENGTH) throw badInput(`reason must be at most ${MAX_REASON_LENGTH} characters`);
  return reason;
}

function checkId(id: string, what: string): string {
  if (id.length === 0 || id.length > MAX_ID_LENGTH) throw badInput(`${what} must be 1 to ${MAX_ID_LENGTH} characters`);
  return id;
}

export class AdminService {
  private readonly store: AdminStore;

  constructor(
    executor: Executor,
    private readonly rules: IdentityRules,
    private readonly options: AdminOptions,
  ) {
    this.store = new AdminStore(executor, rules);
  }

  /** Returns the merged profile's id (its smallest root). */
  async mergeProfiles(
    profileIds: readonly string[],
    reason: string | null | undefined,
    force: boolean,
    caller: AdminCaller,
  ): Promise<string> {
    const distinct = [...new Set(profileIds.map((id) => checkId(id, "a profile id")))];
    if (distinct.length < 2) throw badInput("mergeProfiles needs at least two distinct profile ids");
    if (distinct.length > MAX_MERGE_PROFILE_IDS)
      throw badInput(`mergeProfiles takes at most ${MAX_MERGE_PROFILE_IDS} profile ids; got ${distinct.length}`);
    return this.store.mergeProfiles(distinct, force, { ...caller, reason: checkReason(reason) });
  }

  /**
   * Identities are bare values of any type: each is normalised as every configured type would
   * normalise it (an email is matched lower-cased), so "Smith" finds user_id Smith.
   */
  async demerge(identities: readonly string[], reason: string | null | undefined, caller: AdminCaller): Promise<string[]> {
    if (identities.length === 0) throw badInput("demerge needs at least one identity");
    if (identities.length > MAX_DEMERGE_IDENTITIES) {
      throw badInput(`demerge takes at most ${MAX_DEMERGE_IDENTITIES} identities a call; got ${identities.length}`);
    }
    const checkedReason = checkReason(reason);
    const candidates: Identifier[] = [];
    for (const identity of identities) {
      checkId(identity, "an identity");
      for (const type of this.rules.typeOrder) {
        const rule = this.rules.types.get(type);
        if (!rule) continue;
        const value = normaliseValue(identity, rule.normalise);
        // A blocked value is never stored, so it cannot name anyone.
        if (blockReason(value, this.rules) === undefined) candidates.push({ type, value });
      }
    }
    if (candidates.length === 0) return [];
    return this.observed("demerge", await this.store.demerge(candidates, { ...caller, reason: checkedReason }));
  }

  async resetIdentities(profileId: string, reason: string | null | undefined, caller: AdminCaller): Promise<string[]> {
    return this.observed(
      "resetIdentities",
      await this.store.resetIdentities(checkId(profileId, "profileId"), { ...caller, reason: checkReason(reason) }),
    );
  }

  async unmerge(auditEntryId: string, reason: string | null | undefined, caller: AdminCaller): Promise<string[]> {
    return this.observed(
      "unmerge",
      await this.store.unmerge(checkId(auditEntryId, "auditEntryId"), { ...caller, reason: checkReason(reason) }),
    );
  }

  private observed(operation: "demerge" | "unmerge" | "resetIdentities", profileIds: string[]): string[] {
    this.options.observer?.split(operation, profileIds);
    return profileIds;
  }

  deleteProfile(profileId: string, reason: string | null | undefined, caller: AdminCaller): Promise<DeleteOutcome> {
    return this.store.deleteProfile(checkId(profileId, "profileId"), { ...caller, reason: checkReason(reason) });
  }

  /**
   * Account reset (CleverTap offers it only in a test environment): wipes the caller's whole space.
   * `confirm` must repeat the space's name, so a stray call cannot wipe a space by accident.
   */
  async resetSpace(confirm: string, caller: AdminCaller): Promise<boolean> {
    if (!this.options.testEnvironment) {
      throw new IdgraphError(
        ErrorCode.FORBIDDEN,
        "resetSpace wipes a whole space and is only available when the server runs with IDGRAPH_TEST_ENV=1",
      );
    }
    if (confirm !== caller.space) throw badInput(`resetSpace: confirm must be the name of the space to wipe ("${caller.space}")`);
    await this.store.wipeSpace(caller.space);
    return true;
  }
}
