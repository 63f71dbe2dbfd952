// An app instrumented with posthog-node points its host at idgraph: gzipped /batch/ requests,
// $identify with $anon_distinct_id, alias, $merge_dangerously, and events by distinct_id.
import { PostHog } from "posthog-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, profileByDevice, profileByIdentifier, valuesOf } from "./api.js";
import { type Client, TestServer, uniqueId } from "./harness.js";

const space = uniqueId("posthog-sdk");
let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 1, keys: [{ name: "tracker", role: "ingest", space }] });
  client = server.clientFor("tracker", space);
});
afterAll(() => server?.stop());

function posthog(apiKey = server.keys.get("tracker") as string): PostHog {
  return new PostHog(apiKey, { host: server.baseUrl, flushAt: 50, flushInterval: 0, fetchRetryCount: 0, disableGeoip: true });
}

describe("posthog-node sending to idgraph", () => {
  it("joins anonymous events to the user that identifies, and later events by distinct_id to that user", async () => {
    const [anonymous, tablet, user] = [uniqueId("anon"), uniqueId("tablet"), uniqueId("u")];
    const email = `${uniqueId("e")}@example.com`;
    const ph = posthog();
    ph.capture({ distinctId: anonymous, event: "$pageview", properties: { $current_url: "https://shop.example/" } });
    ph.identify({ distinctId: user, properties: { $anon_distinct_id: anonymous, email } });
    ph.capture({ distinctId: user, event: "purchase", properties: { $device_id: tablet } });
    await ph.shutdown();

    const profile = await profileByIdentifier(client, "user_id", user);
    expect(profile?.devices.map((d) => d.id).sort()).toEqual([anonymous, tablet].sort());
    expect(valuesOf(profile, "email")).toEqual([email]);
  });

  it("aliases an anonymous id to a user, and refuses $merge_dangerously of two users by the user id limit", async () => {
    const [laptop, user, other] = [uniqueId("laptop"), uniqueId("u"), uniqueId("u")];
    const ph = posthog();
    ph.identify({ distinctId: user });
    ph.identify({ distinctId: other });
    ph.alias({ distinctId: user, alias: laptop });
    ph.capture({ distinctId: user, event: "$merge_dangerously", properties: { alias: other } });
    await ph.shutdown();

    const profile = await profileByIdentifier(client, "user_id", user);
    expect((await profileByDevice(client, laptop))?.id).toBe(profile?.id);
    expect(valuesOf(profile, "user_id")).toEqual([user]);
    const errors = (await auditLog(client, profile?.id)).filter((entry) => entry.action === "IDENTITY_ERROR");
    expect(errors.map((entry) => entry.identifiers)).toEqual([[{ type: "user_id", value: other }]]);
  });

  it("applies an event uuid once: a repeat with more in it changes nothing", async () => {
    const [device, uuid] = [uniqueId("d"), crypto.randomUUID()];
    const ph = posthog();
    ph.capture({ distinctId: device, event: "signup_started", uuid });
    ph.capture({ distinctId: device, event: "signup_started", uuid, properties: { $set: { email: `${uniqueId("e")}@example.com` } } });
    await ph.shutdown();
    const profile = await profileByDevice(client, device);
    expect(profile?.identifiers).toEqual([]);
    expect((await auditLog(client, profile?.id)).filter((entry) => entry.messageId === uuid).map((entry) => entry.action)).toEqual([
      "PROFILE_CREATED",
    ]);
  });
});
