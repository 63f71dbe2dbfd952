// What the per-key limit and copied-key tests share: Segment calls with a write key, /metrics
// samples by series, and one graphql-ws operation's outcome.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  body: Record<string, any>;
}

/** POSTs a Segment message (or {batch}) to `path` with `key` as the Basic user name. */
export async function segmentCall(baseUrl: string, path: string, key: string, body: unknown): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "text/plain", authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: text ? JSON.parse(text) : {} };
}

/** POSTs a GraphQL operation with a Bearer key, keeping the status and Retry-After. */
export async function graphqlCall(url: string, key: string, query: string, variables: Record<string, unknown> = {}): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as Record<string, any> };
}

/** The /metrics text, read with an admin key. */
export async function metricsText(baseUrl: string, adminKey: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${adminKey}` } });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}

/** One sample of a series with its labels, e.g. `idgraph_key_throttled_total{key="web",limit="in_flight"}`; 0 when absent. */
export function sampleOf(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

export interface OpenSubscription {
  /** The errors the server answered the subscription with (it is not running then). */
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Subscribes over graphql-ws with `key`; errors arrive in `errors` when the server refuses it. */
export function subscribe(graphqlUrl: string, key: string, query: string): OpenSubscription {
  const client = createClient({
    url: graphqlUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  const errors: OpenSubscription["errors"] = [];
  const unsubscribe = client.subscribe(
    { query },
    {
      next: (value) => {
        if (value.errors) errors.push(...(value.errors as OpenSubscription["errors"]));
      },
      error: (error) => {
        if (Array.isArray(error)) errors.push(...error);
        else errors.push({ message: String(error) });
      },
      complete: () => undefined,
    },
  );
  return {
    errors,
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}
