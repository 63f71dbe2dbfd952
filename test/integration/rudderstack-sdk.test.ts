// RudderStack's Node SDK speaks Segment's protocol, gzipped by default, with originalTimestamp and
// sentAt instead of timestamp: idgraph takes it as it is sent.
import Analytics from "@rudderstack/rudder-sdk-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, profileByIdentifier, valuesOf } from "./api.js";
import { type Client, TestServer, uniqueId } from "./harness.js";

const space = uniqueId("rudder-sdk");
let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 1, keys: [{ name: "tracker", role: "ingest", space }] });
  client = server.clientFor("tracker", space);
});
afterAll(() => server?.stop());

describe("@rudderstack/rudder-sdk-node sending to idgraph", () => {
  it("sends gzipped batches that become one profile, timed by the device's clock", async () => {
    const [device, user] = [uniqueId("d"), uniqueId("u")];
    const email = `${uniqueId("e")}@example.com`;
    const phone = "+44 20 7946 0018";
    const rudder = new Analytics(server.keys.get("tracker") as string, {
      dataPlaneUrl: server.baseUrl,
      flushAt: 20,
      flushInterval: 100,
      gzip: true,
      logLevel: "error",
    });
    const flushed = (): Promise<void> =>
      new Promise((resolve, reject) => void rudder.flush((error?: Error) => (error ? reject(error) : resolve())));

    const earlier = new Date(Date.now() - 60_000);
    // The SDK stamps originalTimestamp itself; here it is set to a device clock a minute behind (not in its types).
    rudder.track({ anonymousId: device, event: "Signed Up", originalTimestamp: earlier } as Parameters<typeof rudder.track>[0]);
    rudder.identify({ anonymousId: device, userId: user, context: { traits: { email, phone } } });
    rudder.page({ userId: user, name: "Home" });
    await flushed();

    const profile = await profileByIdentifier(client, "user_id", user);
    expect(profile?.devices.map((d) => d.id)).toEqual([device]);
    expect(valuesOf(profile, "email")).toEqual([email]);
    expect(valuesOf(profile, "phone")).toEqual(["+442079460018"]);
    // The first event is dated by its originalTimestamp (corrected by sentAt), not by arrival.
    const created = (await auditLog(client, profile?.id)).find((entry) => entry.action === "PROFILE_CREATED");
    expect(Math.abs(new Date(created?.at as string).getTime() - earlier.getTime())).toBeLessThan(5_000);
  });
});
