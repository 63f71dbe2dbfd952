// Rule 11 through the SDKs: each vendor's own Node package, pointed at a running idgraph, sends the
// traits its users already send (Segment and RudderStack identify traits and context.traits,
// Mixpanel people.set / set_once / unset and $set in imported events, PostHog $set, $set_once and
// $unset), and Profile.traits shows them by event time: a late identify with an older timestamp
// never replaces a newer value. A batch with a trait over rule 11's limits is refused the way each
// endpoint refuses bad input, and nothing of it is written.
import { Analytics as SegmentAnalytics } from "@segment/analytics-node";
import RudderAnalytics from "@rudderstack/rudder-sdk-node";
import Mixpanel from "mixpanel";
import { PostHog } from "posthog-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profileByDevice, valuesOf } from "./api.js";
import { graphql } from "./gql/index.js";
import { type Client, TestServer, uniqueId } from "./harness.js";

const TRAITS_BY_USER = graphql(`
  query SdkTraitsByUser($userId: String!) {
    profileByIdentifier(type: "user_id", value: $userId) { id traits traitList { name value at profileId } }
  }
`);

const space = uniqueId("sdk-traits");
let server: TestServer;
let client: Client;
let key: string;

beforeAll(async () => {
  server = await TestServer.start({
    spaces: 1,
    keys: [
      { name: "tracker", role: "ingest", space },
      { name: "page", role: "write", space },
      { name: "dashboard", role: "read", space },
    ],
  });
  client = server.clientFor("tracker", space);
  key = server.keys.get("tracker") as string;
});
afterAll(() => server?.stop());

async function traitsOfUser(userId: string): Promise<Record<string, unknown> | undefined> {
  return (await client.data(TRAITS_BY_USER, { userId })).profileByIdentifier?.traits;
}

const minutesAgo = (minutes: number): Date => new Date(Date.now() - minutes * 60_000);
/** A trait value over rule 11's 8 KB of JSON, in a message under Segment's 32 KB. */
const OVERSIZED = "x".repeat(9000);

describe("@segment/analytics-node", () => {
  const segment = (): { analytics: SegmentAnalytics; statuses: number[] } => {
    const analytics = new SegmentAnalytics({ writeKey: key, host: server.baseUrl, flushAt: 50, flushInterval: 100, maxRetries: 1 });
    const statuses: number[] = [];
    analytics.on("http_response", (response) => statuses.push(response.status));
    return { analytics, statuses };
  };

  it("keeps identify's traits and a track's context.traits as the profile's traits; email stays an identifier only", async () => {
    const [device, user] = [uniqueId("d"), uniqueId("u")];
    const email = `${uniqueId("e")}@example.com`;
    const { analytics, statuses } = segment();
    analytics.identify({ anonymousId: device, userId: user, traits: { email, plan: "pro", name: "Jane", seats: 3 } });
    analytics.track({ userId: user, event: "Opened", context: { traits: { locale: "nb-NO" } } });
    await analytics.closeAndFlush();

    expect(statuses).toEqual([200]);
    expect(await traitsOfUser(user)).toEqual({ plan: "pro", name: "Jane", seats: 3, locale: "nb-NO" });
    expect(valuesOf(await profileByDevice(client, device), "email")).toEqual([email]);
  });

  it("never lets a late identify with an older timestamp replace a newer value", async () => {
    const user = uniqueId("u");
    const { analytics } = segment();
    analytics.identify({ userId: user, traits: { plan: "team" }, timestamp: minutesAgo(1) });
    await analytics.flush();
    analytics.identify({ userId: user, traits: { plan: "free", city: "Oslo" }, timestamp: minutesAgo(10) });
    await analytics.closeAndFlush();
    expect(await traitsOfUser(user)).toEqual({ plan: "team", city: "Oslo" });
  });

  it("gets 400 for a batch with a trait over 8 KB, and nothing of the batch is written", async () => {
    const [good, bad] = [uniqueId("d"), uniqueId("d")];
    const { analytics, statuses } = segment();
    analytics.identify({ anonymousId: good, traits: { plan: "pro" } });
    analytics.identify({ anonymousId: bad, traits: { notes: OVERSIZED } });
    await analytics.closeAndFlush();
    expect(statuses).toEqual([400]);
    expect(await profileByDevice(client, good)).toBeNull();
    expect(await profileByDevice(client, bad)).toBeNull();
  });
});

describe("@rudderstack/rudder-sdk-node", () => {
  const rudder = (): { analytics: RudderAnalytics; statuses: number[]; flushed(): Promise<void> } => {
    const statuses: number[] = [];
    const analytics = new RudderAnalytics(key, {
      dataPlaneUrl: server.baseUrl,
      flushAt: 20,
      flushInterval: 100,
      gzip: true,
      logLevel: "error",
      // What the SDK got back when a request failed (without it, it rethrows out of its own flush).
      errorHandler: (error: { response?: { status?: number } }) => void statuses.push(error.response?.status ?? 0),
    });
    return {
      analytics,
      statuses,
      flushed: () => new Promise((resolve, reject) => void analytics.flush((error?: Error) => (error ? reject(error) : resolve()))),
    };
  };

  it("keeps identify's traits (sent as context.traits too) and a page's context.traits", async () => {
    const [device, user] = [uniqueId("d"), uniqueId("u")];
    const { analytics, flushed } = rudder();
    analytics.identify({ anonymousId: device, userId: user, traits: { plan: "pro", phone: "+44 20 7946 0018" } });
    analytics.page({ userId: user, name: "Home", context: { traits: { theme: "dark" } } });
    await flushed();
    expect(await traitsOfUser(user)).toEqual({ plan: "pro", theme: "dark" });
    expect(valuesOf(await profileByDevice(client, device), "phone")).toEqual(["+442079460018"]);
  });

  it("never lets a late identify with an older timestamp replace a newer value", async () => {
    const user = uniqueId("u");
    const { analytics, flushed } = rudder();
    analytics.identify({ userId: user, traits: { plan: "team" }, timestamp: minutesAgo(1) });
    await flushed();
    analytics.identify({ userId: user, traits: { plan: "free", city: "Oslo" }, timestamp: minutesAgo(10) });
    await flushed();
    expect(await traitsOfUser(user)).toEqual({ plan: "team", city: "Oslo" });
  });

  it("is refused for a batch with more than 300 traits in a message, and nothing of the batch is written", async () => {
    const [good, bad] = [uniqueId("d"), uniqueId("d")];
    const traits = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`t${i}`, i]));
    const { analytics, statuses, flushed } = rudder();
    // The SDK sends its first message alone, at once; the two after it go as one batch.
    analytics.track({ anonymousId: uniqueId("d"), event: "Started" });
    await flushed();
    analytics.identify({ anonymousId: good, traits: { plan: "pro" } });
    analytics.identify({ anonymousId: bad, traits });
    await expect(flushed()).rejects.toThrow();
    expect(statuses).toEqual([400]);
    expect(await profileByDevice(client, good)).toBeNull();
    expect(await profileByDevice(client, bad)).toBeNull();
  });
});

describe("the mixpanel package", () => {
  const mixpanel = (options: { verbose?: boolean } = {}): Mixpanel.Mixpanel =>
    Mixpanel.init(key, {
      host: "127.0.0.1",
      port: Number(new URL(server.baseUrl).port),
      protocol: "http",
      keepAlive: false,
      key,
      ...options,
    } as Partial<Mixpanel.InitConfig>);
  const done =
    (resolve: () => void, reject: (error: Error) => void) =>
    (error: Error | undefined): void =>
      error ? reject(error) : resolve();
  const tracked = (mp: Mixpanel.Mixpanel, event: string, properties: Mixpanel.PropertyDict): Promise<void> =>
    new Promise((resolve, reject) => mp.track(event, properties, done(resolve, reject)));
  /** A user id idgraph knows: Simplified ID Merge's login event. */
  const loggedIn = async (mp: Mixpanel.Mixpanel): Promise<{ device: string; user: string }> => {
    const [device, user] = [uniqueId("d"), uniqueId("u")];
    await tracked(mp, "Logged In", { distinct_id: user, $device_id: device, $user_id: user });
    return { device, user };
  };

  it("takes people.set, set_once and unset at /engage as traits; $email is the email identifier", async () => {
    const mp = mixpanel();
    const { device, user } = await loggedIn(mp);
    const email = `${uniqueId("e")}@example.com`;
    await new Promise<void>((resolve, reject) =>
      mp.people.set(user, { plan: "pro", $name: "Jane", coupon: "X1", $email: email }, done(resolve, reject)),
    );
    await new Promise<void>((resolve, reject) => mp.people.set_once(user, "first_source", "ad", done(resolve, reject)));
    await new Promise<void>((resolve, reject) => mp.people.set_once(user, "first_source", "newsletter", done(resolve, reject)));
    await new Promise<void>((resolve, reject) => mp.people.unset(user, "coupon", done(resolve, reject)));
    expect(await traitsOfUser(user)).toEqual({ plan: "pro", $name: "Jane", first_source: "ad" });
    expect(valuesOf(await profileByDevice(client, device), "email")).toEqual([email]);
  });

  it("answers 1 to $add, $append, $union and $remove without keeping them (a warning with verbose=1), and refuses $delete", async () => {
    const mp = mixpanel({ verbose: true });
    const { user } = await loggedIn(mp);
    await new Promise<void>((resolve, reject) => mp.people.increment(user, "logins", 1, done(resolve, reject)));
    await new Promise<void>((resolve, reject) => mp.people.append(user, "pages", "home", done(resolve, reject)));
    await expect(new Promise<void>((resolve, reject) => mp.people.delete_user(user, done(resolve, reject)))).rejects.toThrow(
      /\$delete is not taken from \/engage/,
    );
    expect(await traitsOfUser(user)).toEqual({});

    const answer = await fetch(
      `${server.baseUrl}/engage?verbose=1&data=${encodeURIComponent(
        Buffer.from(JSON.stringify({ $token: key, $distinct_id: user, $union: { tags: ["a"] } })).toString("base64"),
      )}`,
    );
    expect(await answer.json()).toEqual({
      status: 1,
      error: null,
      warning: "engage: $union not kept (idgraph keeps $set, $set_once and $unset)",
    });
  });

  it("takes a page's form POST to /engage/ with a write key, as mixpanel-browser sends it; a read key gets 403 and 0", async () => {
    const mp = mixpanel();
    const { device, user } = await loggedIn(mp);
    const post = (token: string) =>
      fetch(`${server.baseUrl}/engage/?verbose=1&ip=1&_=${Date.now()}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          data: Buffer.from(
            JSON.stringify([{ $set: { plan: "pro" }, $token: token, $distinct_id: user, $device_id: device, $user_id: user }]),
          ).toString("base64"),
        }),
      });
    const refused = await post(server.keys.get("dashboard") as string);
    expect([refused.status, ((await refused.json()) as { status: number }).status]).toEqual([403, 0]);
    expect(await traitsOfUser(user)).toEqual({});
    const accepted = await post(server.keys.get("page") as string);
    expect([accepted.status, await accepted.json()]).toEqual([200, { status: 1, error: null }]);
    expect(await traitsOfUser(user)).toEqual({ plan: "pro" });
  });

  it("never lets a late people.set with an older $time replace a newer value", async () => {
    const mp = mixpanel();
    const { user } = await loggedIn(mp);
    // The package sends $time as milliseconds; it takes a Date or a number (its types say string).
    const at = (minutes: number) => ({ $time: minutesAgo(minutes) }) as unknown as Mixpanel.Modifiers;
    await new Promise<void>((resolve, reject) => mp.people.set(user, { plan: "team" }, at(1), done(resolve, reject)));
    await new Promise<void>((resolve, reject) => mp.people.set(user, { plan: "free", city: "Oslo" }, at(10), done(resolve, reject)));
    expect(await traitsOfUser(user)).toEqual({ plan: "team", city: "Oslo" });
  });

  it("takes $set in imported events' properties, at each event's time", async () => {
    const mp = mixpanel();
    const [device, user] = [uniqueId("d"), uniqueId("u")];
    const events = [
      {
        event: "Upgraded",
        properties: { distinct_id: user, $device_id: device, $user_id: user, time: minutesAgo(5), $set: { plan: "team" } },
      },
      { event: "Signed Up", properties: { distinct_id: user, $user_id: user, time: minutesAgo(50), $set: { plan: "free", city: "Oslo" } } },
    ].map((event) => ({ ...event, properties: { ...event.properties, $insert_id: uniqueId("i") } }));
    const errors = await new Promise<unknown>((resolve) => mp.import_batch(events, (errs) => resolve(errs)));
    expect(errors).toBeNull();
    expect(await traitsOfUser(user)).toEqual({ plan: "team", city: "Oslo" });
  });

  it("gets 0 for a track_batch with a trait over 8 KB, and nothing of the batch is written", async () => {
    const mp = mixpanel();
    const [good, bad] = [uniqueId("d"), uniqueId("d")];
    const errors = await new Promise<unknown>((resolve) =>
      mp.track_batch(
        [
          { event: "Viewed", properties: { distinct_id: `$device:${good}`, $set: { plan: "pro" } } },
          { event: "Viewed", properties: { distinct_id: `$device:${bad}`, $set: { notes: OVERSIZED } } },
        ],
        (errs) => resolve(errs),
      ),
    );
    expect(String(errors)).toContain("Mixpanel Server Error: 0");
    expect(await profileByDevice(client, good)).toBeNull();
    expect(await profileByDevice(client, bad)).toBeNull();
  });
});

describe("posthog-node", () => {
  const posthog = (): PostHog =>
    new PostHog(key, { host: server.baseUrl, flushAt: 50, flushInterval: 0, fetchRetryCount: 0, disableGeoip: true });

  it("keeps $set and $set_once of identify, setPersonProperties and any event, and takes $unset away", async () => {
    const [anonymous, user] = [uniqueId("anon"), uniqueId("u")];
    const email = `${uniqueId("e")}@example.com`;
    const ph = posthog();
    ph.identify({ distinctId: user, properties: { $anon_distinct_id: anonymous, email, plan: "pro", coupon: "X1" } });
    ph.setPersonProperties({ distinctId: user, properties: { locale: "nb-NO" }, propertiesOnce: { first_source: "ad" } });
    ph.capture({ distinctId: user, event: "upgraded", properties: { $set: { seats: 5 }, $set_once: { first_source: "newsletter" } } });
    await ph.flush();
    ph.unsetPersonProperties({ distinctId: user, properties: ["coupon"] });
    await ph.shutdown();

    expect(await traitsOfUser(user)).toEqual({ plan: "pro", locale: "nb-NO", first_source: "ad", seats: 5 });
    expect(valuesOf(await profileByDevice(client, anonymous), "email")).toEqual([email]);
  });

  it("never lets a late $set with an older timestamp replace a newer value", async () => {
    const user = uniqueId("u");
    const ph = posthog();
    ph.identify({ distinctId: user });
    ph.capture({ distinctId: user, event: "$set", properties: { $set: { plan: "team" } }, timestamp: minutesAgo(1) });
    await ph.flush();
    ph.capture({ distinctId: user, event: "$identify", properties: { $set: { plan: "free", city: "Oslo" } }, timestamp: minutesAgo(10) });
    await ph.shutdown();
    expect(await traitsOfUser(user)).toEqual({ plan: "team", city: "Oslo" });
  });

  it("gets 400 for a batch with a trait name over 256 characters, and nothing of the batch is written", async () => {
    const [good, bad] = [uniqueId("d"), uniqueId("d")];
    const ph = posthog();
    const statuses: number[] = [];
    ph.on("error", (error: { response?: { status?: number } }) => statuses.push(error.response?.status ?? 0));
    ph.capture({ distinctId: good, event: "viewed", properties: { $set: { plan: "pro" } } });
    ph.capture({ distinctId: bad, event: "viewed", properties: { $set: { ["n".repeat(257)]: 1 } } });
    await ph.shutdown();
    expect(statuses).toEqual([400]);
    expect(await profileByDevice(client, good)).toBeNull();
    expect(await profileByDevice(client, bad)).toBeNull();
  });
});
