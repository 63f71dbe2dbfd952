// The HTTP load generator, run as a child process so that it does not share the idgraph server's
// event loop: sends resolveBatch batches from several clients, then profileByDevice and
// `{ __typename }` at a fixed concurrency (closed loop), and reports latencies to the parent.
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { Pool } from "undici";
import { type GraphQLAnswer, postGraphQL } from "./graphql.js";
import { load1, nextOf, pool, summarise, type LatencySummary } from "./stats.js";
import { type SteadyStats, SteadyWorkload } from "./steady-workload.js";
import { type ObservationJson, Workload, type WorkloadStats } from "./workload.js";

export interface IngestRequest {
  type: "ingest";
  /** One server, or several: requests go to them in turn (round robin). */
  url: string | string[];
  key: string;
  profiles: number;
  seed: number;
  clients: number;
  batchSize: number;
  /** The churn workload (default), or steady traffic of `observations` on the graph the churn one built (steady-workload.ts). */
  workload?: "churn" | "steady";
  observations?: number;
  /** Steady traffic: its messageIds' and new ids' prefix (another run's traffic is new traffic), and the share of identify calls. */
  messagePrefix?: string;
  identifies?: number;
}

export interface ReadRequest {
  type: "reads";
  /** One server, or several: requests go to them in turn (round robin). */
  url: string | string[];
  key: string;
  query: "profileByDevice" | "typename";
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  seed: number;
}

export type LoadRequest = IngestRequest | ReadRequest | { type: "exit" };

export interface IngestResult {
  type: "ingestDone";
  observations: number;
  batches: number;
  elapsedMs: number;
  warnings: Record<string, number>;
  created: number;
  stats: WorkloadStats | SteadyStats;
  /** A few device ids, for the admin figures and spot checks. */
  someDevices: string[];
}

export interface ReadResult {
  type: "readsDone";
  query: string;
  requests: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  perSec: number;
  latency: LatencySummary;
}

export type LoadMessage = IngestResult | ReadResult | { type: "progress"; line: string } | { type: "failed"; message: string };

const RESOLVE_BATCH = `mutation ResolveBatch($inputs: [ResolveInput!]!) {
  resolveBatch(inputs: $inputs) { profileId assignedProfileId created mergedProfileIds warnings { code } }
}`;

/** What an analytics back end asks when it maps an event's device to a person. */
export const PROFILE_BY_DEVICE = `query ProfileByDevice($deviceId: String!) {
  profileByDevice(deviceId: $deviceId) { id ids identifiers { type value } devices { id profileId lastSeenAt } createdAt }
}`;

const TYPENAME = "{ __typename }";

const send = (message: LoadMessage): void => void process.send?.(message);

let devices: string[] = [];

/** One request's answer; a refusal without GraphQL errors (a 429, a 503) reads as an error naming its status. */
async function post(client: Pool, key: string, path: string, body: string): Promise<GraphQLAnswer> {
  const { status, answer } = await postGraphQL(client, path, key, body);
  if (status !== 200 && !answer.errors) answer.errors = [{ message: `HTTP ${status}` }];
  return answer;
}

/** The servers a request type goes to: one connection pool each, taken in turn, request by request. */
class Targets {
  private readonly targets: Array<{ client: Pool; path: string }>;
  private next = 0;

  constructor(urls: string | string[], connections: number) {
    this.targets = [urls].flat().map((url) => {
      const parsed = new URL(url);
      return { client: new Pool(parsed.origin, { connections, pipelining: 1 }), path: parsed.pathname };
    });
  }

  post(key: string, body: string): Promise<GraphQLAnswer> {
    const target = this.targets[this.next++ % this.targets.length] as { client: Pool; path: string };
    return post(target.client, key, target.path, body);
  }

  async close(): Promise<void> {
    await Promise.all(this.targets.map((target) => target.client.close()));
  }
}

async function ingest(request: IngestRequest): Promise<void> {
  const targets = new Targets(request.url, request.clients);
  const workload =
    request.workload === "steady"
      ? new SteadyWorkload({
          profiles: request.profiles,
          seed: request.seed,
          observations: request.observations ?? 0,
          ...(request.messagePrefix !== undefined ? { messagePrefix: request.messagePrefix } : {}),
          ...(request.identifies !== undefined ? { identifies: request.identifies } : {}),
        })
      : new Workload({ profiles: request.profiles, seed: request.seed });
  const batches = workload.batches(request.batchSize);
  const warnings: Record<string, number> = {};
  let observations = 0;
  let batchCount = 0;
  let created = 0;
  const started = performance.now();
  let lastProgress = started;
  await pool(request.clients, nextOf(batches), async (batch: ObservationJson[]) => {
    const body = await targets.post(request.key, JSON.stringify({ query: RESOLVE_BATCH, variables: { inputs: batch } }));
    if (body.errors?.length) throw new Error(`resolveBatch failed: ${JSON.stringify(body.errors).slice(0, 500)}`);
    const resolutions = (body.data?.["resolveBatch"] ?? []) as Array<{ created: boolean; warnings: Array<{ code: string }> }>;
    for (const resolution of resolutions) {
      if (resolution.created) created++;
      for (const warning of resolution.warnings) warnings[warning.code] = (warnings[warning.code] ?? 0) + 1;
    }
    observations += batch.length;
    batchCount++;
    const now = performance.now();
    if (now - lastProgress > 5000) {
      lastProgress = now;
      const seconds = (now - started) / 1000;
      send({
        type: "progress",
        line: `${request.workload ?? "churn"} ingest: ${observations} observations in ${seconds.toFixed(0)} s, ${Math.round(observations / seconds)}/s, load ${load1()}`,
      });
    }
  });
  const elapsedMs = performance.now() - started;
  await targets.close();
  if (workload instanceof Workload) devices = workload.deviceSample;
  send({
    type: "ingestDone",
    observations,
    batches: batchCount,
    elapsedMs,
    warnings,
    created,
    stats: workload.stats,
    someDevices: devices.slice(0, 10),
  });
}

async function reads(request: ReadRequest): Promise<void> {
  const targets = new Targets(request.url, request.concurrency);
  const rng = xoroshiro128plus(request.seed);
  const body = (): string =>
    request.query === "typename"
      ? JSON.stringify({ query: TYPENAME })
      : JSON.stringify({ query: PROFILE_BY_DEVICE, variables: { deviceId: devices[uniformInt(rng, 0, devices.length - 1)] } });
  if (request.query === "profileByDevice" && devices.length === 0) throw new Error("no devices: run an ingest first");

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let errors = 0;
  let firstError: string | undefined;
  let measuring = false;
  const warmupEnds = performance.now() + request.warmupMs;
  const ends = warmupEnds + request.durationMs;
  let measuredFrom = 0;
  await pool(
    request.concurrency,
    () => {
      const now = performance.now();
      if (!measuring && now >= warmupEnds) {
        measuring = true;
        measuredFrom = now;
      }
      return now < ends ? body() : undefined;
    },
    async (payload) => {
      const sent = performance.now();
      const result = await targets.post(request.key, payload);
      const took = performance.now() - sent;
      if (sent < measuredFrom || !measuring) return;
      if (result.errors?.length) {
        errors++;
        firstError ??= JSON.stringify(result.errors).slice(0, 300);
        return;
      }
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = took;
    },
  );
  const elapsedMs = performance.now() - measuredFrom;
  await targets.close();
  send({
    type: "readsDone",
    query: request.query,
    requests: count,
    errors,
    ...(firstError !== undefined ? { firstError } : {}),
    elapsedMs,
    perSec: Math.round((count / elapsedMs) * 1000),
    latency: summarise(latencies.subarray(0, count)),
  });
}

process.on("message", (message: LoadRequest) => {
  const work = message.type === "ingest" ? ingest(message) : message.type === "reads" ? reads(message) : Promise.resolve(process.exit(0));
  work.catch((error: unknown) =>
    send({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
