// A write key (a page's or an app's, public) may run resolve and resolveBatch and nothing else: no
// query (whoami and introspection included), no subscription, no other mutation. Checked per
// operation before anything runs, beside each resolver's own role check, so a field added later
// is closed to write keys until it is named here.
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, type OperationDefinitionNode } from "graphql";
import { mayAccess, type Principal } from "../auth/api-keys.js";
import { ErrorCode } from "../errors.js";
import type { RequestContext } from "./context.js";

/** The root fields a key without read access may select (on a mutation). */
export const WRITE_FIELDS: ReadonlySet<string> = new Set(["resolve", "resolveBatch", "__typename"]);

/** True when the operation only writes: a mutation selecting only WRITE_FIELDS, with no fragments at its root. */
export function onlyWrites(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === "mutation" &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && WRITE_FIELDS.has(selection.name.value))
  );
}

/** FORBIDDEN for an operation that reads, when the key may only write; undefined when it may run. */
export function writeOnlyRefusal(principal: Principal, operation: OperationDefinitionNode | null | undefined): GraphQLError | undefined {
  if (mayAccess(principal, "read")) return undefined;
  if (operation && onlyWrites(operation)) return undefined;
  return new GraphQLError(
    `key '${principal.name}' has the ${principal.role} role: it may run resolve and resolveBatch only, never a query or a subscription`,
    { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } },
  );
}

export function writeOnlyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const refusal = writeOnlyRefusal(contextValue.principal, operation);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
