// Rule 11 through the API on a real Neo4j: profile properties (traits) kept on the profile id an
// observation is attributed to, by the observation's timestamp, merged over a profile's profile
// ids, given back by demerges, delivered in the change feed, removed by a GDPR delete.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, type ProfileView, profile, profileByDevice } from "./api.js";
import { AdminTestServer, deleteProfile, demerge, errorCode, unmerge } from "./admin-helpers.js";
import { FAST_FEED, readFeed, waitForSequenced } from "./feed-helpers.js";
import { graphql } from "./gql/index.js";
import type { ResolveInput, TraitsOfProfileQuery } from "./gql/graphql.js";
import type { Client } from "./harness.js";

const RESOLVE = graphql(`
  mutation TraitsResolve($input: ResolveInput!) {
    resolve(input: $input) { profileId assignedProfileId warnings { code } }
  }
`);
const RESOLVE_BATCH = graphql(`
  mutation TraitsResolveBatch($inputs: [ResolveInput!]!) {
    resolveBatch(inputs: $inputs) { profileId assignedProfileId }
  }
`);
const TRAITS = graphql(`
  query TraitsOfProfile($id: ID!) {
    profile(id: $id) { id ids traits traitList { name value at profileId } }
  }
`);
const TRAITS_BY_DEVICE = graphql(`
  query TraitsByDevice($deviceId: String!) { profileByDevice(deviceId: $deviceId) { id traits } }
`);

type Answer = { profileId: string; assignedProfileId: string };
type TraitsView = NonNullable<TraitsOfProfileQuery["profile"]>;

const at = (time: string): string => new Date(`2026-12-01T${time}:00Z`).toISOString();

async function resolve(client: Client, input: ResolveInput): Promise<Answer> {
  return (await client.data(RESOLVE, { input })).resolve;
}

async function traitsOf(client: Client, id: string): Promise<TraitsView> {
  const found = (await client.data(TRAITS, { id })).profile;
  if (!found) throw new Error(`no profile ${id}`);
  return found;
}

let admin: AdminTestServer;
beforeAll(async () => {
  admin = await AdminTestServer.start({ adminSpaces: 24, feed: FAST_FEED });
});
afterAll(async () => {
  await admin?.stop();
});

describe("rule 11: a profile's traits", () => {
  it("shows the newest value per name, so a late identify never overwrites a newer one", async () => {
    const { client, space } = admin.newSpace();
    const first = await resolve(client, { deviceId: "d1", userId: "ann", timestamp: at("10:05"), traits: { plan: "pro", name: "Ann" } });
    await resolve(client, { deviceId: "d1", userId: "ann", timestamp: at("10:01"), traits: { plan: "free", city: "Oslo" } });
    const view = await traitsOf(client, first.profileId);
    expect(view.traits).toEqual({ plan: "pro", name: "Ann", city: "Oslo" });
    expect(view.traitList).toEqual([
      { name: "city", value: "Oslo", at: at("10:01"), profileId: first.assignedProfileId },
      { name: "name", value: "Ann", at: at("10:05"), profileId: first.assignedProfileId },
      { name: "plan", value: "pro", at: at("10:05"), profileId: first.assignedProfileId },
    ]);
    await admin.expectClean(space);
  });

  it("sets a set-once trait only where the profile has none, the oldest timestamp winning, and removes a trait by a newer removal", async () => {
    const { client } = admin.newSpace();
    const ann = await resolve(client, { userId: "ann", timestamp: at("10:05"), traitsOnce: { firstSeen: "b" } });
    await resolve(client, { userId: "ann", timestamp: at("10:01"), traitsOnce: { firstSeen: "a" } });
    await resolve(client, { userId: "ann", timestamp: at("10:09"), traitsOnce: { firstSeen: "c" }, traits: { plan: "pro" } });
    expect((await traitsOf(client, ann.profileId)).traits).toEqual({ firstSeen: "a", plan: "pro" });
    await resolve(client, { userId: "ann", timestamp: at("10:10"), unsetTraits: ["plan"] });
    // A set older than the removal stays hidden by it.
    await resolve(client, { userId: "ann", timestamp: at("10:07"), traits: { plan: "team" } });
    const view = await traitsOf(client, ann.profileId);
    expect(view.traits).toEqual({ firstSeen: "a" });
    expect(view.traitList.find((trait) => trait.name === "plan")).toEqual({
      name: "plan",
      value: null,
      at: at("10:10"),
      profileId: ann.assignedProfileId,
    });
  });

  it("keeps JSON values as given: numbers, booleans, lists and objects", async () => {
    const { client } = admin.newSpace();
    const value = { seats: 12, trial: false, tags: ["a", "b"], address: { city: "Oslo", zip: null } };
    const ann = await resolve(client, { userId: "ann", traits: value });
    expect((await traitsOf(client, ann.profileId)).traits).toEqual(value);
    const byDevice = await resolve(client, { deviceId: "d-json", traits: { score: 1.5 } });
    expect((await client.data(TRAITS_BY_DEVICE, { deviceId: "d-json" })).profileByDevice).toEqual({
      id: byDevice.profileId,
      traits: { score: 1.5 },
    });
  });

  it("keeps an email given as a trait as the profile's email identifier, never stored twice (traitMapping)", async () => {
    const { client } = admin.newSpace();
    const ann = await resolve(client, { deviceId: "d1", userId: "ann", traits: { email: "Ann@Example.com", plan: "pro" } });
    const found = (await profile(client, ann.profileId)) as ProfileView;
    expect(found.identifiers).toContainEqual({ type: "email", value: "ann@example.com" });
    expect((await traitsOf(client, ann.profileId)).traits).toEqual({ plan: "pro" });
  });

  it("changes nothing, and records nothing, when an observation sets only values the profile already has", async () => {
    const { client } = admin.newSpace();
    const ann = await resolve(client, { userId: "ann", timestamp: at("10:00"), traits: { plan: "pro" } });
    const before = await auditLog(client, ann.profileId);
    // Older: hidden by the newer value; the same value later: shows the same.
    await resolve(client, { userId: "ann", timestamp: at("09:00"), traits: { plan: "free" } });
    await resolve(client, { userId: "ann", timestamp: at("10:00"), traits: { plan: "pro" }, messageId: "again" });
    const after = await auditLog(client, ann.profileId);
    expect(after.filter((entry) => entry.action === "TRAITS_CHANGED")).toHaveLength(
      before.filter((entry) => entry.action === "TRAITS_CHANGED").length,
    );
    expect((await traitsOf(client, ann.profileId)).traits).toEqual({ plan: "pro" });
  });

  it("records a trait that changes with every event as one audit entry that counts, which every change in the feed names", async () => {
    const { client, space } = admin.newSpace();
    const ann = await resolve(client, { deviceId: "d1", userId: "ann", timestamp: at("10:00") });
    for (let order = 1; order <= 5; order++)
      await resolve(client, { deviceId: "d1", userId: "ann", timestamp: at(`10:0${order}`), traits: { lastOrder: `order-${order}` } });
    const entries = (await auditLog(client, ann.profileId)).filter((entry) => entry.action === "TRAITS_CHANGED");
    expect(entries).toHaveLength(1);
    const counted = await client.data(`{ auditLog(profileId: "${ann.profileId}") { edges { node { action count lastAt } } } }`);
    expect(counted.auditLog.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      action: "TRAITS_CHANGED",
      count: 5,
      lastAt: expect.any(String),
    });
    await waitForSequenced(admin.server.executor, space);
    const changes = (await readFeed(client)).filter((change) => change.kind === "TRAITS_CHANGED");
    expect(changes.map((change) => change.traits)).toEqual([1, 2, 3, 4, 5].map((order) => ({ lastOrder: `order-${order}` })));
    expect(new Set(changes.map((change) => change.auditEntryId))).toEqual(new Set([entries[0]?.id]));
  });

  it("records which traits changed in the audit log, never their values", async () => {
    const { client } = admin.newSpace();
    const ann = await resolve(client, { userId: "ann", traits: { plan: "pro", secret: "s3cr3t" } });
    const entries = (await auditLog(client, ann.profileId)).filter((entry) => entry.action === "TRAITS_CHANGED");
    expect(entries).toHaveLength(1);
    expect(entries[0]?.reason).toContain("plan");
    expect(JSON.stringify(entries)).not.toContain("s3cr3t");
  });
});

describe("rule 11: merges and demerges", () => {
  it("shows a merged profile's traits as the newest per name over its profile ids, and gives each side its own back on demerge", async () => {
    const { client, space } = admin.newSpace();
    const phone = await resolve(client, { deviceId: "phone", timestamp: at("10:00"), traits: { plan: "free", os: "ios" } });
    const laptop = await resolve(client, { deviceId: "laptop", timestamp: at("10:02"), traits: { plan: "pro", browser: "firefox" } });
    await resolve(client, { deviceId: "phone", userId: "ann", timestamp: at("10:03") });
    const merged = await resolve(client, { deviceId: "laptop", userId: "ann", timestamp: at("10:04") });
    expect(merged.profileId).toBe(phone.profileId);
    expect((await traitsOf(client, merged.profileId)).traits).toEqual({ plan: "pro", os: "ios", browser: "firefox" });

    // The laptop was someone else's: demerge it; each profile id keeps exactly what it was set with.
    await demerge(client, ["ann"], "the laptop is Bob's");
    const phoneSide = (await client.data(TRAITS_BY_DEVICE, { deviceId: "phone" })).profileByDevice;
    const laptopSide = (await client.data(TRAITS_BY_DEVICE, { deviceId: "laptop" })).profileByDevice;
    expect(phoneSide?.traits).toEqual({ plan: "free", os: "ios" });
    expect(laptopSide?.traits).toEqual({ plan: "pro", browser: "firefox" });
    expect(laptopSide?.id).toBe(laptop.assignedProfileId);
    await admin.expectClean(space);
  });

  it("gives each side its own traits back when a merge is unmerged", async () => {
    const { client, space } = admin.newSpace();
    await resolve(client, { deviceId: "a", userId: "ann", timestamp: at("10:00"), traits: { team: "red" } });
    await resolve(client, {
      deviceId: "b",
      identifiers: [{ type: "email", value: "x@example.com" }],
      timestamp: at("10:01"),
      traits: { team: "blue" },
    });
    const merged = await resolve(client, {
      deviceId: "a",
      identifiers: [{ type: "email", value: "x@example.com" }],
      timestamp: at("10:02"),
    });
    expect((await traitsOf(client, merged.profileId)).traits).toEqual({ team: "blue" });
    const merge = (await auditLog(client, merged.profileId)).find((entry) => entry.action === "PROFILES_MERGED");
    if (!merge) throw new Error("expected a PROFILES_MERGED entry");
    await unmerge(client, merge.id, "two people");
    expect((await profileByDevice(client, "a"))?.id).not.toBe((await profileByDevice(client, "b"))?.id);
    expect((await client.data(TRAITS_BY_DEVICE, { deviceId: "a" })).profileByDevice?.traits).toEqual({ team: "red" });
    expect((await client.data(TRAITS_BY_DEVICE, { deviceId: "b" })).profileByDevice?.traits).toEqual({ team: "blue" });
    await admin.expectClean(space);
  });

  it("moves the traits a shared device's stretch set along when a late login reattributes it (rule 10)", async () => {
    const { client, space } = admin.newSpace();
    const bob = await resolve(client, { deviceId: "tablet", userId: "bob", timestamp: at("10:00") });
    // Anonymous activity after Bob's login, setting a trait; then Adam's late login before it.
    await resolve(client, { deviceId: "tablet", timestamp: at("10:20"), traits: { theme: "dark" } });
    const adam = await resolve(client, { deviceId: "tablet", userId: "adam", timestamp: at("10:10") });
    expect(adam.assignedProfileId).not.toBe(bob.assignedProfileId);
    expect((await traitsOf(client, adam.profileId)).traits).toEqual({ theme: "dark" });
    expect((await traitsOf(client, bob.profileId)).traits).toEqual({});
    await admin.expectClean(space);
  });
});

describe("rule 11 under concurrency", () => {
  it("loses no trait when many clients set traits on one person at once, from a device and by user id alone", async () => {
    const { client, space } = admin.newSpace();
    const ann = await resolve(client, { deviceId: "d1", userId: "ann", timestamp: at("09:00") });
    const stamps = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString());
    // Shuffled, so arrival order is not timestamp order.
    const order = stamps.map((_, i) => (i * 7) % stamps.length);
    await Promise.all(
      order.map((i) =>
        resolve(client, {
          ...(i % 2 === 0 ? { deviceId: "d1" } : {}),
          userId: "ann",
          timestamp: stamps[i],
          traits: { [`own${i}`]: i, plan: `plan-${i}` },
        }),
      ),
    );
    const view = await traitsOf(client, ann.profileId);
    expect(Object.keys(view.traits).sort()).toEqual([...stamps.map((_, i) => `own${i}`), "plan"].sort());
    expect(view.traits["plan"]).toBe(`plan-${stamps.length - 1}`);
    await admin.expectClean(space);
  });
});

describe("rule 11: limits", () => {
  it("refuses an observation with too many traits, a long name, a big or deep value, or a non-object, writing nothing", async () => {
    const { client } = admin.newSpace();
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`t${i}`, i]));
    const deep = JSON.parse(`${"[".repeat(9)}1${"]".repeat(9)}`) as unknown;
    const cases: Array<{ input: ResolveInput; says: string }> = [
      { input: { userId: "ann", traits: many }, says: "at most 300 traits" },
      { input: { userId: "ann", traits: { ["n".repeat(257)]: 1 } }, says: "trait name" },
      { input: { userId: "ann", traits: { big: "x".repeat(8200) } }, says: "8192 bytes" },
      { input: { userId: "ann", traits: { deep } }, says: "nested deeper" },
      { input: { userId: "ann", traits: ["plan"] }, says: "must be an object" },
    ];
    for (const { input, says } of cases) {
      const response = await client.request(RESOLVE, { input });
      expect(errorCode(response)).toBe("BAD_USER_INPUT");
      expect(JSON.stringify(response.errors)).toContain(says);
    }
    expect((await client.data(`{ profileByIdentifier(type: "user_id", value: "ann") { id } }`)).profileByIdentifier).toBeNull();
    // Exactly at the limits is fine.
    const fine = await resolve(client, {
      userId: "ann",
      traits: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`t${i}`, i])),
    });
    expect(Object.keys((await traitsOf(client, fine.profileId)).traits)).toHaveLength(300);
  });
});

describe("rule 11: the change feed and GDPR delete", () => {
  it("delivers a TRAITS_CHANGED change with the names and new values, and a delete removes the traits and the values from the feed", async () => {
    const { client, space } = admin.newSpace();
    const ann = await resolve(client, { deviceId: "d1", userId: "ann", timestamp: at("10:00"), traits: { plan: "pro", city: "Oslo" } });
    await resolve(client, { deviceId: "d1", userId: "ann", timestamp: at("10:01"), unsetTraits: ["city"] });
    await waitForSequenced(admin.server.executor, space);
    const traitChanges = (await readFeed(client)).filter((change) => change.kind === "TRAITS_CHANGED");
    expect(traitChanges.map((change) => change.traits)).toEqual([{ plan: "pro", city: "Oslo" }, { city: null }]);
    for (const change of traitChanges) {
      expect(change.memberships).toEqual([{ profileId: ann.assignedProfileId, belongsTo: ann.profileId }]);
      expect(change.auditEntryId).not.toBeNull();
    }

    await deleteProfile(client, ann.profileId, "GDPR request");
    const traitNodes = await admin.server.executor.read("test", (tx) =>
      tx.run("MATCH (t:Trait {space: $space}) RETURN count(t) AS n", { space }),
    );
    expect(Number(traitNodes.records[0]?.get("n"))).toBe(0);
    await waitForSequenced(admin.server.executor, space);
    const after = await readFeed(client);
    expect(after.filter((change) => change.kind === "TRAITS_CHANGED").map((change) => change.traits)).toEqual([null, null]);
    expect(JSON.stringify(after)).not.toContain("Oslo");
    await admin.expectClean(space);
  });
});

describe("rule 11 as a promise", () => {
  it("shows, whatever order identified trait writes arrive in and however they are batched, what replaying them in timestamp order shows", async () => {
    const write = fc.record({
      minute: fc.integer({ min: 0, max: 59 }),
      kind: fc.constantFrom("set", "once", "unset"),
      name: fc.constantFrom("plan", "city"),
      value: fc.constantFrom("a", "b", "c"),
      login: fc.constantFrom("ann", "ann-email"),
    });
    const { client } = admin.newSpace();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 10 }), fc.boolean(), async (writes, batched) => {
        // A person of its own for every run.
        const person = `ann-${run++}`;
        // Distinct timestamps: equal ones are ordered by arrival (the later wins), which a replay by
        // timestamp alone cannot know.
        const stamped = writes.map((w, i) => ({ ...w, at: new Date(Date.UTC(2026, 11, 1, 10, w.minute, i)).toISOString() }));
        const inputs: ResolveInput[] = stamped.map((w) => ({
          // Two identifiers of one person, linked by the first write, so the writes land on one profile.
          identifiers: [
            { type: "user_id", value: person },
            ...(w.login === "ann-email" ? [{ type: "email", value: `${person}@example.com` }] : []),
          ],
          timestamp: w.at,
          ...(w.kind === "set" ? { traits: { [w.name]: w.value } } : {}),
          ...(w.kind === "once" ? { traitsOnce: { [w.name]: w.value } } : {}),
          ...(w.kind === "unset" ? { unsetTraits: [w.name] } : {}),
        }));
        const answers = batched ? (await client.data(RESOLVE_BATCH, { inputs })).resolveBatch : [];
        if (!batched) for (const input of inputs) answers.push(await resolve(client, input));
        const last = answers.at(-1) as Answer;
        expect((await traitsOf(client, last.profileId)).traits).toEqual(replay(stamped));
      }),
      { numRuns: 12 },
    );
  });
});

describe("rule 11 as a promise, on devices and through merges", () => {
  it("shows what the timestamp order shows when a person's devices set traits anonymously and log in, in any arrival order that keeps each device's logins in order", async () => {
    const write = fc.record({
      minute: fc.integer({ min: 0, max: 59 }),
      kind: fc.constantFrom("set", "once", "unset"),
      name: fc.constantFrom("plan", "city"),
      value: fc.constantFrom("a", "b", "c"),
      device: fc.constantFrom("phone", "laptop", null),
      login: fc.boolean(),
    });
    const { client } = admin.newSpace();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 10 }), async (drawn) => {
        const person = `ann-${run++}`;
        // Every device used logs in at least once (else it is someone else's, rule 6); an
        // observation without a device names the person.
        const writes: Array<{
          minute: number;
          kind: string;
          name: string;
          value: string;
          device: string | null;
          login: boolean;
          second: number;
        }> = drawn.map((w, i) => ({ ...w, login: w.login || w.device === null, second: i }));
        for (const device of new Set(writes.map((w) => w.device))) {
          if (device !== null && !writes.some((w) => w.device === device && w.login))
            writes.push({ minute: 30, kind: "set", name: "seen", value: device, device, login: true, second: writes.length });
        }
        const stamped = writes.map((w) => ({ ...w, at: new Date(Date.UTC(2026, 11, 1, 10, w.minute, w.second)).toISOString() }));
        // Arrival: as drawn, except that each device's logins arrive in timestamp order.
        const inputs: ResolveInput[] = stamped.map((w) => ({
          ...(w.device === null ? {} : { deviceId: `${person}-${w.device}` }),
          ...(w.login ? { userId: person } : {}),
          timestamp: w.at,
          ...(w.kind === "set" ? { traits: { [w.name]: w.value } } : {}),
          ...(w.kind === "once" ? { traitsOnce: { [w.name]: w.value } } : {}),
          ...(w.kind === "unset" ? { unsetTraits: [w.name] } : {}),
        }));
        const logins = new Map<string, number[]>();
        stamped.forEach((w, i) => {
          if (w.login && w.device !== null) logins.set(w.device, [...(logins.get(w.device) ?? []), i]);
        });
        for (const positions of logins.values()) {
          const inOrder = [...positions].sort((a, b) => (stamped[a]?.at ?? "").localeCompare(stamped[b]?.at ?? ""));
          const reordered = inOrder.map((i) => inputs[i] as ResolveInput);
          positions.forEach((position, k) => {
            inputs[position] = reordered[k] as ResolveInput;
          });
        }
        let last: Answer | undefined;
        for (const input of inputs) last = await resolve(client, input);
        const found = (await client.data(TRAITS_BY_DEVICE, { deviceId: `${person}-${stamped.find((w) => w.device)?.device ?? "none"}` }))
          .profileByDevice;
        const profileId = found?.id ?? (last as Answer).profileId;
        expect((await traitsOf(client, profileId)).traits).toEqual(replay(stamped));
      }),
      { numRuns: 10 },
    );
  });

  it("gives each of two merged people exactly the traits they had before the merge when it is demerged", async () => {
    const traitSet = fc.dictionary(fc.constantFrom("plan", "city", "name", "seats"), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), {
      maxKeys: 4,
    });
    const { client, space } = admin.newSpace();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(traitSet, traitSet, fc.integer({ min: 0, max: 59 }), async (mine, theirs, minute) => {
        const n = run++;
        const ann = await resolve(client, { deviceId: `phone-${n}`, userId: `ann-${n}`, timestamp: at("10:00"), traits: mine });
        const bob = await resolve(client, {
          deviceId: `laptop-${n}`,
          identifiers: [{ type: "email", value: `bob-${n}@example.com` }],
          timestamp: new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString(),
          traits: theirs,
        });
        const before = [(await traitsOf(client, ann.profileId)).traits, (await traitsOf(client, bob.profileId)).traits];
        // A bad merge: one observation names both.
        await resolve(client, { userId: `ann-${n}`, identifiers: [{ type: "email", value: `bob-${n}@example.com` }] });
        expect((await traitsOf(client, ann.profileId)).ids).toHaveLength(2);
        await demerge(client, [`ann-${n}`], "two people");
        const after = [
          (await client.data(TRAITS_BY_DEVICE, { deviceId: `phone-${n}` })).profileByDevice?.traits,
          (await client.data(TRAITS_BY_DEVICE, { deviceId: `laptop-${n}` })).profileByDevice?.traits,
        ];
        expect(after).toEqual(before);
      }),
      { numRuns: 10 },
    );
    await admin.expectClean(space);
  });
});

/** Rule 11 read plainly: every write in timestamp order; a set or removal replaces, a set-once fills a gap. */
function replay(writes: ReadonlyArray<{ at: string; kind: string; name: string; value: string }>): Record<string, string> {
  const shown = new Map<string, string | null>();
  for (const w of [...writes].sort((a, b) => a.at.localeCompare(b.at))) {
    if (w.kind === "set") shown.set(w.name, w.value);
    else if (w.kind === "unset") shown.set(w.name, null);
    else if ((shown.get(w.name) ?? null) === null) shown.set(w.name, w.value);
  }
  return Object.fromEntries(
    [...shown].filter((entry): entry is [string, string] => entry[1] !== null).sort(([a], [b]) => a.localeCompare(b)),
  );
}
