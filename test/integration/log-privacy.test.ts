// Identifier values and device ids are personal data: they never appear in a log line at info level
// or above, whatever the request does (resolves, lookups, refused input, admin operations, an
// internal error whose message quotes a value). Debug level may carry them, for local diagnosis.
import type { ManagedTransaction } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { Executor, type Label } from "../../src/neo4j/executor.js";
import { profileByDevice, profileByIdentifier, resolve, resolveBatch } from "./api.js";
import { TestServer, testConnection, uniqueId } from "./harness.js";

interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

const INFO = 30;
const lines: Array<{ level: number; text: string }> = [];
const capture = {
  write(text: string): void {
    for (const line of text.split("\n").filter((part) => part !== ""))
      lines.push({ level: (JSON.parse(line) as LogLine).level, text: line });
  },
};

/** Fails writes with an error that quotes the value being written, as a constraint violation would. */
class QuotingExecutor extends Executor {
  failWith: string | undefined;
  override write<T>(label: Label, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    if (this.failWith !== undefined) return Promise.reject(new Error(`Node already exists with property value = '${this.failWith}'`));
    return super.write(label, work);
  }
}

const marker = uniqueId("pii");
const VALUES = {
  deviceId: `device-${marker}`,
  otherDeviceId: `tablet-${marker}`,
  userId: `user-${marker}`,
  email: `${marker}@private.example`,
  phone: "+44 7700 900123",
  phoneNormalised: "+447700900123",
  messageId: `message-${marker}`,
};

let server: TestServer;
let executor: QuotingExecutor;
beforeAll(async () => {
  executor = new QuotingExecutor(testConnection());
  server = await TestServer.start({ spaces: 2, executor, logger: createLogger("trace", capture) });
});
afterAll(async () => {
  await server?.stop();
});

describe("log privacy", () => {
  it("never logs identifier values, device ids or API keys at info level or above", async () => {
    const client = server.newSpace();
    const first = await resolve(client, {
      deviceId: VALUES.deviceId,
      userId: VALUES.userId,
      identifiers: [
        { type: "email", value: VALUES.email },
        { type: "phone", value: VALUES.phone },
      ],
      messageId: VALUES.messageId,
      event: "login",
    });
    await resolveBatch(client, [
      { deviceId: VALUES.otherDeviceId },
      { deviceId: VALUES.otherDeviceId, identifiers: [{ type: "email", value: VALUES.email }] },
    ]);
    await resolve(client, { deviceId: VALUES.deviceId, messageId: VALUES.messageId });
    expect((await profileByDevice(client, VALUES.deviceId))?.id).toBe(first.profileId);
    expect((await profileByIdentifier(client, "email", VALUES.email))?.id).toBe(first.profileId);

    // Refused input that quotes values back to the caller.
    const refused = await client.request(`mutation ($input: ResolveInput!) { resolve(input: $input) { profileId } }`, {
      input: { deviceId: VALUES.deviceId, identifiers: [{ type: "passport", value: VALUES.email }], timestamp: VALUES.userId },
    });
    expect(refused.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");

    // An internal error whose message quotes a value.
    executor.failWith = VALUES.email;
    try {
      const failed = await client.request(`mutation ($input: ResolveInput!) { resolve(input: $input) { profileId } }`, {
        input: { deviceId: VALUES.deviceId, userId: VALUES.userId },
      });
      expect(failed.errors?.[0]?.extensions?.["code"]).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      executor.failWith = undefined;
    }

    // Admin operations on the same values.
    const demerged = await client.request(
      `mutation ($identities: [String!]!) { demerge(identities: $identities, reason: "privacy test") { profileIds } }`,
      {
        identities: [VALUES.userId, VALUES.email],
      },
    );
    expect(demerged.errors).toBeUndefined();
    const deleted = await client.request(`mutation ($id: ID!) { deleteProfile(profileId: $id) { deleted } }`, {
      id: first.assignedProfileId,
    });
    expect(deleted.errors).toBeUndefined();

    // The capture works: the internal error was logged (at error level) ...
    const atInfoOrAbove = lines.filter((line) => line.level >= INFO);
    expect(atInfoOrAbove.map((line) => (JSON.parse(line.text) as LogLine).msg)).toContain("internal error");
    // ... with its full message only at debug level.
    expect(lines.some((line) => line.level < INFO && line.text.includes(VALUES.email))).toBe(true);

    const secrets = [...Object.values(VALUES), client.key as string, marker];
    for (const line of atInfoOrAbove) {
      for (const secret of secrets) expect(line.text).not.toContain(secret);
    }
  });

  it("redacts personal fields and secrets passed to the logger by mistake", () => {
    const written: string[] = [];
    const logger = createLogger("info", { write: (text: string) => void written.push(text) });
    logger.info(
      {
        deviceId: VALUES.deviceId,
        variables: { input: { userId: VALUES.userId } },
        identifier: { type: "email", value: VALUES.email },
        headers: { authorization: "Bearer k" },
      },
      "oops",
    );
    const [line] = written;
    expect(line).toBeDefined();
    for (const secret of [VALUES.deviceId, VALUES.userId, VALUES.email, "Bearer k"]) expect(line).not.toContain(secret);
    expect(JSON.parse(line as string)).toMatchObject({
      deviceId: "[redacted]",
      variables: "[redacted]",
      identifier: { type: "email", value: "[redacted]" },
    });
  });
});
