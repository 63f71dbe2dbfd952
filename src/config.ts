// Process configuration from the environment, validated once at start-up.
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

/** A switch that may also be left unset (undefined), for defaults that depend on other settings. */
const optionalFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : value === "1" || value === "true" || value === "yes"));

const port = z.coerce.number().int().min(1).max(65535);

/** An origin as browsers send it: scheme, host and optional port; no path, no trailing slash. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}

/** IDGRAPH_CORS_ORIGINS: a comma-separated allowlist of browser origins; empty: none. */
const corsOrigins = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ""),
  )
  .refine((origins) => origins.every(isOrigin), {
    message:
      "a comma-separated list of origins such as https://app.example.com,http://localhost:5173 (scheme, lower-case host, port; no path, no trailing slash, no *)",
  });

const environmentSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|bolt\+s|bolt\+ssc|neo4j|neo4j\+s|neo4j\+ssc):\/\/.+/, "must be a bolt:// or neo4j:// URI (optionally +s / +ssc)")
    .optional(),
  NEO4J_USERNAME: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).default("neo4j"),
  /** The local Neo4j's instance name: its data lives in .neo4j/<name> of the checkout. */
  NEO4J_LOCAL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "a name of letters, digits, - and _ (a folder under .neo4j/)")
    .default("dev"),
  NEO4J_LOCAL_BOLT_PORT: port.default(7687),
  NEO4J_LOCAL_HTTP_PORT: port.default(7474),
  NEO4J_LOCAL_HEAP: z
    .string()
    .regex(/^\d+[kmg]$/)
    .default("512m"),
  NEO4J_LOCAL_PAGECACHE: z
    .string()
    .regex(/^\d+[kmg]$/)
    .default("256m"),
  IDGRAPH_RULES_FILE: z.string().min(1).optional(),
  IDGRAPH_API_KEYS: z.string().optional(),
  IDGRAPH_TEST_ENV: flag,
  IDGRAPH_PRODUCTION: flag,
  /** /metrics answers only an admin API key; open on the port when off; unset: on as soon as a write key is configured. */
  IDGRAPH_METRICS_AUTH: optionalFlag,
  // Checked here: the body parser reads an unparsable size as "no limit".
  IDGRAPH_MAX_BODY: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, "a size such as 5mb, 512kb or 1048576")
    .default("5mb"),
  /** GraphQL request shape limits (src/graphql/limits.ts); a request beyond one is refused before it runs. */
  IDGRAPH_MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(1000).default(10),
  IDGRAPH_MAX_QUERY_COST: z.coerce.number().int().min(1).max(100_000_000).default(50_000),
  IDGRAPH_MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(100_000).default(50),
  /** The change feed (src/feed/): outbox retention, relay and webhook timings. */
  IDGRAPH_FEED_RETENTION_DAYS: z.coerce.number().min(0).max(36_500).default(30),
  IDGRAPH_FEED_RELAY_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  IDGRAPH_FEED_LEASE_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  IDGRAPH_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  IDGRAPH_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(1_000),
  IDGRAPH_WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(300_000),
  IDGRAPH_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(10).max(300_000).default(10_000),
  IDGRAPH_WEBHOOK_DELIVERY: z.enum(["on", "off"]).default("on"),
  IDGRAPH_WEBHOOK_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** The retention work (src/retention/): how often it forgets what has passed its window. */
  IDGRAPH_RETENTION_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Browser origins allowed to call /graphql and the ingestion endpoints (src/server/cors.ts). */
  IDGRAPH_CORS_ORIGINS: corsOrigins,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Environment = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const result = environmentSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new ConfigError(`invalid environment:\n${problems}`);
  }
  return result.data;
}
