// An import through a running server's GraphQL API (--url/--key, or IDGRAPH_URL/IDGRAPH_API_KEY),
// for when Neo4j is not reachable from where the files are. Slower than the direct path: every
// batch is a resolveBatch request, and a rerun's repeats are answered by the server (each a
// DUPLICATE_MESSAGE) instead of being skipped before they are sent. --url is the server's address
// (http://127.0.0.1:4000) or its GraphQL endpoint (…/graphql), as a person has it at hand.
import { ErrorCode, IdgraphError } from "../../errors.js";
import type { ObservationInput, Resolution } from "../../rules/model.js";
import { CliError } from "../connection.js";
import type { ImportTarget } from "./target.js";

const RESOLVE_BATCH = `mutation ($inputs: [ResolveInput!]!) {
  resolveBatch(inputs: $inputs) {
    profileId assignedProfileId created mergedProfileIds warnings { code message }
    reattributed { deviceId from until fromProfileId toProfileId }
  }
}`;
/** Below the server's default alias limit (IDGRAPH_MAX_QUERY_ALIASES, 50). */
const IDS_PER_LOOKUP = 40;

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));
/** Statuses a proxy answers while the server behind it is down or busy: worth a rerun. */
const UNAVAILABLE = new Set([502, 503, 504]);
const EXAMPLE = "give the server's address, such as http://127.0.0.1:4000, or its /graphql endpoint";

/** The GraphQL endpoint of a --url: the server's address gets /graphql; an endpoint stays as it is. */
export function graphqlEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--url ${url} is not a URL: ${EXAMPLE}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new CliError(`--url ${url} is not an http(s) URL: ${EXAMPLE}`);
  if (!parsed.pathname.endsWith("/graphql")) parsed.pathname = `${parsed.pathname.replace(/\/+$/, "")}/graphql`;
  return parsed.href;
}

const isGraphQLAnswer = (body: unknown): body is GraphQLAnswer<unknown> =>
  typeof body === "object" && body !== null && ("data" in body || "errors" in body);

export function graphqlTarget(url: string, key: string | undefined): ImportTarget {
  const endpoint = graphqlEndpoint(url);
  const request = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new IdgraphError(ErrorCode.SERVICE_UNAVAILABLE, `cannot reach ${endpoint}: ${(error as Error).message}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    // idgraph's /graphql never answers 404 or 405, whatever its body (Neo4j's HTTP port answers JSON errors).
    if (!isGraphQLAnswer(body) || response.status === 404 || response.status === 405) {
      if (UNAVAILABLE.has(response.status)) {
        throw new IdgraphError(ErrorCode.SERVICE_UNAVAILABLE, `${endpoint} answered HTTP ${response.status}`);
      }
      const type = response.headers.get("content-type")?.split(";")[0];
      throw new CliError(
        `${endpoint} is not an idgraph server: it answered HTTP ${response.status}${type ? ` with ${type}` : ""}, not GraphQL; ${EXAMPLE}`,
      );
    }
    const answer = body as GraphQLAnswer<T>;
    const first = answer.errors?.[0];
    if (first) {
      const code = first.extensions?.code ?? "INTERNAL_SERVER_ERROR";
      // The server's schema has no such operation: another GraphQL server, not idgraph.
      if (code === "GRAPHQL_VALIDATION_FAILED")
        throw new CliError(`${endpoint} is not an idgraph server (or one of another version): ${first.message}`);
      throw new IdgraphError(PUBLIC_CODES.has(code) ? (code as ErrorCode) : ErrorCode.BAD_USER_INPUT, first.message);
    }
    if (answer.data === undefined || answer.data === null) {
      throw new IdgraphError(ErrorCode.SERVICE_UNAVAILABLE, `${endpoint} answered HTTP ${response.status} without data`);
    }
    return answer.data;
  };
  return {
    checkpoint: async (file) =>
      (await request<{ importCheckpoint: number }>("query ($file: String!) { importCheckpoint(file: $file) }", { file })).importCheckpoint,
    async recordCheckpoint(file, name, lines) {
      await request(
        "mutation ($file: String!, $name: String!, $lines: Int!) { recordImportCheckpoint(file: $file, name: $name, lines: $lines) }",
        {
          file,
          name,
          lines,
        },
      );
    },
    // The server answers a repeat with DUPLICATE_MESSAGE; the import counts those as already applied.
    appliedMessageIds: async () => new Set(),
    async knownUserIds(ids) {
      const known = new Set<string>();
      for (let start = 0; start < ids.length; start += IDS_PER_LOOKUP) {
        const chunk = ids.slice(start, start + IDS_PER_LOOKUP);
        const fields = chunk.map((_, i) => `u${i}: profileByIdentifier(type: "user_id", value: $v${i}) { id }`).join(" ");
        const query = `query (${chunk.map((_, i) => `$v${i}: String!`).join(", ")}) { ${fields} }`;
        const data = await request<Record<string, { id: string } | null>>(query, Object.fromEntries(chunk.map((id, i) => [`v${i}`, id])));
        chunk.forEach((id, i) => {
          if (data[`u${i}`]) known.add(id);
        });
      }
      return known;
    },
    async resolveBatch(inputs: readonly ObservationInput[]): Promise<Resolution[]> {
      const wire = inputs.map((input) => ({ ...input, timestamp: input.timestamp?.toISOString() }));
      return (await request<{ resolveBatch: Resolution[] }>(RESOLVE_BATCH, { inputs: wire })).resolveBatch;
    },
  };
}
