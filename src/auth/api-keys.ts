// API keys from IDGRAPH_API_KEYS="name:key:role[:space],...": the key's name is the audit actor,
// its role bounds what it may do, its space is all it sees. No keys configured = open mode.
import { createHash, timingSafeEqual } from "node:crypto";
import { ConfigError } from "../config.js";
import { ErrorCode, IdgraphError } from "../errors.js";

export const ROLES = ["read", "ingest", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  name: string;
  role: Role;
  space: string;
}

interface ApiKey extends Principal {
  digest: Buffer;
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SPACE = /^[A-Za-z0-9_.-]{1,64}$/;

const digest = (key: string): Buffer => createHash("sha256").update(key, "utf8").digest();

export const OPEN_MODE_PRINCIPAL: Principal = { name: "anonymous", role: "admin", space: "default" };

export class ApiKeys {
  private constructor(private readonly keys: ApiKey[]) {}

  static parse(value: string | undefined): ApiKeys {
    const entries = (value ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    const keys = entries.map((entry, index): ApiKey => {
      const [name = "", key = "", role = "", space = "default", ...rest] = entry.split(":");
      const where = `IDGRAPH_API_KEYS entry ${index + 1} (${name || "unnamed"})`;
      if (rest.length > 0) throw new ConfigError(`${where}: expected name:key:role[:space]`);
      if (!NAME.test(name)) throw new ConfigError(`${where}: the name must be 1-64 letters, digits, '_', '.', '-'`);
      if (key.length < 16) throw new ConfigError(`${where}: the key must be at least 16 characters`);
      if (!(ROLES as readonly string[]).includes(role)) throw new ConfigError(`${where}: role must be one of ${ROLES.join(", ")}`);
      if (!SPACE.test(space)) throw new ConfigError(`${where}: the space must be 1-64 letters, digits, '_', '.', '-'`);
      return { name, role: role as Role, space, digest: digest(key) };
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
    return { name: found.name, role: found.role, space: found.space };
  }
}

const RANK: Record<Role, number> = { read: 0, ingest: 1, admin: 2 };

export function requireRole(principal: Principal, needed: Role): void {
  if (RANK[principal.role] < RANK[needed]) {
    throw new IdgraphError(ErrorCode.FORBIDDEN, `this operation needs the ${needed} role; key '${principal.name}' has ${principal.role}`);
  }
}
