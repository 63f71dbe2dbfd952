// What the admin operation tests share: admin keys with known names (the audit actor), the admin
// mutations as typed documents and calls, and the end-of-test invariant check.
import { expect } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES, type IdentityRules } from "../../src/rules/rules-config.js";
import type { ProfileView } from "./api.js";
import { graphql } from "./gql/index.js";
import type { DeleteProfileMutation } from "./gql/graphql.js";
import { type Client, type GraphQLResponse, TestServer, type TestServerOptions, uniqueId } from "./harness.js";

export interface AdminSpace {
  client: Client;
  /** The admin key's name: what audit entries record as actor. */
  actor: string;
  space: string;
  /** A read-only and an ingest key in the same space. */
  reader: Client;
  ingester: Client;
}

export class AdminTestServer {
  private next = 0;
  private constructor(
    readonly server: TestServer,
    private readonly spaces: string[],
    readonly rules: IdentityRules,
  ) {}

  static async start(options: TestServerOptions & { adminSpaces?: number } = {}): Promise<AdminTestServer> {
    const run = uniqueId("adm");
    const spaces = Array.from({ length: options.adminSpaces ?? 16 }, (_, i) => `${run}-${i}`);
    const keys = spaces.flatMap((space, i) => [
      { name: `ops-admin-${i}`, role: "admin" as const, space },
      { name: `ops-reader-${i}`, role: "read" as const, space },
      { name: `ops-ingest-${i}`, role: "ingest" as const, space },
    ]);
    const server = await TestServer.start({ ...options, spaces: 1, keys: [...(options.keys ?? []), ...keys] });
    return new AdminTestServer(server, spaces, options.rules ?? DEFAULT_IDENTITY_RULES);
  }

  /** An admin key (and a reader and an ingester) in a space no other test uses. */
  newSpace(): AdminSpace {
    const i = this.next++;
    const space = this.spaces[i];
    if (space === undefined) throw new Error("admin test server ran out of spaces; start it with more adminSpaces");
    return {
      client: this.server.clientFor(`ops-admin-${i}`, space),
      actor: `ops-admin-${i}`,
      space,
      reader: this.server.clientFor(`ops-reader-${i}`, space),
      ingester: this.server.clientFor(`ops-ingest-${i}`, space),
    };
  }

  /** The space breaks none of the invariants of docs/identity-rules.md. */
  async expectClean(space: string): Promise<void> {
    expect(await checkSpace(this.server.executor, space, this.rules)).toEqual([]);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

export const MERGE_PROFILES = graphql(`
  mutation MergeProfiles($profileIds: [ID!]!, $reason: String, $force: Boolean) {
    mergeProfiles(profileIds: $profileIds, reason: $reason, force: $force) { ...ProfileFields }
  }
`);
export const DEMERGE = graphql(`
  mutation Demerge($identities: [String!]!, $reason: String) { demerge(identities: $identities, reason: $reason) { profileIds } }
`);
export const RESET_IDENTITIES = graphql(`
  mutation ResetIdentities($profileId: ID!, $reason: String) { resetIdentities(profileId: $profileId, reason: $reason) { profileIds } }
`);
export const UNMERGE = graphql(`
  mutation Unmerge($auditEntryId: ID!, $reason: String) { unmerge(auditEntryId: $auditEntryId, reason: $reason) { profileIds } }
`);
export const DELETE_PROFILE = graphql(`
  mutation DeleteProfile($profileId: ID!, $reason: String) { deleteProfile(profileId: $profileId, reason: $reason) { deleted deletedProfileIds } }
`);
export const RESET_SPACE = graphql(`
  mutation ResetSpace($confirm: String!) { resetSpace(confirm: $confirm) }
`);

export async function mergeProfiles(client: Client, profileIds: string[], reason?: string, force?: boolean): Promise<ProfileView> {
  return (await client.data(MERGE_PROFILES, { profileIds, reason, force })).mergeProfiles;
}

export async function demerge(client: Client, identities: string[], reason?: string): Promise<string[]> {
  return (await client.data(DEMERGE, { identities, reason })).demerge.profileIds;
}

export async function resetIdentities(client: Client, profileId: string, reason?: string): Promise<string[]> {
  return (await client.data(RESET_IDENTITIES, { profileId, reason })).resetIdentities.profileIds;
}

export async function unmerge(client: Client, auditEntryId: string, reason?: string): Promise<string[]> {
  return (await client.data(UNMERGE, { auditEntryId, reason })).unmerge.profileIds;
}

export async function deleteProfile(client: Client, profileId: string, reason?: string): Promise<DeleteProfileMutation["deleteProfile"]> {
  return (await client.data(DELETE_PROFILE, { profileId, reason })).deleteProfile;
}

/** The error code of a request that must fail. */
export function errorCode(response: GraphQLResponse<unknown>): unknown {
  expect(response.errors, "the request should have failed").toBeDefined();
  return response.errors?.[0]?.extensions?.["code"];
}
