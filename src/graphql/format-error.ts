// Every GraphQL error leaves with an extensions.code from the contract; internal errors are logged
// (without their message, which may carry personal data, above debug level) and answered without
// detail in production, with message and stack trace otherwise.
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { IdgraphError } from "../errors.js";
import { errorSummary, type Logger } from "../logger.js";
import { queryLimitErrorOf } from "./limits.js";

const PASSTHROUGH_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown, logger: Logger, production = true): GraphQLFormattedError {
  const limit = queryLimitErrorOf(error);
  if (limit) {
    const { http: _http, ...extensions } = limit.extensions;
    return { message: limit.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions };
  }
  const original = unwrapResolverError(error);
  if (original instanceof IdgraphError) {
    return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  const code = formatted.extensions?.["code"];
  if (typeof code === "string" && PASSTHROUGH_CODES.has(code)) {
    // Apollo's own input errors (validation, variable coercion) are the client's mistakes.
    return { ...formatted, extensions: { ...formatted.extensions, code: code === "BAD_REQUEST" ? "BAD_USER_INPUT" : code } };
  }
  if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") return formatted;
  logger.error({ ...errorSummary(original), ...(formatted.path ? { path: formatted.path } : {}) }, "internal error");
  logger.debug({ err: original }, "internal error in full");
  if (!production) {
    // Development: the real message and Apollo's stacktrace extension help whoever runs the server.
    const stacktrace = formatted.extensions?.["stacktrace"];
    return { ...formatted, extensions: { code: "INTERNAL_SERVER_ERROR", ...(stacktrace ? { stacktrace } : {}) } };
  }
  return { message: "internal error", ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
