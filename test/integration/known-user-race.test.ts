// The known-user-id check of the PostHog and Mixpanel mappings runs inside the write transaction,
// under lock: an alias racing a login of the same user id ends as one of the two orders would have
// it (the login first: the alias's other id is a device of that user; the alias first: the id was
// not a user yet, so it is the alias's device), never half of each, and the lock leaves no
// identifier behind that nothing links.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { profileByDevice, profileByIdentifier } from "./api.js";
import { TestServer, uniqueId } from "./harness.js";

const SPACE = uniqueId("race");
let server: TestServer;
const ops = () => server.clientFor("ops", SPACE);

beforeAll(async () => {
  server = await TestServer.start({
    spaces: 0,
    keys: [
      { name: "page", role: "write", space: SPACE },
      { name: "ops", role: "admin", space: SPACE },
    ],
  });
});
afterAll(async () => {
  await server?.stop();
});

const capture = (event: Record<string, unknown>) =>
  fetch(`${server.baseUrl}/batch/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ api_key: server.keys.get("page"), batch: [{ ...event, uuid: uniqueId("e") }] }),
  });

describe("an alias racing a login of the same user id", () => {
  it("ends as the login first or the alias first would, every time, with nothing left unlinked", async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const user = uniqueId("user");
      const aliasDevice = uniqueId("alias-device");
      const loginDevice = uniqueId("login-device");
      const [login, alias] = await Promise.all([
        capture({ event: "$identify", distinct_id: user, properties: { $anon_distinct_id: loginDevice } }),
        capture({ event: "$create_alias", distinct_id: aliasDevice, properties: { alias: user } }),
      ]);
      expect([login.status, alias.status]).toEqual([200, 200]);

      const person = await profileByIdentifier(ops(), "user_id", user);
      expect(person?.devices.map((device) => device.id)).toContain(loginDevice);
      const loginFirst = (await profileByDevice(ops(), aliasDevice))?.id === person?.id;
      const aliasFirst =
        (await profileByDevice(ops(), user)) !== null &&
        (await profileByIdentifier(ops(), "user_id", aliasDevice))?.id === (await profileByDevice(ops(), user))?.id &&
        !person?.devices.some((device) => device.id === aliasDevice);
      expect(loginFirst !== aliasFirst, `round ${round}: login first ${loginFirst}, alias first ${aliasFirst}`).toBe(true);
      outcomes.push(loginFirst ? "login first" : "alias first");
    }
    expect(outcomes).toHaveLength(12);
    expect(await checkSpace(server.executor, SPACE, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("takes an id a login made a user id a moment ago as that user", async () => {
    const user = uniqueId("user");
    const device = uniqueId("device");
    expect((await capture({ event: "$identify", distinct_id: user, properties: { $anon_distinct_id: uniqueId("d") } })).status).toBe(200);
    expect((await capture({ event: "$create_alias", distinct_id: device, properties: { alias: user } })).status).toBe(200);
    expect((await profileByDevice(ops(), device))?.id).toBe((await profileByIdentifier(ops(), "user_id", user))?.id);
    expect(await profileByDevice(ops(), user)).toBeNull();
    expect(await checkSpace(server.executor, SPACE, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });
});
