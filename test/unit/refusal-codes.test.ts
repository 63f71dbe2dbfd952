// An SDK endpoint's refusal is counted in the errors series under the public code a GraphQL client
// would read for the same trouble: one vocabulary for every dashboard.
import { expect, it } from "vitest";
import { codeOfStatus } from "../../src/metrics/metrics.js";

it.each([
  [400, "BAD_USER_INPUT"],
  [413, "BAD_USER_INPUT"],
  [401, "UNAUTHENTICATED"],
  [403, "FORBIDDEN"],
  [429, "SERVICE_UNAVAILABLE"],
  [503, "SERVICE_UNAVAILABLE"],
  [500, "INTERNAL_SERVER_ERROR"],
])("an answer of HTTP %i counts as %s", (status, code) => {
  expect(codeOfStatus(status)).toBe(code);
});
