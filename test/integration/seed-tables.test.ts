// The worked tables of the vendor documents (test/fixtures/seed-tables.json), row by row through
// the GraphQL API: the profile ids idgraph returns repeat exactly where the documents' CleverTap IDs
// repeat, and differ where they differ.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { profile, profileByDevice, resolve, type ResolutionView } from "./api.js";
import { type SeedTable, seedTables } from "../support/seed-tables.js";
import { TestServer } from "./harness.js";

const tables = seedTables;

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(async () => {
  await server?.stop();
});

/** Feeds a table's rows in order, each in the same fresh space, and returns the answers. */
async function feed(table: SeedTable) {
  const client = server.newSpace();
  const answers: ResolutionView[] = [];
  for (const row of table.rows) {
    answers.push(await resolve(client, { deviceId: row.device, ...(row.userId === null ? {} : { userId: row.userId }) }));
  }
  return { client, answers };
}

describe("the vendor documents' worked tables", () => {
  it.each(tables.map((table) => [`${table.name} (${table.source})`, table] as const))(
    "%s: profile ids repeat exactly where the CleverTap IDs do",
    async (_name, table) => {
      const { client, answers } = await feed(table);
      // Row by row, the same CleverTap ID maps to the same profile id and a new one to a new one.
      const seen = new Map<number, string>();
      table.rows.forEach((row, index) => {
        const answer = answers[index] as ResolutionView;
        const expected = seen.get(row.cleverTapId);
        if (expected === undefined) {
          expect(
            [...seen.values()],
            `row ${index + 1} (${row.device}, ${row.userId ?? "anonymous"}) should be a profile not seen before`,
          ).not.toContain(answer.profileId);
          seen.set(row.cleverTapId, answer.profileId);
        } else {
          expect(
            answer.profileId,
            `row ${index + 1} (${row.device}, ${row.userId ?? "anonymous"}) should be CleverTap ID ${row.cleverTapId}'s profile`,
          ).toBe(expected);
        }
        expect(answer.warnings).toEqual([]);
      });
      expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
    },
  );

  it("same user id on multiple devices: profile(the anonymous id 9) returns profile 8, with both ids and devices P and Q", async () => {
    const table = tables.find((t) => t.name === "same user id on multiple devices, with anonymous events") as SeedTable;
    const { client, answers } = await feed(table);
    const [smithOnP, anonymousOnQ] = answers as [ResolutionView, ResolutionView];
    const id9 = anonymousOnQ.assignedProfileId;
    const id8 = smithOnP.profileId;
    expect(id9).not.toBe(id8);
    const merged = await profile(client, id9);
    expect(merged?.id).toBe(id8);
    expect(merged?.ids.sort()).toEqual([id8, id9].sort());
    expect(merged?.devices.map((d) => d.id).sort()).toEqual(["P", "Q"]);
    expect(merged?.identifiers).toEqual([{ type: "user_id", value: "Smith" }]);
    // The merge answer says which profile was merged in, and the older id wins.
    expect(answers[2]?.mergedProfileIds).toEqual([id9]);
    expect((await profileByDevice(client, "Q"))?.id).toBe(id8);
  });
});
