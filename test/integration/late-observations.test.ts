// Rule 10 through the API on a real Neo4j: a device's activity is attributed by when it happened.
// The shared tablet's worked cases, receipts of moved events, the audit history, the late window,
// the promise of rule 10 as a property (fewer runs than the unit test), and parallel clients.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { graphql } from "./gql/index.js";
import type { LateResolveMutation, ResolveInput } from "./gql/graphql.js";
import type { Client } from "./harness.js";
import { TestServer } from "./harness.js";
import { attribution } from "./api.js";

const RESOLVE = graphql(`
  mutation LateResolve($input: ResolveInput!) {
    resolve(input: $input) {
      profileId assignedProfileId created mergedProfileIds warnings { code }
      reattributed { deviceId from until fromProfileId toProfileId }
    }
  }
`);

type Answer = LateResolveMutation["resolve"];
type Input = Pick<ResolveInput, "deviceId" | "userId" | "timestamp" | "messageId">;

const at = (time: string): string => new Date(`2026-11-23T${time}:00Z`).toISOString();

async function resolve(client: Client, input: Input): Promise<Answer> {
  return (await client.data(RESOLVE, { input })).resolve;
}

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 40 });
});
afterAll(async () => {
  await server?.stop();
});

describe("rule 10 through the API", () => {
  it("keeps Bob's anonymous event on the shared tablet Bob's when it arrives after Adam's later login", async () => {
    const client = server.newSpace();
    const bob = await resolve(client, { deviceId: "E", userId: "Bob", timestamp: at("10:00") });
    const adam = await resolve(client, { deviceId: "E", userId: "Adam", timestamp: at("10:05") });
    const late = await resolve(client, { deviceId: "E", timestamp: at("10:02") });
    expect(late).toMatchObject({ assignedProfileId: bob.assignedProfileId, profileId: bob.profileId, reattributed: [], warnings: [] });
    expect(await attribution(client, "E", at("10:02"))).toEqual({ assignedProfileId: bob.assignedProfileId, profileId: bob.profileId });
    expect(await attribution(client, "E", at("10:06"))).toEqual({ assignedProfileId: adam.assignedProfileId, profileId: adam.profileId });
    expect(await attribution(client, "unknown-device", at("10:06"))).toBeNull();
    const device = await client.data<{ profileByDevice: { id: string } }>(`{ profileByDevice(deviceId: "E") { id } }`);
    expect(device.profileByDevice.id).toBe(adam.profileId);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("moves exactly the stretch after a late login of another person, with its receipts and an ACTIVITY_REATTRIBUTED entry", async () => {
    const client = server.newSpace();
    const bob = await resolve(client, { deviceId: "E", userId: "Bob", timestamp: at("10:00") });
    const early = await resolve(client, { deviceId: "E", timestamp: at("10:10"), messageId: "early" });
    const moved = await resolve(client, { deviceId: "E", timestamp: at("10:20"), messageId: "moved" });
    await resolve(client, { deviceId: "E", userId: "Bob", timestamp: at("10:30") });
    await resolve(client, { deviceId: "E", timestamp: at("10:40"), messageId: "after" });
    expect([early, moved].map((answer) => answer.assignedProfileId)).toEqual([bob.assignedProfileId, bob.assignedProfileId]);

    const adam = await resolve(client, { deviceId: "E", userId: "Adam", timestamp: at("10:15") });
    expect(adam.created).toBe(true);
    expect(adam.reattributed).toEqual([
      { deviceId: "E", from: at("10:15"), until: at("10:30"), fromProfileId: bob.assignedProfileId, toProfileId: adam.assignedProfileId },
    ]);
    const attributed = await Promise.all(["10:10", "10:20", "10:40"].map((time) => attribution(client, "E", at(time))));
    expect(attributed.map((answer) => answer?.assignedProfileId)).toEqual([
      bob.assignedProfileId,
      adam.assignedProfileId,
      bob.assignedProfileId,
    ]);

    // A repeated messageId answers where its event belongs now.
    const repeat = await resolve(client, { deviceId: "E", timestamp: at("10:20"), messageId: "moved" });
    expect(repeat).toMatchObject({ assignedProfileId: adam.assignedProfileId, profileId: adam.profileId });
    expect(repeat.warnings.map((warning) => warning.code)).toEqual(["DUPLICATE_MESSAGE"]);
    expect((await resolve(client, { deviceId: "E", messageId: "after" })).assignedProfileId).toBe(bob.assignedProfileId);

    // Bob logged in last: profileByDevice follows the latest stretch.
    const device = await client.data<{ profileByDevice: { id: string } }>(`{ profileByDevice(deviceId: "E") { id } }`);
    expect(device.profileByDevice.id).toBe(bob.profileId);

    // Both profiles' histories show the move, naming the device and both profile ids.
    for (const profileId of [bob.profileId, adam.profileId]) {
      const history = await client.data<{ profile: { history: { edges: Array<{ node: Record<string, unknown> }> } } }>(
        `query ($id: ID!) { profile(id: $id) { history(first: 50) { edges { node { action profileIds deviceIds reason } } } } }`,
        { id: profileId },
      );
      const entry = history.profile.history.edges.map((edge) => edge.node).find((node) => node.action === "ACTIVITY_REATTRIBUTED");
      expect(entry).toMatchObject({ profileIds: [bob.assignedProfileId, adam.assignedProfileId], deviceIds: ["E"] });
      expect(entry?.reason).toContain(at("10:15"));
      expect(entry?.reason).toContain(at("10:30"));
    }
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("stitches a device's later anonymous events to a login that arrives after them (Jane keeps profile 4)", async () => {
    const client = server.newSpace();
    const first = await resolve(client, { deviceId: "A", timestamp: at("10:00") });
    await resolve(client, { deviceId: "A", timestamp: at("10:10") });
    const jane = await resolve(client, { deviceId: "A", userId: "Jane", timestamp: at("10:05") });
    expect(jane).toMatchObject({ assignedProfileId: first.assignedProfileId, reattributed: [] });
    expect((await attribution(client, "A", at("10:10")))?.assignedProfileId).toBe(first.assignedProfileId);
  });

  it("starts a timeline for a device stored before timelines existed, its past all its current profile id's", async () => {
    const client = server.newSpace();
    const bob = await resolve(client, { deviceId: "E", userId: "Bob", timestamp: at("10:00") });
    await resolve(client, { deviceId: "E", timestamp: at("10:30"), messageId: "before-timelines" });
    // As a graph written before rule 10 holds it: no stretches, no arrival count, no receipt places.
    await server.executor.write("test", (tx) =>
      tx.run(
        `MATCH (s:Stretch {space: $space}) DETACH DELETE s
         WITH count(*) AS gone
         MATCH (d:Device {space: $space}) REMOVE d.seq, d.earliestAt, d.earliestSeq
         WITH count(*) AS devices
         MATCH (m:Message {space: $space}) REMOVE m.deviceId, m.posAt, m.posSeq`,
        { space: client.space },
      ),
    );
    expect((await attribution(client, "E", at("10:20")))?.assignedProfileId).toBe(bob.assignedProfileId);
    const adam = await resolve(client, { deviceId: "E", userId: "Adam", timestamp: at("10:15") });
    expect(adam.reattributed).toEqual([
      { deviceId: "E", from: at("10:15"), until: null, fromProfileId: bob.assignedProfileId, toProfileId: adam.assignedProfileId },
    ]);
    expect((await attribution(client, "E", at("10:05")))?.assignedProfileId).toBe(bob.assignedProfileId);
    expect((await attribution(client, "E", at("10:20")))?.assignedProfileId).toBe(adam.assignedProfileId);
    // A receipt from before timelines has no place on the timeline: it keeps its first answer.
    expect((await resolve(client, { deviceId: "E", messageId: "before-timelines" })).assignedProfileId).toBe(bob.assignedProfileId);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("attributes an observation stamped more than 7 days before the device's newest activity by arrival, with LATE_OBSERVATION", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "E", userId: "Bob", timestamp: "2026-11-01T10:00:00Z" });
    const adam = await resolve(client, { deviceId: "E", userId: "Adam", timestamp: "2026-11-20T10:00:00Z" });
    const late = await resolve(client, { deviceId: "E", timestamp: "2026-11-02T10:00:00Z" });
    expect(late.assignedProfileId).toBe(adam.assignedProfileId);
    expect(late.warnings.map((warning) => warning.code)).toEqual(["LATE_OBSERVATION"]);
  });
});

// The promise of rule 10, as in test/unit/late-order.property.test.ts, through the API.
const devices = ["d1", "d2", "d3"];
const users = ["u1", "u2", "u3"];
const step = fc
  .record({
    deviceId: fc.constantFrom(...devices),
    userId: fc.option(fc.constantFrom(...users), { nil: undefined, freq: 2 }),
  })
  .map(({ deviceId, userId }) => ({ deviceId, ...(userId === undefined ? {} : { userId }) }));
const scenario = fc.array(step, { minLength: 2, maxLength: 12 }).chain((sequence) =>
  fc.record({
    sequence: fc.constant(sequence),
    slots: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: sequence.length, maxLength: sequence.length }),
  }),
);

const shape = <T>(values: readonly T[]): number[] => values.map((value) => values.indexOf(value));
const stamp = (index: number): string => new Date(Date.parse("2026-11-23T10:00:00Z") + index * 60_000).toISOString();

async function feed(client: Client, sequence: Array<{ deviceId: string; userId?: string }>, order: number[]) {
  for (const index of order) await resolve(client, { ...(sequence[index] as Input), timestamp: stamp(index), messageId: `m${index}` });
  const attributed = await Promise.all(sequence.map((input, index) => attribution(client, input.deviceId, stamp(index))));
  return {
    attributions: shape(attributed.map((answer) => answer?.assignedProfileId)),
    profiles: shape(attributed.map((answer) => answer?.profileId)),
  };
}

describe("rule 10's promise through the API", { timeout: 120_000 }, () => {
  it("anonymous observations in any order, identified ones in timestamp order: the profiles and attributions of the time-sorted run", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ sequence, slots }) => {
        const identified = sequence.filter((input) => input.userId !== undefined).length;
        let rank = 0;
        const arrival = sequence
          .map((input, index) => {
            const [slot, tie] = slots[index] as [number, number];
            return { index, key: input.userId !== undefined ? 2 * rank++ + 1 : 2 * (slot % (identified + 1)), tie };
          })
          .sort((a, b) => a.key - b.key || a.tie - b.tie)
          .map(({ index }) => index);
        const sortedClient = server.newSpace();
        const shuffledClient = server.newSpace();
        const sorted = await feed(
          sortedClient,
          sequence,
          sequence.map((_, index) => index),
        );
        const shuffled = await feed(shuffledClient, sequence, arrival);
        expect(shuffled).toEqual(sorted);
        expect(await checkSpace(server.executor, shuffledClient.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });
});

describe("rule 10 under concurrency", { timeout: 60_000 }, () => {
  it("late and on-time observations for one device from parallel clients leave a timeline the invariant checker accepts", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "shared", userId: "u0", timestamp: at("10:00") });
    const people = ["u1", "u2", "u3", "u0"];
    // Four clients, each sending on-time and late observations (timestamps spread over the hour).
    const clients = Array.from({ length: 4 }, (_, c) =>
      (async () => {
        for (let n = 0; n < 10; n++) {
          const minute = String((c * 17 + n * 7) % 60).padStart(2, "0");
          const identified = (c + n) % 3 === 0;
          await resolve(client, {
            deviceId: "shared",
            timestamp: `2026-11-23T10:${minute}:${String(c * 10 + n).padStart(2, "0")}Z`,
            messageId: `c${c}n${n}`,
            ...(identified ? { userId: people[(c + n) % people.length] as string } : {}),
          });
        }
      })(),
    );
    await Promise.all(clients);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
    // Every receipt answers where its event belongs now.
    for (let c = 0; c < 4; c++) {
      for (let n = 0; n < 10; n++) {
        const minute = String((c * 17 + n * 7) % 60).padStart(2, "0");
        const moment = `2026-11-23T10:${minute}:${String(c * 10 + n).padStart(2, "0")}.000Z`;
        const repeat = await resolve(client, { deviceId: "shared", timestamp: moment, messageId: `c${c}n${n}` });
        const now = await attribution(client, "shared", moment);
        if ((c + n) % 3 !== 0) expect(repeat.assignedProfileId, `c${c}n${n} at ${moment}`).toBe(now?.assignedProfileId);
      }
    }
  });
});
