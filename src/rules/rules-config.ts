// Identifier rules (types, limits, priorities, normalisation, blocklist, device cap): the defaults
// of docs/identity-rules.md, overridable by a JSON or YAML file named by IDGRAPH_RULES_FILE.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ConfigError } from "../config.js";
import { parseDuration } from "./timeline.js";

export const NORMALISATIONS = ["none", "trim", "lowercase", "email", "phone"] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

const identifierTypeSchema = z
  .object({
    limit: z.number().int().min(1).max(10_000),
    priority: z.number().int().min(1),
    normalise: z.enum(NORMALISATIONS).default("none"),
  })
  .strict();

const rulesSchema = z
  .object({
    identifierTypes: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "type names are lower_snake_case"), identifierTypeSchema),
    blocklist: z.array(z.string()),
    /** Regular expressions; a value matching any is blocked (compared after trimming, case-insensitively). */
    blockedPatterns: z.array(z.string()),
    deviceCap: z.number().int().min(1).max(100_000),
    maxValueLength: z.number().int().min(1).max(4096),
    /** Rule 10: how far before a device's newest activity an observation is still placed by its timestamp, e.g. "7d", "36h". */
    lateWindow: z.string().refine((text) => parseDuration(text) !== undefined, "a duration such as 7d, 36h, 90m, 30s or 0s"),
    /** Rule 8: how long a messageId is remembered after it arrived, e.g. "7d", "36h"; past it a repeat is decided again. */
    dedupWindow: z
      .string()
      .refine((text) => (parseDuration(text) ?? 0) >= 1000, "a duration of at least a second, such as 7d, 36h, 90m or 30s"),
    /** SDK ingestion: a trait (Segment `traits` / `context.traits`, PostHog `$set`) -> the identifier type it carries. */
    traitMapping: z.record(z.string().min(1).max(64), z.string()),
    /** SDK ingestion: take Segment's `context.device.id` as the device when a message has no `anonymousId`. */
    useContextDeviceId: z.boolean(),
  })
  .strict();

export type IdentifierTypeRule = z.infer<typeof identifierTypeSchema>;
export type IdentityRulesConfig = z.infer<typeof rulesSchema>;

export const DEFAULT_RULES: IdentityRulesConfig = {
  identifierTypes: {
    user_id: { limit: 1, priority: 1, normalise: "none" },
    email: { limit: 1, priority: 2, normalise: "email" },
    phone: { limit: 1, priority: 3, normalise: "phone" },
  },
  blocklist: [
    "none",
    "null",
    "nil",
    "undefined",
    "nan",
    "anonymous",
    "unknown",
    "guest",
    "n/a",
    "na",
    "0",
    "-1",
    "true",
    "false",
    "[object object]",
    "id",
    "user_id",
    "userid",
    "distinct_id",
    "distinctid",
    "email",
    "not_authenticated",
  ],
  blockedPatterns: ["^[0-]*$"],
  deviceCap: 50,
  maxValueLength: 256,
  lateWindow: "7d",
  dedupWindow: "7d",
  traitMapping: { email: "email", phone: "phone" },
  useContextDeviceId: false,
};

/** The rules in the form the resolution code uses: types sorted by priority, patterns compiled. */
export interface IdentityRules {
  types: ReadonlyMap<string, IdentifierTypeRule>;
  /** Type names, highest priority (lowest number) first. */
  typeOrder: readonly string[];
  blocklist: ReadonlySet<string>;
  blockedPatterns: readonly RegExp[];
  deviceCap: number;
  maxValueLength: number;
  /** Rule 10's late window in milliseconds: an observation stamped earlier than this before its device's newest activity is placed by arrival. */
  lateWindowMs: number;
  /** Rule 8's dedup window in milliseconds, counted from a messageId's arrival. */
  dedupWindowMs: number;
  /** Trait name -> identifier type, for the SDK ingestion endpoints; only types that exist. */
  traitMapping: ReadonlyMap<string, string>;
  useContextDeviceId: boolean;
}

export function compileRules(config: IdentityRulesConfig): IdentityRules {
  const typeOrder = Object.entries(config.identifierTypes)
    .sort(([a, ra], [b, rb]) => ra.priority - rb.priority || a.localeCompare(b))
    .map(([name]) => name);
  return {
    types: new Map(Object.entries(config.identifierTypes)),
    typeOrder,
    blocklist: new Set(config.blocklist.map((value) => value.trim().toLowerCase())),
    blockedPatterns: config.blockedPatterns.map((pattern) => new RegExp(pattern, "i")),
    deviceCap: config.deviceCap,
    maxValueLength: config.maxValueLength,
    lateWindowMs: parseDuration(config.lateWindow) ?? 0,
    dedupWindowMs: parseDuration(config.dedupWindow) ?? 0,
    // A default mapping to a type the file dropped is left out; a file's own mapping is checked in parseRulesFile.
    traitMapping: new Map(Object.entries(config.traitMapping).filter(([, type]) => type in config.identifierTypes)),
    useContextDeviceId: config.useContextDeviceId,
  };
}

export const DEFAULT_IDENTITY_RULES = compileRules(DEFAULT_RULES);

/**
 * Parses a rules file's text (JSON, or YAML by a .yaml/.yml name). Keys given replace the defaults' keys; `identifierTypes` given replaces the
 * default types whole, so a file can drop or rename a type. A bad file is a clear start-up error.
 */
export function parseRulesFile(file: string, text: string): IdentityRules {
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`cannot read identity rules file ${file}: ${(error as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`identity rules file ${file}: expected an object at the top level`);
  }
  const result = rulesSchema.safeParse({ ...DEFAULT_RULES, ...raw });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(top)"}: ${issue.message}`).join("\n");
    throw new ConfigError(`identity rules file ${file} is invalid:\n${problems}`);
  }
  for (const pattern of result.data.blockedPatterns) {
    try {
      new RegExp(pattern);
    } catch {
      throw new ConfigError(`identity rules file ${file}: blockedPatterns: not a regular expression: ${pattern}`);
    }
  }
  if (Object.keys(result.data.identifierTypes).length === 0) {
    throw new ConfigError(`identity rules file ${file}: identifierTypes must name at least one type`);
  }
  if ("traitMapping" in raw) {
    for (const [trait, type] of Object.entries(result.data.traitMapping)) {
      if (!(type in result.data.identifierTypes)) {
        throw new ConfigError(`identity rules file ${file}: traitMapping.${trait}: '${type}' is not one of the identifierTypes`);
      }
    }
  }
  return compileRules(result.data);
}
