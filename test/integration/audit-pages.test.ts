// Audit pages (test/fixtures/contract.graphql: `auditLog(first: Int = 50)`, `Profile.history(first: Int = 50)`):
// a page is 50 entries long when first is absent, and also when a client passes null for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve, resolveBatch } from "./api.js";
import { graphql } from "./gql/index.js";
import { TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 2 });
});
afterAll(async () => {
  await server?.stop();
});

const AUDIT_PAGE = graphql(`
  query AuditPage { auditLog { edges { node { id } } pageInfo { hasNextPage } } }
`);
const AUDIT_PAGE_OF = graphql(`
  query AuditPageOf($first: Int) { auditLog(first: $first) { edges { node { id } } pageInfo { hasNextPage } } }
`);
const HISTORY_PAGE = graphql(`
  query HistoryPage($id: ID!, $first: Int) { profile(id: $id) { history(first: $first) { edges { node { id } } } } }
`);

describe("audit pages", () => {
  it("are 50 entries long when first is absent or null", async () => {
    const client = server.newSpace();
    await resolveBatch(
      client,
      Array.from({ length: 60 }, (_, i) => ({ deviceId: `device-${i}`, userId: `user-${i}` })),
    );
    const absent = await client.data(AUDIT_PAGE);
    const nulled = await client.data(AUDIT_PAGE_OF, { first: null });
    expect(absent.auditLog.edges).toHaveLength(50);
    expect(absent.auditLog.pageInfo.hasNextPage).toBe(true);
    expect(nulled.auditLog).toEqual(absent.auditLog);
  });

  it("of one profile's history answer with first null as with first absent", async () => {
    const client = server.newSpace();
    const answer = await resolve(client, { deviceId: "d1", userId: "u1" });
    const nulled = await client.data(HISTORY_PAGE, { id: answer.profileId, first: null });
    const absent = await client.data(HISTORY_PAGE, { id: answer.profileId });
    expect(nulled.profile?.history.edges.length).toBeGreaterThan(0);
    expect(nulled).toEqual(absent);
  });
});
