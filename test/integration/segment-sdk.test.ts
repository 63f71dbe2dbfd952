// An app instrumented with Segment's own Node library changes only its host and write key, and
// idgraph builds the profiles from what it sends (identify, track, alias, group, flush).
import { Analytics } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, profileByDevice, profileByIdentifier, valuesOf } from "./api.js";
import { type Client, TestServer, uniqueId } from "./harness.js";

const space = uniqueId("segment-sdk");
let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 1, keys: [{ name: "tracker", role: "ingest", space }] });
  client = server.clientFor("tracker", space);
});
afterAll(() => server?.stop());

/** A Segment client pointed at the test server, recording every HTTP status it got. */
function segment(writeKey: string): { analytics: Analytics; statuses: number[] } {
  const analytics = new Analytics({ writeKey, host: server.baseUrl, flushAt: 50, flushInterval: 100, maxRetries: 2 });
  const statuses: number[] = [];
  analytics.on("http_response", (response) => statuses.push(response.status));
  return { analytics, statuses };
}

describe("@segment/analytics-node sending to idgraph", () => {
  it("turns anonymous tracking, an identify with traits and an alias into one profile", async () => {
    const key = server.keys.get("tracker") as string;
    const [phone, laptop, user] = [uniqueId("phone"), uniqueId("laptop"), uniqueId("jane")];
    const email = `${uniqueId("jane")}@example.com`;
    const { analytics, statuses } = segment(key);

    analytics.track({ anonymousId: phone, event: "Product Viewed", properties: { sku: "a-1" } });
    analytics.track({ anonymousId: laptop, event: "Product Viewed" });
    analytics.identify({ anonymousId: phone, userId: user, traits: { email: `  ${email.toUpperCase()} `, plan: "pro" } });
    analytics.track({ userId: user, event: "Order Completed" });
    // alias: the laptop's anonymous id is the same person as the user.
    analytics.alias({ previousId: laptop, userId: user });
    analytics.group({ userId: user, groupId: uniqueId("acme"), traits: { name: "Acme" } });
    await analytics.flush();

    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const profile = await profileByIdentifier(client, "user_id", user);
    expect(profile?.devices.map((device) => device.id).sort()).toEqual([laptop, phone].sort());
    expect(valuesOf(profile, "email")).toEqual([email.toLowerCase()]);
    expect((await profileByDevice(client, laptop))?.id).toBe(profile?.id);
    const actions = (await auditLog(client, profile?.id)).map((entry) => entry.action);
    expect(actions).toContain("IDENTIFIER_LINKED");
    await analytics.closeAndFlush();
  });

  it("refuses an alias of two user ids as a merge the user id limit forbids, with an identity error in the audit log", async () => {
    const key = server.keys.get("tracker") as string;
    const [adam, bob] = [uniqueId("adam"), uniqueId("bob")];
    const [adamDevice, bobDevice] = [uniqueId("d"), uniqueId("d")];
    const { analytics, statuses } = segment(key);
    analytics.identify({ anonymousId: adamDevice, userId: adam });
    analytics.identify({ anonymousId: bobDevice, userId: bob });
    analytics.alias({ previousId: bob, userId: adam });
    await analytics.flush();

    expect(statuses).toEqual([200]);
    const adamProfile = await profileByIdentifier(client, "user_id", adam);
    const bobProfile = await profileByIdentifier(client, "user_id", bob);
    expect(adamProfile?.id).not.toBe(bobProfile?.id);
    expect(valuesOf(adamProfile, "user_id")).toEqual([adam]);
    const errors = (await auditLog(client, adamProfile?.id)).filter((entry) => entry.action === "IDENTITY_ERROR");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.identifiers).toEqual([{ type: "user_id", value: bob }]);
    expect(errors[0]?.reason).toBe("user_id limit exceeded");
    await analytics.closeAndFlush();
  });

  it("applies a repeated messageId once", async () => {
    const key = server.keys.get("tracker") as string;
    const [device, user, messageId] = [uniqueId("d"), uniqueId("u"), uniqueId("m")];
    const { analytics } = segment(key);
    analytics.identify({ anonymousId: device, userId: user, messageId });
    await analytics.flush();
    analytics.identify({ anonymousId: device, userId: user, messageId });
    await analytics.flush();
    const profile = await profileByIdentifier(client, "user_id", user);
    const linked = (await auditLog(client, profile?.id)).filter(
      (entry) => entry.messageId === messageId && entry.action === "IDENTIFIER_LINKED",
    );
    expect(linked).toHaveLength(1);
    await analytics.closeAndFlush();
  });

  it("gets 403 for a read key and 401 for an unknown key, and does not retry them", async () => {
    const reader = await TestServer.start({ spaces: 1, keys: [{ name: "reader", role: "read", space }] });
    try {
      for (const [key, expected] of [
        [reader.keys.get("reader") as string, 403],
        ["not-a-key-of-this-server-0000", 401],
      ] as const) {
        const analytics = new Analytics({ writeKey: key, host: reader.baseUrl, flushAt: 1, maxRetries: 3 });
        const statuses: number[] = [];
        analytics.on("http_response", (response) => statuses.push(response.status));
        const device = uniqueId("d");
        analytics.track({ anonymousId: device, event: "refused" });
        await analytics.closeAndFlush();
        expect(statuses).toEqual([expected]);
        expect(await profileByDevice(client, device)).toBeNull();
      }
    } finally {
      await reader.stop();
    }
  });
});
