// The one way the pages talk to idgraph: POST /graphql with the key the person entered, sending
// documents typed by `npm run codegen` (./gql/), so a field the schema lost fails the build.
import type { TypedDocumentString } from "./gql/graphql.js";

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string };
}

/** An error from the API, with its public code (extensions.code) and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const errorOf = (error: unknown): ApiError => (error instanceof ApiError ? error : new ApiError("ERROR", String(error)));

export interface GraphQLResult<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
}

/** An operation's variables as arguments: none for an operation without variables. */
export type VariablesOf<V> = V extends Record<string, never> ? [] : [variables: V];

/** POSTs one operation with the key; the answer's data and errors as they came. */
export async function post<R, V>(key: string, document: TypedDocumentString<R, V>, variables?: V): Promise<GraphQLResult<R>> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch (error) {
    throw new ApiError("NETWORK_ERROR", `the server did not answer: ${String(error)}`);
  }
  let body: { data?: R | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`HTTP_${response.status}`, `the server answered ${response.status} without a GraphQL body`);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** The data of an answer that must succeed: its first error becomes an ApiError. */
export function dataOf<R>(result: GraphQLResult<R>): R {
  const first = result.errors[0];
  if (first) throw new ApiError(first.extensions?.code ?? "ERROR", first.message);
  if (result.data === null) throw new ApiError("ERROR", "no data in the answer");
  return result.data;
}

/** Calls to /graphql with the key in use at the moment each is sent. */
export interface Api {
  /** Runs an operation that must succeed. */
  request<R, V>(document: TypedDocumentString<R, V>, ...variables: VariablesOf<V>): Promise<R>;
  /** Runs an operation whose parts may fail one by one: data and errors as answered. */
  answer<R, V>(document: TypedDocumentString<R, V>, ...variables: VariablesOf<V>): Promise<GraphQLResult<R>>;
}

/** An Api whose every request asks `keyInUse` for its key when it is sent. */
export const apiWith = (keyInUse: () => string): Api => ({
  request: async (document, ...[variables]) => dataOf(await post(keyInUse(), document, variables)),
  answer: (document, ...[variables]) => post(keyInUse(), document, variables),
});
