// A GraphQL answer refused by a per-key limit (RATE_LIMITED, src/auth/key-limits.ts) leaves as HTTP
// 429 with Retry-After, as it does from the SDK endpoints, so a client's retry logic can act on it.
import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode } from "../errors.js";

export function rateLimitedPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const limited = response.body.singleResult.errors?.find((error) => error.extensions?.["code"] === ErrorCode.RATE_LIMITED);
          if (!limited) return;
          const retryAfter = Number(limited.extensions?.["retryAfter"] ?? 1);
          response.http.status = 429;
          response.http.headers.set("retry-after", String(Math.max(1, Math.ceil(retryAfter))));
        },
      };
    },
  };
}
