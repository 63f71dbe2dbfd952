// Rule 7 through the API: a profile holds at most 50 devices; device 51 becomes a ghost profile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { auditLog, profileByDevice, profileByIdentifier, resolve, resolveBatch } from "./api.js";
import { TestServer } from "./harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 4 });
});
afterAll(async () => {
  await server?.stop();
});

describe("rule 7: the device cap", () => {
  it("keeps the 51st device of one user out of the profile: a ghost profile, DEVICE_LIMIT_REACHED and a GHOST_PROFILE entry", async () => {
    const client = server.newSpace();
    const fifty = await resolveBatch(
      client,
      Array.from({ length: 50 }, (_, i) => ({ deviceId: `device-${i + 1}`, userId: "busy-user" })),
    );
    expect(new Set(fifty.map((answer) => answer.profileId)).size).toBe(1);
    expect(fifty.every((answer) => answer.warnings.length === 0)).toBe(true);

    const fiftyFirst = await resolve(client, { deviceId: "device-51", userId: "busy-user", messageId: "m-51" });
    expect(fiftyFirst.warnings.map((w) => w.code)).toEqual(["DEVICE_LIMIT_REACHED"]);
    expect(fiftyFirst.profileId).not.toBe(fifty[0]?.profileId);
    expect(fiftyFirst.created).toBe(true);

    const userProfile = await profileByIdentifier(client, "user_id", "busy-user");
    expect(userProfile?.devices).toHaveLength(50);
    const ghost = await profileByDevice(client, "device-51");
    expect(ghost?.id).toBe(fiftyFirst.profileId);
    expect(ghost?.identifiers).toEqual([]);

    const ghostEntries = (await auditLog(client)).filter((entry) => entry.action === "GHOST_PROFILE");
    expect(ghostEntries).toHaveLength(1);
    expect(ghostEntries[0]).toMatchObject({
      actor: "system",
      messageId: "m-51",
      deviceIds: ["device-51"],
      identifiers: [{ type: "user_id", value: "busy-user" }],
    });
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });
});
