// What a client sees while Neo4j is away and after it returns, and the stress run with a Neo4j
// crash and restart in the middle. These tests stop and restart a Neo4j of their own (.neo4j/fault
// on 7691/7478), so they need Java 17+, a JDK and Maven even when NEO4J_URI points elsewhere.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ManagedTransaction } from "neo4j-driver";
import { storedAnswer } from "../../src/identity/receipts.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app/app.js";
import { ApiKeys } from "../../src/auth/api-keys.js";
import { checkSpace } from "../../src/check/invariants.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { createLogger } from "../../src/logger.js";
import { Executor, type Label } from "../../src/neo4j/executor.js";
import { startLocalNeo4j, type RunningNeo4j } from "../../dev/neo4j/local-neo4j.js";
import { migrate } from "../../src/neo4j/migrations.js";
import { Client, uniqueId, type GraphQLResponse } from "./harness.js";
import { freePort, localNeo4jAvailable, spaceKey, startServerProcess, type ServerProcess } from "./server-process.js";

const canRunOwnNeo4j = localNeo4jAvailable();
if (!canRunOwnNeo4j) {
  process.stderr.write("outage.test.ts: skipped: it starts and stops a Neo4j of its own, which needs java, javac (17+) and mvn on PATH\n");
}

const neo4jHomes = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../.neo4j");

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Claims an instance for this run: "fault" on 7691/7478 unless another test run (the lead's full
 * suite beside a helper's single file) holds it, then fault-1, fault-2... on free ports. An owner
 * file records the claiming process; a dead owner's claim is taken over (and startLocalNeo4j stops
 * the launcher it left behind). Release only after that instance has stopped.
 */
async function claimFaultInstance(): Promise<{ name: string; boltPort: number; httpPort: number; release(): void }> {
  // A fresh checkout has no .neo4j/ yet when NEO4J_URI points elsewhere.
  mkdirSync(neo4jHomes, { recursive: true });
  for (let slot = 0; slot < 8; slot++) {
    const name = slot === 0 ? "fault" : `fault-${slot}`;
    const ownerFile = path.join(neo4jHomes, `${name}.owner`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(ownerFile, String(process.pid), { flag: "wx" });
      } catch {
        const owner = Number(existsSync(ownerFile) ? readFileSync(ownerFile, "utf8") : NaN);
        if (Number.isInteger(owner) && !isAlive(owner)) {
          rmSync(ownerFile, { force: true });
          continue;
        }
        break;
      }
      const ports = slot === 0 ? { boltPort: 7691, httpPort: 7478 } : { boltPort: await freePort(), httpPort: await freePort() };
      const release = (): void => {
        // Only "fault" is kept warm for the next run; an extra slot's store (~0.5 GB) goes.
        if (slot > 0) rmSync(path.join(neo4jHomes, name), { recursive: true, force: true });
        rmSync(ownerFile, { force: true });
      };
      return { name, ...ports, release };
    }
  }
  throw new Error(`every fault Neo4j slot under ${neo4jHomes} is claimed by a running test process`);
}

const RESOLVE = `mutation ($input: ResolveInput!) {
  resolve(input: $input) { profileId assignedProfileId created mergedProfileIds warnings { code identifier { type value } } }
}`;
const RESOLVE_BATCH = `mutation ($inputs: [ResolveInput!]!) {
  resolveBatch(inputs: $inputs) { profileId assignedProfileId created mergedProfileIds warnings { code identifier { type value } } }
}`;
const PROFILE_BY_IDENTIFIER = `query ($type: String!, $value: String!) {
  profileByIdentifier(type: $type, value: $value) { id identifiers { type value } }
}`;

interface Answer {
  profileId: string;
  assignedProfileId: string;
  created: boolean;
  mergedProfileIds: string[];
  warnings: Array<{ code: string; identifier: { type: string; value: string } | null }>;
}

/** No answer may take longer: the server refuses after its driver retried for about 15 s (executor.ts). */
const ANSWER_BOUND_MS = 40_000;

async function post<T>(client: Client, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const response = await fetch(client.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${client.key}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(ANSWER_BOUND_MS),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, "status">) };
}

const errorCodes = (result: GraphQLResponse<unknown>): unknown[] => (result.errors ?? []).map((error) => error.extensions?.["code"]);

async function getStatus(url: string): Promise<number> {
  return (await fetch(url, { signal: AbortSignal.timeout(ANSWER_BOUND_MS) })).status;
}

async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting until ${what}`);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!canRunOwnNeo4j)("a Neo4j of its own that goes away and comes back", () => {
  let neo4j: RunningNeo4j | undefined;
  let executor: Executor;
  let instance: Awaited<ReturnType<typeof claimFaultInstance>> | undefined;
  const connection = { uri: "", database: "neo4j" };
  const startNeo4j = (): Promise<RunningNeo4j> => {
    if (!instance) throw new Error("no fault Neo4j instance claimed");
    const { name, boltPort, httpPort } = instance;
    return startLocalNeo4j({
      name,
      boltPort,
      httpPort,
      heap: "512m",
      pageCache: "128m",
      log: (line) => void process.stderr.write(`[${name} neo4j] ${line}\n`),
    });
  };
  /** A crash: the JVM is killed, nothing is flushed or closed in order. */
  const crashNeo4j = async (): Promise<void> => {
    if (!neo4j) return;
    process.kill(neo4j.pid, "SIGKILL");
    await neo4j.stop();
  };

  beforeAll(async () => {
    instance = await claimFaultInstance();
    neo4j = await startNeo4j();
    connection.uri = neo4j.boltUri;
    executor = new Executor(connection);
    await migrate(executor);
  }, 240_000);
  afterAll(async () => {
    await executor?.close();
    await neo4j?.stop();
    instance?.release();
  }, 60_000);

  /** Message receipts and audit entries (every link is audited with its messageId) of some messages. */
  async function traces(space: string, messageIds: string[]): Promise<{ receipts: Map<string, Answer>; audited: Set<string> }> {
    return executor.read("test", async (tx) => {
      const receipts = await tx.run(
        `UNWIND $messageIds AS id MATCH (m:Message {space: $space, id: id})
         RETURN m.id AS id, m.answer AS answer, m.profileId AS profileId, m.profile AS profile, m.warnings AS warnings`,
        { space, messageIds },
      );
      const audited = await tx.run(
        "MATCH (a:AuditEntry {space: $space}) WHERE a.messageId IN $messageIds RETURN DISTINCT a.messageId AS id",
        { space, messageIds },
      );
      return {
        // A receipt keeps its whole answer, or (an answer that changed nothing) its parts: the store puts them back together.
        receipts: new Map(
          receipts.records.map((r) => [
            r.get("id") as string,
            storedAnswer({
              messageId: r.get("id"),
              answer: r.get("answer"),
              profileId: r.get("profileId"),
              profile: r.get("profile"),
              warnings: r.get("warnings"),
              arrivedAt: null,
              place: undefined,
              movedTo: null,
              movedProfile: null,
            }) as Answer,
          ]),
        ),
        audited: new Set(audited.records.map((r) => r.get("id") as string)),
      };
    });
  }

  describe("one server process", () => {
    const space = `outage-${uniqueId("s")}`;
    const { key, entry } = spaceKey(space);
    let server: ServerProcess;
    let client: Client;
    beforeAll(async () => {
      server = await startServerProcess({ neo4j: connection, apiKeys: entry });
      client = new Client(server.url, key, space);
    }, 120_000);
    afterAll(() => server?.stop(), 30_000);

    it("refuses with SERVICE_UNAVAILABLE while Neo4j is down, stays up, and serves again once Neo4j is back", async () => {
      const before = await post<{ resolve: Answer }>(client, RESOLVE, { input: { deviceId: uniqueId("d"), userId: uniqueId("u") } });
      expect(before.errors).toBeUndefined();

      await neo4j?.stop();
      expect(await getStatus(`${server.baseUrl}/readyz`)).toBe(503);
      expect(await getStatus(`${server.baseUrl}/healthz`)).toBe(200);
      const refusedMessageId = uniqueId("m");
      const refusedUser = uniqueId("u");
      const [refused, read] = await Promise.all([
        post(client, RESOLVE, { input: { deviceId: uniqueId("d"), userId: refusedUser, messageId: refusedMessageId } }),
        post(client, PROFILE_BY_IDENTIFIER, { type: "user_id", value: refusedUser }),
      ]);
      expect(errorCodes(refused)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(refused.data).toBeNull();
      expect(errorCodes(read)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(server.alive).toBe(true);
      expect(await getStatus(`${server.baseUrl}/healthz`)).toBe(200);

      neo4j = await startNeo4j();
      await waitUntil("/readyz answers 200 again", async () => (await getStatus(`${server.baseUrl}/readyz`)) === 200);
      const after = await post<{ resolve: Answer }>(client, RESOLVE, { input: { deviceId: uniqueId("d"), userId: uniqueId("u") } });
      expect(after.errors).toBeUndefined();
      expect(after.data?.resolve.created).toBe(true);

      // The refused observation left nothing behind.
      const lookup = await post<{ profileByIdentifier: unknown }>(client, PROFILE_BY_IDENTIFIER, { type: "user_id", value: refusedUser });
      expect(lookup.data?.profileByIdentifier).toBeNull();
      const { receipts, audited } = await traces(space, [refusedMessageId]);
      expect(receipts.size + audited.size).toBe(0);
      expect(server.alive).toBe(true);
      expect(await checkSpace(executor, space, DEFAULT_IDENTITY_RULES)).toEqual([]);
    }, 150_000);
  });

  it("a stopping server finishes the requests it has already accepted", async () => {
    // The request's write waits at a gate until the server has been told to stop (the change
    // feed's background writes pass: they are not requests).
    let entered!: () => void;
    const writeEntered = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    class GatedExecutor extends Executor {
      private gated = false;
      override async write<T>(label: Label, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
        const operation = typeof label === "string" ? label : label.operation;
        if (!this.gated && operation === "resolveBatch") {
          this.gated = true;
          entered();
          await gate;
        }
        return super.write(label, work);
      }
    }
    const gated = new GatedExecutor(connection);
    const space = `drain-${uniqueId("s")}`;
    const { key, entry } = spaceKey(space);
    const app = await startApp({
      executor: gated,
      rules: DEFAULT_IDENTITY_RULES,
      logger: createLogger("silent"),
      apiKeys: ApiKeys.parse(entry),
      port: 0,
      host: "127.0.0.1",
    });
    const client = new Client(app.url, key, space);
    try {
      const userId = uniqueId("u");
      const inFlight = post<{ resolve: Answer }>(client, RESOLVE, { input: { deviceId: uniqueId("d"), userId } });
      await writeEntered;
      let stopped = false;
      const stopping = app.stop().then(() => {
        stopped = true;
      });
      await waitUntil("the server refuses new connections", async () => {
        try {
          await fetch(`${app.url.replace(/\/graphql$/, "")}/healthz`, { signal: AbortSignal.timeout(2_000) });
          return false;
        } catch {
          return true;
        }
      });
      expect(stopped).toBe(false);
      release();
      const answer = await inFlight;
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.resolve.created).toBe(true);
      await stopping;
      const written = await executor.read("test", (tx) =>
        tx.run(
          "MATCH (:Identifier {space: $space, type: 'user_id', value: $userId})-[:IDENTIFIES]->(p:ProfileId) RETURN p.profile AS profile",
          { space, userId },
        ),
      );
      expect(written.records.map((r) => r.get("profile"))).toEqual([answer.data?.resolve.profileId]);
    } finally {
      release();
      await app.stop();
      await gated.close();
    }
  }, 60_000);

  describe("stress: two server processes, many clients, a Neo4j crash and restart in the middle", () => {
    const space = `stress-${uniqueId("s")}`;
    const { key, entry } = spaceKey(space);
    const servers: ServerProcess[] = [];
    beforeAll(async () => {
      servers.push(
        ...(await Promise.all([
          startServerProcess({ neo4j: connection, apiKeys: entry }),
          startServerProcess({ neo4j: connection, apiKeys: entry }),
        ])),
      );
    }, 120_000);
    afterAll(() => Promise.all(servers.map((server) => server.stop())), 30_000);

    it("keeps every acknowledged observation, nothing of a refused one, and a clean graph", async () => {
      const CLIENTS = 8;
      const CALLS_PER_CLIENT = 250;
      const MAX_RETRIES = 6;
      const run = uniqueId("r");
      const users = Array.from({ length: 400 }, (_, i) => ({
        userId: `${run}-user-${i}`,
        email: `${run}-user-${i}@example.com`,
        devices: [`${run}-user-${i}-phone`, `${run}-user-${i}-laptop`],
      }));
      const sharedDevices = Array.from({ length: 20 }, (_, i) => `${run}-kiosk-${i}`);
      let nextMessage = 0;
      let random = 0x2545f491;
      const next = (): number => {
        random ^= random << 13;
        random ^= random >>> 17;
        random ^= random << 5;
        return (random >>> 0) / 4294967296;
      };
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const observation = (): Record<string, unknown> & { messageId: string } => {
        const user = pick(users);
        const messageId = `${run}-m-${nextMessage++}`;
        const shape = next();
        if (shape < 0.2) return { messageId, deviceId: pick(user.devices) };
        if (shape < 0.3) return { messageId, deviceId: pick(sharedDevices), userId: user.userId };
        if (shape < 0.4) return { messageId, identifiers: [{ type: "email", value: user.email }] };
        if (shape < 0.6)
          return {
            messageId,
            deviceId: pick(user.devices),
            identifiers: [
              { type: "user_id", value: user.userId },
              { type: "email", value: user.email },
            ],
          };
        return { messageId, deviceId: pick(user.devices), userId: user.userId };
      };
      type Call = Array<Record<string, unknown> & { messageId: string }>;
      const plans: Call[][] = Array.from({ length: CLIENTS }, () =>
        Array.from({ length: CALLS_PER_CLIENT }, () =>
          next() < 0.1 ? Array.from({ length: 2 + Math.floor(next() * 3) }, observation) : [observation()],
        ),
      );
      const totalCalls = CLIENTS * CALLS_PER_CLIENT;

      const counts = {
        sent: 0,
        acknowledged: 0,
        refused: 0,
        retried: 0,
        gaveUp: 0,
        failedTransport: 0,
        otherErrors: 0,
        committedThoughRefused: 0,
      };
      const acknowledged = new Map<string, { input: Record<string, unknown>; answer: Answer }>();
      const neverAcknowledged = new Map<string, Record<string, unknown>>();
      const transportFailed = new Set<string>();
      const otherErrors: string[] = [];
      let slowestMs = 0;

      const clients = servers.map((server) => new Client(server.url, key, space));
      const drive = async (plan: Call[], index: number): Promise<void> => {
        for (const [step, call] of plan.entries()) {
          counts.sent++;
          for (let attempt = 0; ; attempt++) {
            // Alternate servers between calls and between retries of one call (same messageIds).
            const client = clients[(index + step + attempt) % clients.length] as Client;
            let result: GraphQLResponse<{ resolve?: Answer; resolveBatch?: Answer[] }>;
            const started = Date.now();
            try {
              result =
                call.length === 1 ? await post(client, RESOLVE, { input: call[0] }) : await post(client, RESOLVE_BATCH, { inputs: call });
              slowestMs = Math.max(slowestMs, Date.now() - started);
            } catch (error) {
              counts.failedTransport++;
              for (const input of call) transportFailed.add(input.messageId);
              otherErrors.push(`transport: ${String(error)}`);
              break;
            }
            const codes = errorCodes(result);
            if (codes.length === 0) {
              counts.acknowledged++;
              const answers = result.data?.resolveBatch ?? [result.data?.resolve as Answer];
              for (const [i, input] of call.entries()) acknowledged.set(input.messageId, { input, answer: answers[i] as Answer });
              break;
            }
            if (codes.every((code) => code === "SERVICE_UNAVAILABLE")) {
              counts.refused++;
              // Half the clients' calls are retried with the same messageIds; the others are dropped.
              if (step % 2 === 0 && attempt < MAX_RETRIES) {
                counts.retried++;
                await sleep(500 * (attempt + 1));
                continue;
              }
              counts.gaveUp++;
              for (const input of call) neverAcknowledged.set(input.messageId, input);
              break;
            }
            counts.otherErrors++;
            otherErrors.push(JSON.stringify(result.errors));
            for (const input of call) transportFailed.add(input.messageId);
            break;
          }
        }
      };

      // Neo4j crashes once a quarter of the calls are acknowledged, stays down longer than the
      // driver's retry window (so the calls in flight are refused), then restarts while clients keep going.
      let clientsDone = false;
      const fault = (async () => {
        while (counts.acknowledged < totalCalls / 4 && !clientsDone) await sleep(50);
        if (clientsDone) return undefined;
        const stoppedAt = counts.sent;
        await crashNeo4j();
        await sleep(12_000);
        neo4j = await startNeo4j();
        return stoppedAt;
      })();
      const clientsFinished = Promise.all(plans.map((plan, index) => drive(plan, index))).finally(() => {
        clientsDone = true;
      });
      const [stoppedAtCall] = await Promise.all([fault, clientsFinished]);

      const observations = acknowledged.size + neverAcknowledged.size + transportFailed.size;

      // Every acknowledged observation is in the graph, as it was answered.
      const { receipts, audited } = await traces(space, [...acknowledged.keys(), ...neverAcknowledged.keys()]);
      const profiles = await executor.read("test", async (tx) => {
        const result = await tx.run(`MATCH (p:ProfileId {space: $space}) RETURN p.id AS id, p.profile AS profile`, { space });
        const identifiers = await tx.run(
          `MATCH (i:Identifier {space: $space})-[:IDENTIFIES]->(p:ProfileId) RETURN i.type + ':' + i.value AS identifier, collect(DISTINCT p.profile) AS profiles`,
          { space },
        );
        return {
          profileOf: new Map(result.records.map((r) => [r.get("id") as string, r.get("profile") as string])),
          identifierProfiles: new Map(identifiers.records.map((r) => [r.get("identifier") as string, r.get("profiles") as string[]])),
        };
      });
      const problems: string[] = [];
      /** The observation is in the graph as answered: its profile ids and identifiers where the answer put them. */
      const checkApplied = (messageId: string, input: Record<string, unknown>, answer: Answer): void => {
        const profile = profiles.profileOf.get(answer.profileId);
        if (profiles.profileOf.get(answer.assignedProfileId) !== profile)
          problems.push(`${messageId}: its assigned profile id left profile ${answer.profileId}`);
        const identifiers = [
          ...((input["identifiers"] as Array<{ type: string; value: string }> | undefined) ?? []),
          ...(input["userId"] ? [{ type: "user_id", value: input["userId"] as string }] : []),
        ];
        const notLinked = new Set(answer.warnings.flatMap((w) => (w.identifier ? [`${w.identifier.type}:${w.identifier.value}`] : [])));
        for (const identifier of identifiers) {
          const label = `${identifier.type}:${identifier.value}`;
          if (notLinked.has(label)) continue;
          const owners = profiles.identifierProfiles.get(label);
          if (owners?.length !== 1 || owners[0] !== profile)
            problems.push(`${messageId}: ${label} is on ${owners?.join(", ") ?? "no profile"}, not on ${profile}`);
        }
      };
      for (const [messageId, { input, answer }] of acknowledged) {
        const receipt = receipts.get(messageId);
        if (!receipt) {
          problems.push(`${messageId}: acknowledged but has no receipt`);
          continue;
        }
        if (receipt.profileId !== answer.profileId || receipt.assignedProfileId !== answer.assignedProfileId) {
          problems.push(
            `${messageId}: acknowledged ${answer.assignedProfileId}/${answer.profileId}, receipt says ${receipt.assignedProfileId}/${receipt.profileId}`,
          );
        }
        checkApplied(messageId, input, answer);
      }
      // A call refused to the end left nothing, or (when its commit reached Neo4j's log just
      // before the crash and only the reply was lost) all of itself: never a part.
      for (const [messageId, input] of neverAcknowledged) {
        const receipt = receipts.get(messageId);
        if (receipt) {
          counts.committedThoughRefused++;
          checkApplied(messageId, input, receipt);
        } else if (audited.has(messageId)) problems.push(`${messageId}: refused without a receipt, yet it wrote audit entries`);
      }
      console.log(
        `stress: ${counts.sent} calls (${observations} observations) from ${CLIENTS} clients to 2 server processes, Neo4j killed after call ${stoppedAtCall ?? "(never)"} and restarted: ` +
          `acknowledged ${counts.acknowledged}, refused ${counts.refused} times, retried ${counts.retried}, never acknowledged ${counts.gaveUp} ` +
          `(${neverAcknowledged.size} observations, ${counts.committedThoughRefused} of them committed just before the crash), transport failures ${counts.failedTransport}, ` +
          `other errors ${counts.otherErrors}; slowest answer ${(slowestMs / 1000).toFixed(1)} s`,
      );
      expect(otherErrors).toEqual([]);
      expect(servers.every((server) => server.alive)).toBe(true);
      expect(counts.refused).toBeGreaterThan(0);
      expect(counts.acknowledged + counts.gaveUp).toBe(totalCalls);
      expect(problems).toEqual([]);
      expect(await checkSpace(executor, space, DEFAULT_IDENTITY_RULES)).toEqual([]);
      for (const server of servers) expect(await getStatus(`${server.baseUrl}/readyz`)).toBe(200);
    }, 180_000);
  });
});

describe.skipIf(!canRunOwnNeo4j)("the local Neo4j that `npm start` runs", () => {
  let instance: Awaited<ReturnType<typeof claimFaultInstance>> | undefined;
  let server: ServerProcess | undefined;
  const space = `local-${uniqueId("s")}`;
  const { key, entry } = spaceKey(space);
  beforeAll(async () => {
    instance = await claimFaultInstance();
    server = await startServerProcess({
      neo4j: { local: { name: instance.name, boltPort: instance.boltPort, httpPort: instance.httpPort } },
      apiKeys: entry,
      env: { LOG_LEVEL: "info" },
      readyTimeoutMs: 240_000,
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    instance?.release();
  }, 60_000);

  /** The JSON log lines the server wrote so far. */
  const logLines = (): Array<{ level: number; msg: string; [field: string]: unknown }> =>
    (server?.output() ?? "")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string });

  it("says at once that it exited (how, and where its log is), restarts it, and is ready and resolving again by itself", async () => {
    if (!server) throw new Error("no server");
    const client = new Client(server.url, key, space);
    const firstUser = uniqueId("u");
    const first = await post<{ resolve: Answer }>(client, RESOLVE, { input: { deviceId: uniqueId("d"), userId: firstUser } });
    expect(first.errors).toBeUndefined();
    const jvm = logLines().find((line) => line.msg === "local Neo4j is up")?.["neo4jPid"];
    expect(typeof jvm).toBe("number");

    // A client keeps writing while the JVM dies.
    let writing = true;
    const writer = (async () => {
      while (writing) await post(client, RESOLVE, { input: { deviceId: uniqueId("d"), userId: uniqueId("u") } }).catch(() => undefined);
    })();
    await sleep(500);
    const killedAt = Date.now();
    process.kill(jvm as number, "SIGKILL");

    await waitUntil("the exit line", async () => logLines().some((line) => line.msg.startsWith("local Neo4j exited")), 10_000);
    const exitLines = logLines().filter((line) => line.msg.startsWith("local Neo4j exited"));
    expect(exitLines).toHaveLength(1);
    expect(exitLines[0]?.level).toBe(40);
    expect(exitLines[0]?.msg).toContain(`exited unexpectedly (killed by SIGKILL, pid ${jvm})`);
    expect(exitLines[0]?.msg).toContain(path.join(neo4jHomes, instance?.name ?? "", "launcher.log"));
    expect(exitLines[0]?.msg).toMatch(/restarting it in 1 s/);
    process.stderr.write(`the server said: ${exitLines[0]?.msg}\n`);

    await waitUntil("/readyz answers 200 again", async () => (await getStatus(`${server?.baseUrl}/readyz`)) === 200, 180_000);
    writing = false;
    await writer;
    const after = await post<{ resolve: Answer }>(client, RESOLVE, { input: { deviceId: uniqueId("d"), userId: uniqueId("u") } });
    expect(after.errors).toBeUndefined();
    expect(after.data?.resolve.created).toBe(true);
    // What was written before the crash is still there: the data is on disk.
    const before = await post<{ profileByIdentifier: { id: string } | null }>(client, PROFILE_BY_IDENTIFIER, {
      type: "user_id",
      value: firstUser,
    });
    expect(before.data?.profileByIdentifier?.id).toBe(first.data?.resolve.profileId);

    const lines = logLines();
    expect(lines.some((line) => line.msg.startsWith("local Neo4j is back on "))).toBe(true);
    // Readiness probes every 250 ms during the outage: the warning is logged once, not per probe.
    expect(lines.filter((line) => line.msg.startsWith("readiness check failed")).length).toBeLessThanOrEqual(1);
    expect(server.alive).toBe(true);
    process.stderr.write(`local Neo4j: killed, restarted and ready again in ${((Date.now() - killedAt) / 1000).toFixed(1)} s\n`);
  }, 300_000);
});
