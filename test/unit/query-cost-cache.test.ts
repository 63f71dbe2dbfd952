// The cost limit is decided by a request's shape, so a hot operation costed once per shape of its
// variables is refused and let through exactly as if it were costed every time.
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import { type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { buildIdgraphSchema } from "../../src/app/schema.js";
import { costKey, queryCost, queryCostPlugin } from "../../src/graphql/limits.js";

const PROFILES = parse(`query Profiles($ids: [ID!]!) { profiles(ids: $ids) { id ids } }`);

async function costCheck(plugin: ApolloServerPlugin<any>) {
  const schema = await buildIdgraphSchema();
  const operation = PROFILES.definitions[0] as OperationDefinitionNode;
  return async (variables: Record<string, unknown>): Promise<void> => {
    const listener = await plugin.requestDidStart?.({} as never);
    await listener?.didResolveOperation?.({
      schema,
      document: PROFILES,
      operation,
      operationName: "Profiles",
      request: { variables },
    } as unknown as GraphQLRequestContextDidResolveOperation<any>);
  };
}

const ids = (count: number): string[] => Array.from({ length: count }, (_, i) => `profile-${i}`);

describe("the query cost limit on a repeated operation", () => {
  it("lets the same operation through or refuses it by its list sizes, every time, whatever the ids", async () => {
    const schema = await buildIdgraphSchema();
    const small = queryCost({ schema, query: PROFILES, variables: { ids: ids(10) } });
    const large = queryCost({ schema, query: PROFILES, variables: { ids: ids(100) } });
    const check = await costCheck(
      queryCostPlugin({ maxDepth: 10, maxCost: Math.floor((small + large) / 2), maxAliases: 50, maxTokens: 1000 }),
    );
    for (let round = 0; round < 3; round++) {
      await expect(check({ ids: ids(10) })).resolves.toBeUndefined();
      await expect(check({ ids: ids(10).map((id) => `${id}-other`) })).resolves.toBeUndefined();
      await expect(check({ ids: ids(100) })).rejects.toMatchObject({ limit: "cost", actual: large });
    }
  });

  it("keys a request by its operation, its list lengths, numbers and flags, not by its strings", () => {
    expect(costKey("A", { deviceId: "one" })).toBe(costKey("A", { deviceId: "two" }));
    expect(costKey("A", { ids: ["a", "b"] })).toBe(costKey("A", { ids: ["c", "d"] }));
    expect(costKey("A", { ids: ["a", "b"] })).not.toBe(costKey("A", { ids: ["a", "b", "c"] }));
    expect(costKey("A", { first: 5 })).not.toBe(costKey("A", { first: 50 }));
    expect(costKey("A", { first: null })).not.toBe(costKey("A", {}));
    expect(costKey("A", { deviceId: "x" })).not.toBe(costKey("B", { deviceId: "x" }));
  });
});
