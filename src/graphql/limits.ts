// Limits on the shape of a GraphQL request, checked before anything touches Neo4j: depth and
// aliases during validation, cost (list sizes multiply) once the operation and its variables are
// known. A refused request answers BAD_USER_INPUT with the limit's name, maximum and actual value.
import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  isListType,
  isNonNullType,
  parse,
  specifiedRules,
  type ValidationContext,
  type ValidationRule,
  validate,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { ErrorCode } from "../errors.js";

export interface QueryLimits {
  /** Deepest field nesting of an operation (introspection's __schema does not count). */
  maxDepth: number;
  /** Estimated cost: each field costs 1 plus its children, times its list size; root fields cost ROOT_FIELD_COST more. */
  maxCost: number;
  /** Aliased fields per operation (__typename is free). */
  maxAliases: number;
  /** Lexical tokens of the query text: a parse-time bound, so a huge document is refused while parsing. */
  maxTokens: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 10, maxCost: 50_000, maxAliases: 50, maxTokens: 100_000 };

/** Every root field is a round trip to Neo4j, so aliasing one many times must add up quickly. */
export const ROOT_FIELD_COST = 10;

/** Selections walked while costing (fragments spread many times are walked each time): beyond it, refused. */
const MAX_COSTED_NODES = 100_000;

/** Arguments that say how many items a field returns or touches: a list's length, or a page size. */
const LIST_SIZE_ARGUMENTS = ["ids", "inputs", "profileIds", "identities", "first"] as const;

export type QueryLimitName = "depth" | "cost" | "aliases";

export class QueryLimitError extends GraphQLError {
  /** unknownBecause: the cost could not be estimated, for this reason (the request is refused all the same). */
  constructor(
    readonly limit: QueryLimitName,
    readonly maximum: number,
    readonly actual: number | undefined,
    unknownBecause?: string,
  ) {
    const what = { depth: "query depth", cost: "query cost", aliases: "number of aliases" }[limit];
    const message =
      unknownBecause === undefined
        ? `${what} exceeds the limit of ${maximum}${actual === undefined ? "" : ` (got ${actual})`}; nothing was run`
        : `${what} could not be estimated (${unknownBecause}); nothing was run`;
    super(message, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, limit, maximum, ...(actual === undefined ? {} : { actual }), http: { status: 400 } },
    });
    this.name = "QueryLimitError";
  }
}

/** The limit error behind an error Apollo hands to formatError (validation wraps it once), if any. */
export function queryLimitErrorOf(error: unknown): QueryLimitError | undefined {
  if (error instanceof QueryLimitError) return error;
  const original = (error as { originalError?: unknown } | null)?.originalError;
  return original instanceof QueryLimitError ? original : undefined;
}

const reject =
  (limit: QueryLimitName, maximum: number) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    const actual = /found (\d+)/.exec(error.message)?.[1];
    context?.reportError(new QueryLimitError(limit, maximum, actual === undefined ? undefined : Number(actual)));
  };

/** Validation rules for Apollo's validationRules: depth and aliases. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [reject("depth", limits.maxDepth)],
    }),
    maxAliasesRule({ n: limits.maxAliases, propagateOnRejection: false, onReject: [reject("aliases", limits.maxAliases)] }),
  ];
}

const listSize = (args: Record<string, unknown>, field: GraphQLField<unknown, unknown>): number => {
  let size = 1;
  for (const name of LIST_SIZE_ARGUMENTS) {
    // An explicit null page size means the argument's default (`first: Int = 50`).
    const value = args[name] ?? field.args.find((argument) => argument.name === name)?.defaultValue;
    if (Array.isArray(value)) size = Math.max(size, value.length);
    else if (typeof value === "number" && Number.isFinite(value)) size = Math.max(size, Math.trunc(value));
  }
  return size;
};

const estimateCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const isRoot = type.name === "Query" || type.name === "Mutation" || type.name === "Subscription";
  let fieldType = field.type;
  if (isNonNullType(fieldType)) fieldType = fieldType.ofType;
  const returnsMany = isListType(fieldType) || "first" in args;
  return (returnsMany ? listSize(args, field) : 1) * (1 + childComplexity) + (isRoot ? ROOT_FIELD_COST : 0);
};

/** The estimated cost of running a parsed operation with its variables. */
export function queryCost(options: {
  schema: GraphQLSchema;
  query: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  maxQueryNodes?: number;
}): number {
  return getComplexity({ ...options, estimators: [estimateCost] });
}

/** Variable shapes remembered per document (a document costed with many list lengths starts over). */
const MAX_COSTS_PER_DOCUMENT = 64;

/**
 * What of a request the cost depends on: the operation and its variables with every string blanked
 * and every list replaced by its length (the estimator reads only list lengths, numbers and which
 * arguments are given; booleans stay, for @skip and @include).
 */
export const costKey = (operationName: string | null, variables: Record<string, unknown>): string =>
  `${JSON.stringify(operationName)} ${JSON.stringify(variables, (_key, value: unknown) =>
    typeof value === "string" ? "" : Array.isArray(value) ? `list:${value.length}` : value,
  )}`;

/**
 * Refuses an operation whose cost exceeds the limit, after validation and before execution. Cost
 * needs the variables (a list passed as $ids counts by its length), so it is a plugin, not a
 * validation rule. Variables that do not fit their types are left to execution, which refuses them
 * as BAD_USER_INPUT before any resolver runs; any other operation whose cost cannot be estimated
 * is refused as BAD_USER_INPUT here.
 */
export function queryCostPlugin(limits: QueryLimits): ApolloServerPlugin {
  // Apollo hands the same parsed document to every request with the same query text, so a hot
  // operation is costed once per shape of its variables, not on every request.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName, operation }) {
          // Variables that do not fit their types: execution refuses them with its own message
          // (BAD_USER_INPUT) before any resolver runs, so they need no cost.
          if (getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables ?? {}).errors) return;
          const key = costKey(operationName ?? null, request.variables ?? {});
          let known = costs.get(document);
          const cached = known?.get(key);
          if (cached !== undefined) {
            if (cached > limits.maxCost) throw new QueryLimitError("cost", limits.maxCost, cached);
            return;
          }
          let cost: number;
          try {
            cost = queryCost({
              schema,
              query: document,
              variables: request.variables ?? {},
              ...(operationName ? { operationName } : {}),
              maxQueryNodes: MAX_COSTED_NODES,
            });
          } catch (error) {
            if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
              throw new QueryLimitError("cost", limits.maxCost, undefined);
            }
            // An operation we cannot cost is not let through uncosted (e.g. an explicit null for a
            // non-null argument with a default, which only the field itself would refuse, after its
            // siblings and parents ran). The estimator's messages describe the request, not data.
            throw new QueryLimitError("cost", limits.maxCost, undefined, error instanceof Error ? error.message : String(error));
          }
          if (!known) {
            known = new Map();
            costs.set(document, known);
          }
          if (known.size >= MAX_COSTS_PER_DOCUMENT) known.clear();
          known.set(key, cost);
          if (cost > limits.maxCost) throw new QueryLimitError("cost", limits.maxCost, cost);
        },
      };
    },
  };
}

/**
 * The same limits for an operation that does not come through Apollo (a graphql-ws subscription):
 * parse within the token limit, validate with the depth and alias rules, then cost it. The errors
 * to answer with; none when it may run.
 */
export function operationLimitErrors(options: {
  schema: GraphQLSchema;
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  limits: QueryLimits;
}): { document: DocumentNode; errors: readonly GraphQLError[] } | { document?: undefined; errors: readonly GraphQLError[] } {
  const { schema, limits } = options;
  let document: DocumentNode;
  try {
    document = parse(options.query, { maxTokens: limits.maxTokens });
  } catch (error) {
    return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...queryLimitRules(limits)]);
  if (errors.length > 0) return { document, errors };
  const variables = options.variables ?? {};
  const operation = getOperationAST(document, options.operationName ?? undefined);
  if (getVariableValues(schema, operation?.variableDefinitions ?? [], variables).errors) return { document, errors: [] };
  let cost: number;
  try {
    cost = queryCost({
      schema,
      query: document,
      variables,
      ...(options.operationName ? { operationName: options.operationName } : {}),
      maxQueryNodes: MAX_COSTED_NODES,
    });
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
      return { document, errors: [new QueryLimitError("cost", limits.maxCost, undefined)] };
    }
    return {
      document,
      errors: [new QueryLimitError("cost", limits.maxCost, undefined, error instanceof Error ? error.message : String(error))],
    };
  }
  return { document, errors: cost > limits.maxCost ? [new QueryLimitError("cost", limits.maxCost, cost)] : [] };
}
