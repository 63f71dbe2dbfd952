// API keys from IDGRAPH_API_KEYS="name:key:role[:space[:options]],...": the key's name is the audit
// actor, its role bounds what it may do, its space is all it sees, its options bound how much it
// may send (src/auth/key-limits.ts). No keys configured = open mode.
import { createHash, timingSafeEqual } from "node:crypto";
import { ConfigError } from "../config.js";
import { ErrorCode, IdgraphError } from "../errors.js";

/**
 * read: queries. write: resolve, resolveBatch and the SDK endpoints, never a read (the key that
 * sits in a web page or an app, where anyone can copy it). ingest: read + write (a server's key).
 * admin: everything.
 */
export const ROLES = ["read", "write", "ingest", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What an operation needs; each role grants some of them (ACCESS_OF). */
export type Access = "read" | "write" | "admin";

const ACCESS_OF: Record<Role, ReadonlySet<Access>> = {
  read: new Set(["read"]),
  write: new Set(["write"]),
  ingest: new Set(["read", "write"]),
  admin: new Set(["read", "write", "admin"]),
};

/** The roles that grant an access, for messages. */
const ROLES_WITH = (access: Access): Role[] => ROLES.filter((role) => ACCESS_OF[role].has(access));

/** How much one key may send; every limit is per key and per server process. */
export interface KeyLimitSettings {
  /** Requests a second (GraphQL and the SDK endpoints alike). */
  requests: number;
  /** Observations a second, averaged over OBSERVATION_WINDOW_S, so a batch larger than one second's worth still fits. */
  observations: number;
  /** Requests of this key worked on at once; the rest are told to come back (429). */
  inFlight: number;
  /** GraphQL subscriptions this key may hold open at once. */
  subscriptions: number;
}

/**
 * Generous for one server: above what one idgraph process writes (about 1,500 observations a
 * second, docs/BENCHMARKS.md), so only a key sending far more than its share is throttled; inFlight
 * is half the server's SDK in-flight limit (64), so one key never holds all of it.
 */
export const DEFAULT_KEY_LIMITS: KeyLimitSettings = { requests: 500, observations: 5000, inFlight: 32, subscriptions: 20 };

export interface Principal {
  name: string;
  role: Role;
  space: string;
  limits: KeyLimitSettings;
  /** The identifier types this key may send (userId counts as user_id); undefined: any. Devices are always allowed. */
  identifierTypes?: ReadonlySet<string>;
}

interface ApiKey extends Principal {
  digest: Buffer;
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SPACE = /^[A-Za-z0-9_.-]{1,64}$/;
const TYPE = /^[a-z][a-z0-9_]{0,31}$/;
const LIMIT_OPTIONS = ["requests", "observations", "inFlight", "subscriptions"] as const;

const digest = (key: string): Buffer => createHash("sha256").update(key, "utf8").digest();

export const OPEN_MODE_PRINCIPAL: Principal = { name: "anonymous", role: "admin", space: "default", limits: DEFAULT_KEY_LIMITS };

/** A key's options: `requests=50;observations=200;inFlight=8;subscriptions=2;types=user_id|phone`. */
function parseOptions(text: string, where: string): Pick<Principal, "limits" | "identifierTypes"> {
  const limits: KeyLimitSettings = { ...DEFAULT_KEY_LIMITS };
  let identifierTypes: Set<string> | undefined;
  for (const option of text.split(";").map((part) => part.trim())) {
    if (option === "") continue;
    const [name = "", value = "", ...rest] = option.split("=");
    if (rest.length > 0 || value === "") throw new ConfigError(`${where}: option '${option}' must be name=value`);
    if (name === "types") {
      const types = value.split("|").map((type) => type.trim());
      const bad = types.find((type) => !TYPE.test(type));
      if (bad !== undefined) throw new ConfigError(`${where}: types must be identifier type names separated by '|'; got '${bad}'`);
      identifierTypes = new Set(types);
      continue;
    }
    if (!(LIMIT_OPTIONS as readonly string[]).includes(name)) {
      throw new ConfigError(`${where}: unknown option '${name}'; options: ${[...LIMIT_OPTIONS, "types"].join(", ")}`);
    }
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < (name === "subscriptions" ? 0 : 1)) {
      throw new ConfigError(`${where}: ${name} must be a whole number${name === "subscriptions" ? "" : " of at least 1"}; got '${value}'`);
    }
    limits[name as (typeof LIMIT_OPTIONS)[number]] = number;
  }
  return { limits, ...(identifierTypes ? { identifierTypes } : {}) };
}

export class ApiKeys {
  private constructor(private readonly keys: ApiKey[]) {}

  static parse(value: string | undefined): ApiKeys {
    const entries = (value ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    const names = new Set<string>();
    const keys = entries.map((entry, index): ApiKey => {
      const [name = "", key = "", role = "", space = "default", options = "", ...rest] = entry.split(":");
      const where = `IDGRAPH_API_KEYS entry ${index + 1} (${name || "unnamed"})`;
      if (rest.length > 0) throw new ConfigError(`${where}: expected name:key:role[:space[:options]]`);
      if (!NAME.test(name)) throw new ConfigError(`${where}: the name must be 1-64 letters, digits, '_', '.', '-'`);
      // The name labels the key's metrics and limits: two keys of one name would share them.
      if (names.has(name)) throw new ConfigError(`${where}: another key has the name '${name}'; names must differ`);
      names.add(name);
      if (key.length < 16) throw new ConfigError(`${where}: the key must be at least 16 characters`);
      if (!(ROLES as readonly string[]).includes(role)) throw new ConfigError(`${where}: role must be one of ${ROLES.join(", ")}`);
      if (!SPACE.test(space)) throw new ConfigError(`${where}: the space must be 1-64 letters, digits, '_', '.', '-'`);
      return { name, role: role as Role, space, ...parseOptions(options, where), digest: digest(key) };
    });
    return new ApiKeys(keys);
  }

  /** The spaces the keys name (open mode: "default"), each once. */
  get spaces(): string[] {
    return this.open ? [OPEN_MODE_PRINCIPAL.space] : [...new Set(this.keys.map((key) => key.space))].sort();
  }

  get open(): boolean {
    return this.keys.length === 0;
  }

  /** True when some key has the write role (a key meant for pages and apps: the server is reachable from the internet). */
  get hasWriteKeys(): boolean {
    return this.keys.some((key) => key.role === "write");
  }

  /** A ConfigError when a key names an identifier type the rules do not have. */
  checkIdentifierTypes(known: ReadonlySet<string>): void {
    for (const key of this.keys) {
      const unknown = [...(key.identifierTypes ?? [])].filter((type) => !known.has(type));
      if (unknown.length > 0) {
        throw new ConfigError(
          `IDGRAPH_API_KEYS (${key.name}): unknown identifier types ${unknown.join(", ")}; configured: ${[...known].join(", ")}`,
        );
      }
    }
  }

  /** The principal of an Authorization header; keys are compared by digest in constant time. */
  authenticate(authorization: string | undefined): Principal {
    if (this.open) return OPEN_MODE_PRINCIPAL;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match?.[1]) {
      throw new IdgraphError(ErrorCode.UNAUTHENTICATED, "missing API key: send Authorization: Bearer <key>");
    }
    const presented = digest(match[1]);
    let found: ApiKey | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(key.digest, presented)) found ??= key;
    }
    if (!found) throw new IdgraphError(ErrorCode.UNAUTHENTICATED, "unknown API key");
    const { digest: _digest, ...principal } = found;
    return principal;
  }
}

export function mayAccess(principal: Principal, access: Access): boolean {
  return ACCESS_OF[principal.role].has(access);
}

export function requireRole(principal: Principal, access: Access): void {
  if (!mayAccess(principal, access)) {
    const roles = ROLES_WITH(access).join(" or ");
    const why = principal.role === "write" ? " (a write key may only send observations, never read)" : "";
    throw new IdgraphError(
      ErrorCode.FORBIDDEN,
      `this operation needs a ${roles} key; key '${principal.name}' has the ${principal.role} role${why}`,
    );
  }
}
