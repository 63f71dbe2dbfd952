// "Audit history": every entry an observation causes names the device it came from, so an admin
// reading a profile's history can tell which device joined a bad merge and pick the link to undo;
// an entry that undoes another names it (AuditEntry.undoes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulesWith } from "../unit/helpers.js";
import { type AuditEntryView, auditLog, resolve } from "./api.js";
import { TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 8, rules: rulesWith({ deviceCap: 2 }) });
});
afterAll(async () => {
  await server?.stop();
});

const entriesOf = (log: AuditEntryView[], action: string): AuditEntryView[] => log.filter((entry) => entry.action === action);

describe("audit entries name the device involved", () => {
  it("a login on device D records D on its IDENTIFIER_LINKED and PROFILE_CREATED entries", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "D", userId: "jane", messageId: "m1" });
    const log = await auditLog(client);
    expect(entriesOf(log, "PROFILE_CREATED").map((e) => e.deviceIds)).toEqual([["D"]]);
    expect(entriesOf(log, "IDENTIFIER_LINKED")).toEqual([expect.objectContaining({ deviceIds: ["D"], messageId: "m1" })]);
  });

  it("the login that merges two profiles names its device on the PROFILES_MERGED entry", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "P", userId: "smith" });
    await resolve(client, { deviceId: "Q" });
    await resolve(client, { deviceId: "Q", userId: "smith" });
    const merged = entriesOf(await auditLog(client), "PROFILES_MERGED");
    expect(merged).toHaveLength(1);
    expect(merged[0]?.deviceIds).toEqual(["Q"]);
  });

  it("a refused link names its device on the IDENTITY_ERROR entry, and a ghost link on the GHOST_PROFILE entry", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "A", userId: "bob", identifiers: [{ type: "email", value: "bob@x.io" }] });
    await resolve(client, { deviceId: "B", userId: "adam", identifiers: [{ type: "email", value: "bob@x.io" }] });
    expect(entriesOf(await auditLog(client), "IDENTITY_ERROR").map((e) => e.deviceIds)).toEqual([["B"]]);

    // The device cap is 2 here: bob's third device becomes a ghost.
    await resolve(client, { deviceId: "A2", userId: "bob" });
    await resolve(client, { deviceId: "A3", userId: "bob" });
    expect(entriesOf(await auditLog(client), "GHOST_PROFILE").map((e) => e.deviceIds)).toEqual([["A3"]]);
  });

  it("an unmerge entry names the entry it undoes", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "K", userId: "kim" });
    const linked = entriesOf(await auditLog(client), "IDENTIFIER_LINKED")[0];
    if (!linked) throw new Error("no IDENTIFIER_LINKED entry");
    await client.data(`mutation ($id: ID!) { unmerge(auditEntryId: $id, reason: "test") { profileIds } }`, { id: linked.id });
    const undo = entriesOf(await auditLog(client), "PROFILES_UNMERGED")[0];
    expect(undo?.undoes).toBe(linked.id);
    expect(linked.undoes).toBeNull();
  });
});
