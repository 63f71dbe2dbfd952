// Public error codes are the API contract (test/fixtures/contract.graphql); classes are internal.

export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** The key sent more than its per-key limits (HTTP 429): retry after extensions.retryAfter seconds; nothing was written. */
  RATE_LIMITED: "RATE_LIMITED",
  /** Concurrent writes to the same profiles kept conflicting past the retries: retry the request. */
  WRITE_CONFLICT: "WRITE_CONFLICT",
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
}

export const badInput = (message: string, details?: Record<string, unknown>): IdgraphError =>
  new IdgraphError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string): IdgraphError => new IdgraphError(ErrorCode.NOT_FOUND, message);
export const conflict = (message: string, details?: Record<string, unknown>): IdgraphError =>
  new IdgraphError(ErrorCode.CONFLICT, message, details);
