// explainLink: "why are these two in one profile?" through the API, on the vendor documents' tables.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { resolve, type ResolutionView } from "./api.js";
import { graphql } from "./gql/index.js";
import type { ExplainQuery, IdentityRefInput } from "./gql/graphql.js";
import { type Client, TestServer, uniqueId } from "./harness.js";

type Ref = IdentityRefInput;
type ExplanationView = ExplainQuery["explainLink"];
type StepView = ExplanationView["steps"][number];
type RefView = StepView["from"];

const EXPLAIN = graphql(`
  query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {
    explainLink(from: $from, to: $to) {
      connected
      profileId
      steps {
        from { ...RefFields }
        to { ...RefFields }
        kind
        at
        auditEntry { id at action actor reason profileIds identifiers { type value } deviceIds messageId }
      }
    }
  }
  fragment RefFields on IdentityRef { kind deviceId profileId identifier { type value } }
`);

const explain = async (client: Client, from: Ref, to: Ref): Promise<ExplanationView> =>
  (await client.data(EXPLAIN, { from, to })).explainLink;

const device = (deviceId: string): Ref => ({ deviceId });
const profileId = (id: string): Ref => ({ profileId: id });
const user = (value: string): Ref => ({ identifier: { type: "user_id", value } });
const email = (value: string): Ref => ({ identifier: { type: "email", value } });

/** A chain as the things it passes, in order: ["P", "01J…", "user_id:Smith", …]. */
const chain = (steps: StepView[]): string[] => {
  const name = (ref: RefView) => ref.deviceId ?? ref.profileId ?? `${ref.identifier?.type}:${ref.identifier?.value}`;
  return steps.length === 0 ? [] : [name(steps[0]!.from), ...steps.map((step) => name(step.to))];
};

/** Feeds rows (device, user id or none) in order, each with a messageId m1, m2, … */
async function feed(client: Client, rows: Array<[device: string, userId: string | null]>): Promise<ResolutionView[]> {
  const answers: ResolutionView[] = [];
  for (const [index, [deviceId, userId]] of rows.entries()) {
    answers.push(await resolve(client, { deviceId, messageId: `m${index + 1}`, ...(userId === null ? {} : { userId }) }));
  }
  return answers;
}

let server: TestServer;
const sharedSpace = uniqueId("explain-keys");
beforeAll(async () => {
  server = await TestServer.start({
    spaces: 16,
    keys: [
      { name: "explain-ingest", role: "ingest", space: sharedSpace },
      { name: "explain-reader", role: "read", space: sharedSpace },
    ],
  });
});
afterAll(async () => {
  await server?.stop();
});

const clean = async (client: Client): Promise<void> => {
  expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
};

describe("explaining why two things are in one profile", () => {
  it("same user id on multiple devices, with anonymous events: device P reaches device Q through Smith, each link with the entry and message that made it", async () => {
    const client = server.newSpace();
    const [row1, row2] = (await feed(client, [
      ["P", "Smith"],
      ["Q", null],
      ["Q", "Smith"],
      ["Q", null],
    ])) as [ResolutionView, ResolutionView];
    const pid8 = row1.assignedProfileId;
    const pid9 = row2.assignedProfileId;

    const explanation = await explain(client, device("P"), device("Q"));

    expect(explanation.connected).toBe(true);
    expect(explanation.profileId).toBe(pid8);
    expect(chain(explanation.steps)).toEqual(["P", pid8, "user_id:Smith", pid9, "Q"]);
    expect(explanation.steps.map((step) => step.kind)).toEqual(["DEVICE_PROFILE_ID", "IDENTIFIER", "IDENTIFIER", "DEVICE_PROFILE_ID"]);
    expect(explanation.steps.map((step) => [step.auditEntry?.action, step.auditEntry?.messageId])).toEqual([
      ["PROFILE_CREATED", "m1"],
      ["IDENTIFIER_LINKED", "m1"],
      ["IDENTIFIER_LINKED", "m3"],
      ["PROFILE_CREATED", "m2"],
    ]);
    const [, linkedOnP, linkedOnQ] = explanation.steps as [StepView, StepView, StepView];
    expect(linkedOnP.auditEntry).toMatchObject({ profileIds: [pid8], identifiers: [{ type: "user_id", value: "Smith" }] });
    expect(linkedOnQ.auditEntry).toMatchObject({ profileIds: [pid9], identifiers: [{ type: "user_id", value: "Smith" }] });
    for (const step of explanation.steps) {
      expect(step.auditEntry?.actor).toEqual(expect.any(String));
      expect(step.at).toBe(step.auditEntry?.at);
    }
    await clean(client);
  });

  it("explains the other way round as the same chain reversed", async () => {
    const client = server.newSpace();
    await feed(client, [
      ["P", "Smith"],
      ["Q", null],
      ["Q", "Smith"],
    ]);
    const forth = await explain(client, device("P"), device("Q"));
    const back = await explain(client, device("Q"), device("P"));
    expect(chain(back.steps)).toEqual(chain(forth.steps).reverse());
    expect(back.steps.map((step) => step.auditEntry?.id)).toEqual(forth.steps.map((step) => step.auditEntry?.id).reverse());
  });

  it("joins two identifiers of one profile through the profile id both are attached to, finding an email in any case", async () => {
    const client = server.newSpace();
    const answer = await resolve(client, {
      deviceId: "d1",
      messageId: "login",
      identifiers: [
        { type: "user_id", value: "u1" },
        { type: "email", value: "jane@example.com" },
      ],
    });

    const explanation = await explain(client, user("u1"), email("  Jane@Example.COM"));

    expect(explanation).toMatchObject({ connected: true, profileId: answer.profileId });
    expect(chain(explanation.steps)).toEqual(["user_id:u1", answer.assignedProfileId, "email:jane@example.com"]);
    expect(explanation.steps.map((step) => [step.kind, step.auditEntry?.action, step.auditEntry?.messageId])).toEqual([
      ["IDENTIFIER", "IDENTIFIER_LINKED", "login"],
      ["IDENTIFIER", "IDENTIFIER_LINKED", "login"],
    ]);
  });

  it("names the profile id and identifier kinds of each end", async () => {
    const client = server.newSpace();
    const answer = await resolve(client, { deviceId: "d1", userId: "u1" });
    const explanation = await explain(client, profileId(answer.assignedProfileId), user("u1"));
    expect(explanation.steps).toEqual([
      expect.objectContaining({
        from: { kind: "PROFILE_ID", deviceId: null, profileId: answer.assignedProfileId, identifier: null },
        to: { kind: "IDENTIFIER", deviceId: null, profileId: null, identifier: { type: "user_id", value: "u1" } },
        kind: "IDENTIFIER",
      }),
    ]);
  });

  it("append a profile: Bob and Adam on one device are not connected, though the device reaches each of them", async () => {
    const client = server.newSpace();
    const [bob, , adam] = (await feed(client, [
      ["E", "Bob"],
      ["E", null],
      ["E", "Adam"],
      ["E", null],
      ["E", null],
    ])) as [ResolutionView, ResolutionView, ResolutionView];

    expect(await explain(client, user("Bob"), user("Adam"))).toEqual({ connected: false, profileId: null, steps: [] });
    expect(await explain(client, profileId(bob.assignedProfileId), profileId(adam.assignedProfileId))).toEqual({
      connected: false,
      profileId: null,
      steps: [],
    });

    const toAdam = await explain(client, device("E"), user("Adam"));
    expect(toAdam).toMatchObject({ connected: true, profileId: adam.profileId });
    expect(chain(toAdam.steps)).toEqual(["E", adam.assignedProfileId, "user_id:Adam"]);
    const toBob = await explain(client, user("Bob"), device("E"));
    expect(chain(toBob.steps)).toEqual(["user_id:Bob", bob.assignedProfileId, "E"]);
  });

  it("says devices P and Q are no longer connected once Smith is demerged", async () => {
    const client = server.newSpace();
    await feed(client, [
      ["P", "Smith"],
      ["Q", null],
      ["Q", "Smith"],
    ]);
    await client.data(`mutation { demerge(identities: ["Smith"]) { profileIds } }`);
    expect(await explain(client, device("P"), device("Q"))).toEqual({ connected: false, profileId: null, steps: [] });
    await clean(client);
  });

  it("says two unrelated profiles are not connected", async () => {
    const client = server.newSpace();
    await feed(client, [
      ["X", null],
      ["Y", "Jane"],
    ]);
    expect(await explain(client, device("X"), device("Y"))).toEqual({ connected: false, profileId: null, steps: [] });
    expect(await explain(client, device("X"), user("Jane"))).toEqual({ connected: false, profileId: null, steps: [] });
  });

  it("explains a thing with itself as connected by no links", async () => {
    const client = server.newSpace();
    const answer = await resolve(client, { deviceId: "X" });
    expect(await explain(client, device("X"), device("X"))).toEqual({ connected: true, profileId: answer.profileId, steps: [] });
  });

  it("follows a manual merge, with the merge's audit entry", async () => {
    const client = server.newSpace();
    const a = await resolve(client, { deviceId: "d1", userId: "u1" });
    const b = await resolve(client, { deviceId: "d2", identifiers: [{ type: "email", value: "b@example.com" }] });
    await client.data(`mutation ($ids: [ID!]!) { mergeProfiles(profileIds: $ids, reason: "same person") { id } }`, {
      ids: [a.profileId, b.profileId],
    });

    const explanation = await explain(client, user("u1"), email("b@example.com"));

    expect(explanation.connected).toBe(true);
    expect(chain(explanation.steps)).toEqual(["user_id:u1", a.assignedProfileId, b.assignedProfileId, "email:b@example.com"]);
    expect(explanation.steps[1]).toMatchObject({ kind: "MANUAL_MERGE", auditEntry: { action: "PROFILES_MERGED", reason: "same person" } });
    await clean(client);
  });

  it("answers NOT_FOUND for a device, identifier or profile id the space does not hold", async () => {
    const client = server.newSpace();
    const other = server.newSpace();
    await resolve(client, { deviceId: "d1", userId: "u1" });
    await resolve(other, { deviceId: "elsewhere", userId: "someone" });
    for (const unknown of [device("nope"), user("nobody"), profileId("01NOTAPROFILEID"), device("elsewhere"), user("someone")]) {
      const result = await client.request(EXPLAIN, { from: device("d1"), to: unknown });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(unknown)).toBe("NOT_FOUND");
      const reversed = await client.request(EXPLAIN, { from: unknown, to: device("d1") });
      expect(reversed.errors?.[0]?.extensions?.code, JSON.stringify(unknown)).toBe("NOT_FOUND");
    }
  });

  it.each([
    ["nothing", {}],
    ["a device and a profile id", { deviceId: "d1", profileId: "p1" }],
    ["a device and an identifier", { deviceId: "d1", identifier: { type: "user_id", value: "u1" } }],
    ["an identifier type that is not configured", { identifier: { type: "fax", value: "1" } }],
  ])("refuses a reference giving %s as BAD_USER_INPUT", async (_, from) => {
    const client = server.newSpace();
    const result = await client.request(EXPLAIN, { from, to: { deviceId: "d1" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("is open to a read-only key, in its own space", async () => {
    await resolve(server.clientFor("explain-ingest", sharedSpace), { deviceId: "d1", userId: "u1" });
    const reader = server.clientFor("explain-reader", sharedSpace);
    expect(await explain(reader, device("d1"), user("u1"))).toMatchObject({ connected: true });
  });
});
