// IDGRAPH_API_KEYS entries: name:key:role[:space[:options]]; the options set a key's own limits
// and identifier types, anything unclear is a start-up error that names the entry.
import { describe, expect, it } from "vitest";
import { ApiKeys, DEFAULT_KEY_LIMITS, mayAccess } from "../../src/auth/api-keys.js";
import { identifierTypesOf } from "../../src/auth/key-limits.js";

const KEY = "k".repeat(24);
const principal = (entry: string) => ApiKeys.parse(entry).authenticate(`Bearer ${KEY}`);

describe("API key entries", () => {
  it("give a key the default limits and no identifier type restriction when it has no options", () => {
    expect(principal(`web:${KEY}:write:shop`)).toEqual({ name: "web", role: "write", space: "shop", limits: DEFAULT_KEY_LIMITS });
  });

  it("read the limits and identifier types of a key's options", () => {
    const web = principal(`web:${KEY}:write:shop:requests=20;observations=100;inFlight=4;subscriptions=0;types=user_id|phone`);
    expect(web.limits).toEqual({ requests: 20, observations: 100, inFlight: 4, subscriptions: 0 });
    expect([...(web.identifierTypes ?? [])]).toEqual(["user_id", "phone"]);
  });

  it.each([
    [`web:${KEY}:write:shop:requests=0`, /requests must be a whole number of at least 1/],
    [`web:${KEY}:write:shop:requests=fast`, /requests must be a whole number/],
    [`web:${KEY}:write:shop:burst=5`, /unknown option 'burst'/],
    [`web:${KEY}:write:shop:types=Email`, /types must be identifier type names/],
    [`web:${KEY}:write:shop:requests`, /must be name=value/],
    [`web:${KEY}:write:shop,web:${"j".repeat(24)}:read:shop`, /another key has the name 'web'/],
    [`web:${KEY}:owner:shop`, /role must be one of read, write, ingest, admin/],
  ])("refuse %s at start-up", (entry, message) => {
    expect(() => ApiKeys.parse(entry)).toThrow(message);
  });

  it("refuse an identifier type the rules do not have", () => {
    expect(() => ApiKeys.parse(`web:${KEY}:write:shop:types=user_id|fax`).checkIdentifierTypes(new Set(["user_id", "email"]))).toThrow(
      /unknown identifier types fax/,
    );
  });
});

describe("roles", () => {
  it.each([
    ["read", ["read"]],
    ["write", ["write"]],
    ["ingest", ["read", "write"]],
    ["admin", ["read", "write", "admin"]],
  ] as const)("a %s key may %j", (role, accesses) => {
    const caller = principal(`k:${KEY}:${role}`);
    expect((["read", "write", "admin"] as const).filter((access) => mayAccess(caller, access))).toEqual(accesses);
  });
});

describe("the identifier types of an observation", () => {
  it("count its userId as user_id and each identifier by its type, never its device", () => {
    expect(identifierTypesOf({ userId: "u1", identifiers: [{ type: "email" }, { type: "phone" }] })).toEqual(["user_id", "email", "phone"]);
    expect(identifierTypesOf({ userId: null, identifiers: null })).toEqual([]);
  });
});
