// The benchmarks' API keys: an admin key per space, each named apart (key names are unique), with
// the per-key limits lifted far past what one machine can send — the benchmark measures the
// store, not the limits a deployment sets for its callers (SECURITY.md, per-key limits).
const UNLIMITED = "requests=1000000;observations=100000000;inFlight=100000;subscriptions=1000";

/** IDGRAPH_API_KEYS' value for these spaces and their keys. */
export const benchApiKeys = (keys: ReadonlyMap<string, string>): string =>
  [...keys].map(([space, key], i) => `bench-${i}:${key}:admin:${space}:${UNLIMITED}`).join(",");
