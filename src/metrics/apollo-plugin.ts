// Request latency per GraphQL operation. The label is the operation's type and root fields
// ("mutation resolveBatch"), fixed by the schema: a client's operationName could be anything.
import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type OperationDefinitionNode } from "graphql";
import type { Metrics } from "./metrics.js";

const MAX_FIELDS_NAMED = 4;

export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  if (operation === undefined) return "invalid";
  const fields = [
    ...new Set(operation.selectionSet.selections.map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : "fragment"))),
  ].sort();
  const named = fields.length > MAX_FIELDS_NAMED ? [...fields.slice(0, MAX_FIELDS_NAMED), "..."] : fields;
  return `${operation.operation} ${named.join(",")}`;
}

export function metricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = metrics.requestDuration.startTimer();
      return {
        async willSendResponse(requestContext) {
          stop({ operation: operationLabel(requestContext.operation) });
        },
      };
    },
  };
}
