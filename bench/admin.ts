// Admin latency on a big profile: one user on 50 devices (the default device cap), then
// resetIdentities of the whole profile, and unmerge of one of its identifier links, through the API.
import { summarise, type LatencySummary } from "./stats.js";

export interface AdminResult {
  available: boolean;
  devices: number;
  reset?: LatencySummary;
  unmerge?: LatencySummary;
  note?: string;
}

interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string }>;
}

async function graphql(url: string, key: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody;
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body.data ?? {};
}

const RESOLVE_BATCH = `mutation($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { profileId } }`;
const LINKS = `query($id: ID!, $after: String) { auditLog(profileId: $id, first: 200, after: $after) {
  edges { node { id action } } pageInfo { hasNextPage endCursor } } }`;
const RESET = `mutation($id: ID!) { resetIdentities(profileId: $id, reason: "benchmark") { profileIds } }`;
const UNMERGE = `mutation($id: ID!) { unmerge(auditEntryId: $id, reason: "benchmark") { profileIds } }`;

/** One user who logs in on `devices` devices, with user_id and email: a profile of that many profile ids. */
async function bigProfile(url: string, key: string, name: string, devices: number): Promise<string> {
  const inputs = Array.from({ length: devices }, (_, d) => [
    { deviceId: `${name}-device-${d}` },
    { deviceId: `${name}-device-${d}`, userId: name, identifiers: [{ type: "email", value: `${name}@example.com` }] },
  ]).flat();
  const data = await graphql(url, key, RESOLVE_BATCH, { inputs });
  const resolutions = data["resolveBatch"] as Array<{ profileId: string }>;
  return (resolutions.at(-1) as { profileId: string }).profileId;
}

async function identifierLinks(url: string, key: string, profileId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data = await graphql(url, key, LINKS, { id: profileId, after });
    const connection = data["auditLog"] as {
      edges: Array<{ node: { id: string; action: string } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    for (const { node } of connection.edges) if (node.action === "IDENTIFIER_LINKED") ids.push(node.id);
    if (!connection.pageInfo.hasNextPage) return ids;
    after = connection.pageInfo.endCursor;
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function measureAdmin(url: string, key: string, schemaText: string, repetitions: number, runId: string): Promise<AdminResult> {
  const devices = 50;
  if (!/\bresetIdentities\(/.test(schemaText) || !/\bunmerge\(/.test(schemaText)) {
    return { available: false, devices, note: "resetIdentities/unmerge are not in the schema yet" };
  }
  const reset: number[] = [];
  const unmerge: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const resetRoot = await bigProfile(url, key, `${runId}-reset-${i}`, devices);
    reset.push(await timed(() => graphql(url, key, RESET, { id: resetRoot })));
    const unmergeRoot = await bigProfile(url, key, `${runId}-unmerge-${i}`, devices);
    const links = await identifierLinks(url, key, unmergeRoot);
    // A link in the middle of the profile's history: its profile id splits off, the rest stays.
    const link = links[Math.floor(links.length / 2)];
    if (link === undefined) throw new Error("no IDENTIFIER_LINKED entry on the 50-device profile");
    unmerge.push(await timed(() => graphql(url, key, UNMERGE, { id: link })));
  }
  return { available: true, devices, reset: summarise(reset), unmerge: summarise(unmerge) };
}
