// The one way the pages talk to idgraph: POST /graphql with the key the person entered.
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

const KEY = "idgraph.apiKey";

/** The key is kept for this tab's session only (sessionStorage), never in localStorage or a cookie. */
export const storedKey = (): string => sessionStorage.getItem(KEY) ?? "";
export const storeKey = (key: string): void => {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
};

export interface GraphQLResult<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
}

export async function graphql<T>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError("NETWORK_ERROR", `the server did not answer: ${String(error)}`);
  }
  let body: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`HTTP_${response.status}`, `the server answered ${response.status} without a GraphQL body`);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** Runs an operation that must succeed: the first error becomes an ApiError. */
export async function request<T>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await graphql<T>(key, query, variables);
  const first = result.errors[0];
  if (first) throw new ApiError(first.extensions?.code ?? "ERROR", first.message);
  if (result.data === null) throw new ApiError("ERROR", "no data in the answer");
  return result.data;
}
