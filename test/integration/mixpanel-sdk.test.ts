// An app instrumented with the mixpanel package points its host, port and protocol at idgraph:
// Simplified ID Merge ($device_id, $user_id), Original ID Merge ($identify, alias, $merge) and
// import_batch (with the key as `api_key`, the one way the package authenticates over plain HTTP).
import Mixpanel from "mixpanel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, profileByDevice, profileByIdentifier, valuesOf } from "./api.js";
import { type Client, TestServer, uniqueId } from "./harness.js";

const space = uniqueId("mixpanel-sdk");
let server: TestServer;
let client: Client;
let token: string;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 1, keys: [{ name: "tracker", role: "ingest", space }] });
  client = server.clientFor("tracker", space);
  token = server.keys.get("tracker") as string;
});
afterAll(() => server?.stop());

/** The package's host, port and protocol options (its types omit `port` and `key`, which it reads). */
function connection(): Partial<Mixpanel.InitConfig> {
  return {
    host: "127.0.0.1",
    port: Number(new URL(server.baseUrl).port),
    protocol: "http",
    keepAlive: false,
  } as Partial<Mixpanel.InitConfig>;
}

function mixpanel(options: { verbose?: boolean } = {}): Mixpanel.Mixpanel {
  // `key` goes as ?api_key=: over plain HTTP the package refuses a secret or service account for /import.
  return Mixpanel.init(token, { ...connection(), key: token, ...options } as Partial<Mixpanel.InitConfig>);
}

const tracked = (mp: Mixpanel.Mixpanel, event: string, properties: Mixpanel.PropertyDict): Promise<void> =>
  new Promise((resolve, reject) => mp.track(event, properties, (error) => (error ? reject(error) : resolve())));

describe("the mixpanel package sending to idgraph", () => {
  it("joins a device to its user under Simplified ID Merge", async () => {
    const [device, user] = [uniqueId("d"), uniqueId("u")];
    const mp = mixpanel();
    await tracked(mp, "Viewed", { distinct_id: `$device:${device}`, $device_id: device });
    await tracked(mp, "Logged In", { distinct_id: user, $device_id: device, $user_id: user });
    // Later events by distinct_id alone: a known user id is that user.
    await tracked(mp, "Purchased", { distinct_id: user, $insert_id: uniqueId("i") });
    const profile = await profileByIdentifier(client, "user_id", user);
    expect(profile?.devices.map((d) => d.id)).toEqual([device]);
    expect((await profileByDevice(client, device))?.id).toBe(profile?.id);
  });

  it("follows Original ID Merge: $identify, alias, and a $merge of two users refused by the user id limit", async () => {
    const [anonymous, laptop, user, other] = [uniqueId("anon"), uniqueId("laptop"), uniqueId("u"), uniqueId("u")];
    const mp = mixpanel({ verbose: true });
    await tracked(mp, "$identify", { distinct_id: user, $anon_id: anonymous, $identified_id: user });
    await new Promise<void>((resolve, reject) => mp.alias(laptop, user, (error) => (error ? reject(error) : resolve())));
    await tracked(mp, "$identify", { distinct_id: other, $identified_id: other });
    await tracked(mp, "$merge", { $distinct_ids: [user, other] });

    const profile = await profileByIdentifier(client, "user_id", user);
    expect(profile?.devices.map((d) => d.id).sort()).toEqual([anonymous, laptop].sort());
    expect(valuesOf(profile, "user_id")).toEqual([user]);
    expect((await profileByIdentifier(client, "user_id", other))?.id).not.toBe(profile?.id);
    const errors = (await auditLog(client, profile?.id)).filter((entry) => entry.action === "IDENTITY_ERROR");
    expect(errors.map((entry) => entry.identifiers)).toEqual([[{ type: "user_id", value: other }]]);
  });

  it("imports a batch with import_batch, each event by $insert_id once, at its own time", async () => {
    const [device, user] = [uniqueId("d"), uniqueId("u")];
    const time = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    const events = [
      { event: "Viewed", properties: { distinct_id: device, time, $insert_id: uniqueId("i") } },
      { event: "Logged In", properties: { distinct_id: user, $device_id: device, $user_id: user, time, $insert_id: uniqueId("i") } },
    ];
    const mp = mixpanel();
    for (let round = 0; round < 2; round++) {
      const errors = await new Promise<unknown>((resolve) => mp.import_batch(events, (errs) => resolve(errs)));
      expect(errors).toBeNull();
    }
    const profile = await profileByIdentifier(client, "user_id", user);
    expect(profile?.devices.map((d) => d.id)).toEqual([device]);
    const entries = await auditLog(client, profile?.id);
    expect(entries.filter((entry) => entry.action === "IDENTIFIER_LINKED")).toHaveLength(1);
    expect(new Date(profile?.createdAt as string).getTime()).toBe(time.getTime());
  });

  it("gets 0 (and no profile) for a token that is not a write key", async () => {
    const device = uniqueId("d");
    const mp = Mixpanel.init("not-a-key-of-this-server", connection());
    await expect(tracked(mp, "Viewed", { distinct_id: device })).rejects.toThrow("Mixpanel Server Error: 0");
    expect(await profileByDevice(client, device)).toBeNull();
  });
});
