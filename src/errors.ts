// Public error codes are the API contract (shared/contract/schema.graphql); classes are internal.
import { GraphQLError } from "graphql";

export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class IdgraphError extends Error {
  override readonly name = "IdgraphError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, { extensions: { code: this.code, ...this.details } });
  }
}

export const badInput = (message: string, details?: Record<string, unknown>): IdgraphError =>
  new IdgraphError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string): IdgraphError => new IdgraphError(ErrorCode.NOT_FOUND, message);
export const conflict = (message: string, details?: Record<string, unknown>): IdgraphError =>
  new IdgraphError(ErrorCode.CONFLICT, message, details);
