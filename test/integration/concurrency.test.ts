// Rule 9: concurrent requests, from one process or several on one Neo4j, give the graph of some
// serial order of them: never two profiles holding one identifier, never a lost link.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import type { Executor } from "../../src/neo4j/executor.js";
import { graphql } from "./gql/index.js";
import type { ResolveInput } from "./gql/graphql.js";
import { Client, TestServer, testExecutor, uniqueId } from "./harness.js";
import { spaceKey, startServerProcess, type ServerProcess } from "./server-process.js";
import { seededRandom } from "../support/seeded-random.js";

const RESOLVE = graphql(`
  mutation ConcurrentResolve($input: ResolveInput!) {
    resolve(input: $input) { profileId assignedProfileId created mergedProfileIds warnings { code } }
  }
`);
const RESOLVE_BATCH = graphql(`
  mutation ConcurrentResolveBatch($inputs: [ResolveInput!]!) {
    resolveBatch(inputs: $inputs) { profileId assignedProfileId created warnings { code } }
  }
`);
const PROFILE_BY_IDENTIFIER = graphql(`
  query ConcurrentProfileByIdentifier($type: String!, $value: String!) {
    profileByIdentifier(type: $type, value: $value) { id ids identifiers { type value } devices { id } }
  }
`);

const resolve = async (client: Client, input: ResolveInput) => (await client.data(RESOLVE, { input })).resolve;

const profileOfUser = async (client: Client, userId: string) =>
  (await client.data(PROFILE_BY_IDENTIFIER, { type: "user_id", value: userId })).profileByIdentifier;

/** identifier "type:value" -> the materialised profiles of the profile ids it identifies. */
async function profilesPerIdentifier(executor: Executor, space: string): Promise<Map<string, string[]>> {
  const result = await executor.read("test", (tx) =>
    tx.run(
      `MATCH (i:Identifier {space: $space})-[:IDENTIFIES]->(p:ProfileId)
       RETURN i.type + ':' + i.value AS identifier, collect(DISTINCT p.profile) AS profiles`,
      { space },
    ),
  );
  return new Map(result.records.map((record) => [record.get("identifier") as string, record.get("profiles") as string[]]));
}

describe("concurrent logins in one server process", () => {
  let server: TestServer;
  let executor: Executor;
  beforeAll(async () => {
    server = await TestServer.start({ spaces: 4 });
    executor = server.executor;
  });
  afterAll(() => server.stop());

  it("one new user logging in on 20 new devices at once gets one profile holding all 20 devices", async () => {
    const client = server.newSpace();
    const userId = uniqueId("user");
    const devices = Array.from({ length: 20 }, (_, i) => `${uniqueId("device")}-${i}`);

    const answers = await Promise.all(devices.map((deviceId) => resolve(client, { deviceId, userId, messageId: uniqueId("m") })));

    const profile = await profileOfUser(client, userId);
    expect(profile).not.toBeNull();
    expect(profile?.devices.map((d) => d.id).sort()).toEqual([...devices].sort());
    expect(profile?.identifiers).toEqual([{ type: "user_id", value: userId }]);
    expect(profile?.ids).toHaveLength(20);
    expect(new Set(answers.map((answer) => answer.profileId))).toEqual(new Set([profile?.id]));
    expect(new Set(answers.map((answer) => answer.assignedProfileId)).size).toBe(20);
    expect(answers.filter((answer) => answer.created)).toHaveLength(1);
    expect(await checkSpace(executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("one anonymous device logging in as 20 different users at once gives 20 profiles, one user each", async () => {
    const client = server.newSpace();
    const deviceId = uniqueId("shared-device");
    const users = Array.from({ length: 20 }, (_, i) => `${uniqueId("user")}-${i}`);
    const anonymous = await resolve(client, { deviceId });

    const answers = await Promise.all(users.map((userId) => resolve(client, { deviceId, userId, messageId: uniqueId("m") })));

    // user_id has limit 1: the first login stitches the anonymous profile, every other gets its own.
    expect(new Set(answers.map((answer) => answer.profileId)).size).toBe(20);
    expect(answers.filter((answer) => answer.assignedProfileId === anonymous.assignedProfileId)).toHaveLength(1);
    const profiles = await Promise.all(users.map((userId) => profileOfUser(client, userId)));
    for (const [index, profile] of profiles.entries()) {
      expect(profile?.identifiers).toEqual([{ type: "user_id", value: users[index] }]);
      expect(profile?.devices.map((d) => d.id)).toEqual([deviceId]);
      expect(profile?.id).toBe(answers[index]?.profileId);
    }
    const deviceProfileIds = await executor.read("test", (tx) =>
      tx.run("MATCH (:Device {space: $space, id: $deviceId})-[:HAS_PROFILE_ID]->(p:ProfileId) RETURN collect(p.id) AS ids", {
        space: client.space,
        deviceId,
      }),
    );
    expect(new Set(deviceProfileIds.records[0]?.get("ids") as string[])).toEqual(
      new Set(answers.map((answer) => answer.assignedProfileId)),
    );
    for (const [identifier, owners] of await profilesPerIdentifier(executor, client.space))
      expect({ identifier, owners: owners.length }).toEqual({ identifier, owners: 1 });
    expect(await checkSpace(executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("random traffic from 12 parallel clients on shared devices and identities leaves a clean graph", async () => {
    const client = server.newSpace();
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const run = uniqueId("r");
    const devices = Array.from({ length: 16 }, (_, i) => `${run}-device-${i}`);
    const users = Array.from({ length: 10 }, (_, i) => `${run}-user-${i}`);
    const emails = Array.from({ length: 8 }, (_, i) => `${run}-person-${i}@example.com`);
    const messageIds = Array.from({ length: 30 }, (_, i) => `${run}-message-${i}`);
    const observation = (): Record<string, unknown> => {
      const input: Record<string, unknown> = {};
      const shape = random();
      if (shape < 0.85) input["deviceId"] = pick(devices);
      if (shape < 0.3) {
        // anonymous event
      } else if (shape < 0.6) input["userId"] = pick(users);
      else if (shape < 0.75) input["identifiers"] = [{ type: "email", value: pick(emails) }];
      else
        input["identifiers"] = [
          { type: "user_id", value: pick(users) },
          { type: "email", value: pick(emails) },
        ];
      if (input["deviceId"] === undefined && input["userId"] === undefined && input["identifiers"] === undefined)
        input["userId"] = pick(users);
      // Some messageIds repeat, across clients and batches, to race the idempotency receipts.
      if (random() < 0.3) input["messageId"] = pick(messageIds);
      return input;
    };
    const plans = Array.from({ length: 12 }, () =>
      Array.from({ length: 25 }, () =>
        random() < 0.2 ? Array.from({ length: 2 + Math.floor(random() * 6) }, observation) : observation(),
      ),
    );

    await Promise.all(
      plans.map(async (calls) => {
        for (const call of calls) {
          if (Array.isArray(call)) await client.data(RESOLVE_BATCH, { inputs: call });
          else await client.data(RESOLVE, { input: call });
        }
      }),
    );

    expect({ seed, violations: await checkSpace(executor, client.space, DEFAULT_IDENTITY_RULES) }).toEqual({ seed, violations: [] });
  });
});

describe("two server processes on one Neo4j", () => {
  const space = `concurrency-${uniqueId("two")}`;
  const { key, entry } = spaceKey(space);
  const servers: ServerProcess[] = [];
  let executor: Executor;

  beforeAll(async () => {
    const neo4j = inject("neo4j");
    executor = testExecutor();
    const options = {
      neo4j: { uri: neo4j.uri, username: neo4j.username, password: neo4j.password, database: neo4j.database },
      apiKeys: entry,
    };
    servers.push(...(await Promise.all([startServerProcess(options), startServerProcess(options)])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await executor?.close();
  });

  it("driven in parallel with the same users and devices, they never put one user id in two profiles", async () => {
    const clients = servers.map((server) => new Client(server.url, key, space));
    const run = uniqueId("r");
    const users = Array.from({ length: 8 }, (_, i) => `${run}-user-${i}`);
    const devices = Array.from({ length: 12 }, (_, i) => `${run}-device-${i}`);
    const emails = Array.from({ length: 6 }, (_, i) => `${run}-${i}@example.com`);
    // Each worker walks the same identities in its own rotation and alternates servers, so both
    // processes race for the same devices and identifiers all the time.
    const workers = Array.from({ length: 10 }, (_, worker) =>
      (async () => {
        for (let step = 0; step < 20; step++) {
          const client = clients[(worker + step) % clients.length] as Client;
          const n = worker * 7 + step * 3;
          const deviceId = devices[n % devices.length];
          const input: Record<string, unknown> = { deviceId, messageId: `${run}-${worker}-${step}` };
          if (step % 4 !== 3) input["userId"] = users[(worker + step) % users.length];
          if (step % 5 === 2) input["identifiers"] = [{ type: "email", value: emails[n % emails.length] }];
          if (step % 6 === 5) {
            await client.data(RESOLVE_BATCH, {
              inputs: [input, { deviceId: devices[(n + 1) % devices.length], userId: users[step % users.length] }],
            });
          } else {
            await client.data(RESOLVE, { input });
          }
        }
      })(),
    );
    await Promise.all(workers);

    expect(servers.every((server) => server.alive)).toBe(true);
    expect(await checkSpace(executor, space, DEFAULT_IDENTITY_RULES)).toEqual([]);
    const owners = await profilesPerIdentifier(executor, space);
    for (const userId of users) expect({ userId, profiles: owners.get(`user_id:${userId}`)?.length }).toEqual({ userId, profiles: 1 });
    for (const userId of users) {
      const profile = await profileOfUser(clients[0] as Client, userId);
      expect(profile?.identifiers.filter((identifier) => identifier.type === "user_id")).toEqual([{ type: "user_id", value: userId }]);
    }
  }, 120_000);
});
