// The GraphQL documents the integration tests send, and small typed wrappers around them.
import type { Executor } from "../../src/neo4j/executor.js";
import type { Client } from "./harness.js";

export const RESOLUTION_FIELDS = `profileId assignedProfileId created mergedProfileIds warnings { code message identifier { type value } }`;
export const PROFILE_FIELDS = `id ids identifiers { type value } devices { id profileId firstSeenAt lastSeenAt } createdAt`;

export interface ResolutionView {
  profileId: string;
  assignedProfileId: string;
  created: boolean;
  mergedProfileIds: string[];
  warnings: Array<{ code: string; message: string; identifier: { type: string; value: string } | null }>;
}

export interface ProfileView {
  id: string;
  ids: string[];
  identifiers: Array<{ type: string; value: string }>;
  devices: Array<{ id: string; profileId: string | null; firstSeenAt: string | null; lastSeenAt: string | null }>;
  createdAt: string;
}

export interface ResolveInputView {
  messageId?: string;
  deviceId?: string;
  userId?: string;
  identifiers?: Array<{ type: string; value: string }>;
  timestamp?: string;
  event?: string;
}

export async function resolve(client: Client, input: ResolveInputView): Promise<ResolutionView> {
  const data = await client.data<{ resolve: ResolutionView }>(
    `mutation ($input: ResolveInput!) { resolve(input: $input) { ${RESOLUTION_FIELDS} } }`,
    { input },
  );
  return data.resolve;
}

export async function resolveBatch(client: Client, inputs: ResolveInputView[]): Promise<ResolutionView[]> {
  const data = await client.data<{ resolveBatch: ResolutionView[] }>(
    `mutation ($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { ${RESOLUTION_FIELDS} } }`,
    { inputs },
  );
  return data.resolveBatch;
}

export async function profile(client: Client, id: string): Promise<ProfileView | null> {
  return (await client.data<{ profile: ProfileView | null }>(`query ($id: ID!) { profile(id: $id) { ${PROFILE_FIELDS} } }`, { id }))
    .profile;
}

export async function profileByDevice(client: Client, deviceId: string): Promise<ProfileView | null> {
  return (
    await client.data<{ profileByDevice: ProfileView | null }>(
      `query ($deviceId: String!) { profileByDevice(deviceId: $deviceId) { ${PROFILE_FIELDS} } }`,
      {
        deviceId,
      },
    )
  ).profileByDevice;
}

export async function profileByIdentifier(client: Client, type: string, value: string): Promise<ProfileView | null> {
  return (
    await client.data<{ profileByIdentifier: ProfileView | null }>(
      `query ($type: String!, $value: String!) { profileByIdentifier(type: $type, value: $value) { ${PROFILE_FIELDS} } }`,
      { type, value },
    )
  ).profileByIdentifier;
}

/** Rule 10: which profile id a device's activity at a moment belongs to now. */
export async function attribution(
  client: Client,
  deviceId: string,
  at: string,
): Promise<{ assignedProfileId: string; profileId: string } | null> {
  const data = await client.data<{ attribution: { assignedProfileId: string; profileId: string } | null }>(
    `query ($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId profileId } }`,
    { deviceId, at },
  );
  return data.attribution;
}

/** What a space holds: its nodes by label and its relationships, for what each write leaves behind. */
export async function spaceSize(executor: Executor, space: string): Promise<{ nodes: Record<string, number>; relationships: number }> {
  return executor.read("test", async (tx) => {
    const result = await tx.run(
      `MATCH (n {space: $space}) UNWIND labels(n) AS label
       RETURN label, count(*) AS n`,
      { space },
    );
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

export interface AuditEntryView {
  id: string;
  at: string;
  action: string;
  actor: string;
  reason: string | null;
  profileIds: string[];
  identifiers: Array<{ type: string; value: string }>;
  deviceIds: string[];
  messageId: string | null;
  undoes: string | null;
}

export async function auditLog(client: Client, profileId?: string, first = 100): Promise<AuditEntryView[]> {
  const data = await client.data<{ auditLog: { edges: Array<{ node: AuditEntryView }> } }>(
    `query ($profileId: ID, $first: Int) { auditLog(profileId: $profileId, first: $first) { edges { node { id at action actor reason profileIds identifiers { type value } deviceIds messageId undoes } } } }`,
    { profileId, first },
  );
  return data.auditLog.edges.map((edge) => edge.node);
}

/** Sorted values of a type, for comparing identifier sets. */
export const valuesOf = (view: ProfileView | null, type: string): string[] =>
  (view?.identifiers ?? [])
    .filter((i) => i.type === type)
    .map((i) => i.value)
    .sort();
