// The GraphQL documents the integration tests send, and small typed wrappers around them. Their
// types are generated from the schema (`npm run codegen`, ./gql/): a field the schema loses or
// renames breaks these helpers at compile time.
import { graphql } from "./gql/index.js";
import type { AuditEntryFieldsFragment, ProfileFieldsFragment, ResolutionFieldsFragment, ResolveInput } from "./gql/graphql.js";
import type { Executor } from "../../src/neo4j/executor.js";
import type { Client } from "./harness.js";

export const RESOLUTION_FRAGMENT = graphql(`
  fragment ResolutionFields on Resolution {
    profileId
    assignedProfileId
    created
    mergedProfileIds
    warnings { code message identifier { type value } }
  }
`);

export const PROFILE_FRAGMENT = graphql(`
  fragment ProfileFields on Profile {
    id
    ids
    identifiers { type value }
    devices { id profileId firstSeenAt lastSeenAt }
    createdAt
  }
`);

export const AUDIT_ENTRY_FRAGMENT = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    at
    action
    actor
    reason
    profileIds
    identifiers { type value }
    deviceIds
    messageId
    undoes
  }
`);

/** A fragment's fields, for a test that writes its own query around them. */
const selectionOf = (fragment: { toString(): string }): string => {
  const text = fragment.toString();
  return text.slice(text.indexOf("{") + 1, text.lastIndexOf("}")).trim();
};
export const RESOLUTION_FIELDS = selectionOf(RESOLUTION_FRAGMENT);
export const PROFILE_FIELDS = selectionOf(PROFILE_FRAGMENT);

export type ResolutionView = ResolutionFieldsFragment;
export type ProfileView = ProfileFieldsFragment;
export type AuditEntryView = AuditEntryFieldsFragment;
export type ResolveInputView = ResolveInput;

const RESOLVE = graphql(`
  mutation Resolve($input: ResolveInput!) { resolve(input: $input) { ...ResolutionFields } }
`);
const RESOLVE_BATCH = graphql(`
  mutation ResolveBatch($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { ...ResolutionFields } }
`);
const PROFILE = graphql(`
  query Profile($id: ID!) { profile(id: $id) { ...ProfileFields } }
`);
const PROFILE_BY_DEVICE = graphql(`
  query ProfileByDevice($deviceId: String!) { profileByDevice(deviceId: $deviceId) { ...ProfileFields } }
`);
const PROFILE_BY_IDENTIFIER = graphql(`
  query ProfileByIdentifier($type: String!, $value: String!) { profileByIdentifier(type: $type, value: $value) { ...ProfileFields } }
`);
const ATTRIBUTION = graphql(`
  query Attribution($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId profileId } }
`);
const AUDIT_LOG = graphql(`
  query AuditLog($profileId: ID, $first: Int) { auditLog(profileId: $profileId, first: $first) { edges { node { ...AuditEntryFields } } } }
`);

export async function resolve(client: Client, input: ResolveInputView): Promise<ResolutionView> {
  return (await client.data(RESOLVE, { input })).resolve;
}

export async function resolveBatch(client: Client, inputs: ResolveInputView[]): Promise<ResolutionView[]> {
  return (await client.data(RESOLVE_BATCH, { inputs })).resolveBatch;
}

export async function profile(client: Client, id: string): Promise<ProfileView | null> {
  return (await client.data(PROFILE, { id })).profile;
}

export async function profileByDevice(client: Client, deviceId: string): Promise<ProfileView | null> {
  return (await client.data(PROFILE_BY_DEVICE, { deviceId })).profileByDevice;
}

export async function profileByIdentifier(client: Client, type: string, value: string): Promise<ProfileView | null> {
  return (await client.data(PROFILE_BY_IDENTIFIER, { type, value })).profileByIdentifier;
}

export async function auditLog(client: Client, profileId?: string, first = 100): Promise<AuditEntryView[]> {
  const data = await client.data(AUDIT_LOG, { profileId, first });
  return data.auditLog.edges.map((edge) => edge.node);
}

/** Sorted values of a type, for comparing identifier sets. */
export const valuesOf = (view: ProfileView | null, type: string): string[] =>
  (view?.identifiers ?? [])
    .filter((i) => i.type === type)
    .map((i) => i.value)
    .sort();

/** Rule 10: which profile id a device's activity at a moment belongs to now. */
export async function attribution(
  client: Client,
  deviceId: string,
  at: string,
): Promise<{ assignedProfileId: string; profileId: string } | null> {
  return (await client.data(ATTRIBUTION, { deviceId, at })).attribution;
}

/** What a space holds: its nodes by label (a node with two labels counted under each) and its relationships. */
export async function spaceSize(executor: Executor, space: string): Promise<{ nodes: Record<string, number>; relationships: number }> {
  return executor.read("test", async (tx) => {
    const result = await tx.run("MATCH (n {space: $space}) UNWIND labels(n) AS label RETURN label, count(*) AS n", { space });
    const relationships = await tx.run("MATCH ({space: $space})-[r]->() RETURN count(r) AS n", { space });
    return {
      nodes: Object.fromEntries(result.records.map((record) => [record.get("label") as string, record.get("n") as number])),
      relationships: relationships.records[0]?.get("n") as number,
    };
  });
}

/** All nodes of a space, whatever their labels. */
export async function spaceNodes(executor: Executor, space: string): Promise<number> {
  return executor.read(
    "test",
    async (tx) => (await tx.run("MATCH (n {space: $space}) RETURN count(n) AS n", { space })).records[0]?.get("n") as number,
  );
}
