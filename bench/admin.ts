// Admin latency on a big profile: one user on 50 devices (the default device cap), then
// resetIdentities of the whole profile, and unmerge of one of its identifier links, through the API.
import { graphql } from "./gql/index.js";
import type { BenchLinksQuery } from "./gql/graphql.js";
import { GraphQLClient } from "./lib/graphql.js";
import { summarise, type LatencySummary } from "./lib/stats.js";

export interface AdminResult {
  available: boolean;
  devices: number;
  reset?: LatencySummary;
  unmerge?: LatencySummary;
  note?: string;
}

const RESOLVE_BATCH = graphql(`
  mutation BenchResolveBatch($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { profileId } }
`);
const LINKS = graphql(`
  query BenchLinks($id: ID!, $after: String) {
    auditLog(profileId: $id, first: 200, after: $after) { edges { node { id action } } pageInfo { hasNextPage endCursor } }
  }
`);
const RESET = graphql(`
  mutation BenchReset($id: ID!) { resetIdentities(profileId: $id, reason: "benchmark") { profileIds } }
`);
const UNMERGE = graphql(`
  mutation BenchUnmerge($id: ID!) { unmerge(auditEntryId: $id, reason: "benchmark") { profileIds } }
`);

/** One user who logs in on `devices` devices, with user_id and email: a profile of that many profile ids. */
async function bigProfile(api: GraphQLClient, name: string, devices: number): Promise<string> {
  const inputs = Array.from({ length: devices }, (_, d) => [
    { deviceId: `${name}-device-${d}` },
    { deviceId: `${name}-device-${d}`, userId: name, identifiers: [{ type: "email", value: `${name}@example.com` }] },
  ]).flat();
  const last = (await api.send(RESOLVE_BATCH, { inputs })).resolveBatch.at(-1);
  if (!last) throw new Error("resolveBatch answered no resolutions");
  return last.profileId;
}

async function identifierLinks(api: GraphQLClient, profileId: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const connection: BenchLinksQuery["auditLog"] = (await api.send(LINKS, { id: profileId, after })).auditLog;
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
  const api = new GraphQLClient(url, key);
  try {
    for (let i = 0; i < repetitions; i++) {
      const resetRoot = await bigProfile(api, `${runId}-reset-${i}`, devices);
      reset.push(await timed(() => api.send(RESET, { id: resetRoot })));
      const unmergeRoot = await bigProfile(api, `${runId}-unmerge-${i}`, devices);
      const links = await identifierLinks(api, unmergeRoot);
      // A link in the middle of the profile's history: its profile id splits off, the rest stays.
      const link = links[Math.floor(links.length / 2)];
      if (link === undefined) throw new Error("no IDENTIFIER_LINKED entry on the 50-device profile");
      unmerge.push(await timed(() => api.send(UNMERGE, { id: link })));
    }
  } finally {
    await api.close();
  }
  return { available: true, devices, reset: summarise(reset), unmerge: summarise(unmerge) };
}
