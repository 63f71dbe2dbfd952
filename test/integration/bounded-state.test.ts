// What the store keeps, and for how long (docs/identity-rules.md, "What the store keeps"): an event that changes
// nothing leaves at most one small node while its windows last, and nothing once they have passed;
// rule 8 holds within its dedup window and forgets after it; rule 10's attribution answers exactly
// as the rules do, however much of the timeline the horizon has compacted.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import type { Observation } from "../../src/rules/model.js";
import { normaliseObservation } from "../../src/rules/normalise.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import { DEFAULT_RETENTION_OPTIONS } from "../../src/retention/retention-worker.js";
import { rulesWith } from "../unit/helpers.js";
import { SimulatedStore } from "../unit/simulated-store.js";
import { attribution, auditLog, profileByDevice, type ResolveInputView, resolve, resolveBatch, spaceNodes, spaceSize } from "./api.js";
import { TestServer } from "./harness.js";

const seconds = (n: number) => new Promise((resolve) => setTimeout(resolve, n * 1000));

/** Polls until `check` holds, or fails with its last value after `timeoutMs`. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await seconds(0.2);
  }
}

describe("inside the windows (7 days, the defaults)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ spaces: 4 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a repeat event of a logged-in user or a known device leaves at most one small node, and no relationship", async () => {
    const client = server.newSpace();
    const start = Date.parse("2026-12-01T10:00:00Z");
    await resolve(client, { deviceId: "phone", userId: "kim", timestamp: new Date(start).toISOString() });
    await resolve(client, { deviceId: "tablet", timestamp: new Date(start).toISOString() });
    const before = await spaceSize(server.executor, client.space);
    const nodesBefore = await spaceNodes(server.executor, client.space);

    const stamp = (n: number) => new Date(start + 1000 + n * 1000).toISOString();
    const tracked: ResolveInputView[] = Array.from({ length: 150 }, (_, n) => ({
      deviceId: "phone",
      userId: "kim",
      messageId: `kim-${n}`,
      timestamp: stamp(n),
      event: "page_view",
    }));
    const anonymous: ResolveInputView[] = Array.from({ length: 150 }, (_, n) => ({
      deviceId: "tablet",
      messageId: `tab-${n}`,
      timestamp: stamp(n),
      event: "page_view",
    }));
    const unnamed: ResolveInputView[] = Array.from({ length: 100 }, (_, n) => ({
      deviceId: "tablet",
      timestamp: stamp(200 + n),
      event: "scroll",
    }));
    for (const batch of [tracked, anonymous, unnamed]) {
      const answers = await resolveBatch(client, batch);
      expect(answers.every((answer) => !answer.created && answer.mergedProfileIds.length === 0 && answer.warnings.length === 0)).toBe(true);
    }

    const after = await spaceSize(server.executor, client.space);
    // One node per event with a messageId (its receipt, which is also the mark of an identified
    // one); none for an anonymous event without one; no new stretch, no new relationship.
    expect((await spaceNodes(server.executor, client.space)) - nodesBefore).toBe(tracked.length + anonymous.length);
    expect(after.relationships).toBe(before.relationships);
    expect(after.nodes["Stretch"]).toBe(before.nodes["Stretch"]);
    expect(after.nodes["Mark"]).toBe((before.nodes["Mark"] ?? 0) + tracked.length);
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });

  it("a late login between a person's repeated events moves the activity only up to the next of them", async () => {
    const client = server.newSpace();
    const t = (minute: number) => new Date(Date.parse("2026-12-02T10:00:00Z") + minute * 60_000).toISOString();
    const bob = await resolve(client, { deviceId: "tablet", userId: "bob", timestamp: t(0) });
    await resolveBatch(client, [
      { deviceId: "tablet", userId: "bob", timestamp: t(10), messageId: "bob-10" },
      { deviceId: "tablet", timestamp: t(15), messageId: "anon-15" },
      { deviceId: "tablet", userId: "bob", timestamp: t(20), messageId: "bob-20" },
      { deviceId: "tablet", timestamp: t(25), messageId: "anon-25" },
    ]);
    // Adam's login stamped at minute 12 arrives late: minutes 12 to 20 are his, from 20 on Bob's again.
    const adam = await resolve(client, { deviceId: "tablet", userId: "adam", timestamp: t(12) });
    expect((await attribution(client, "tablet", t(11)))?.assignedProfileId).toBe(bob.assignedProfileId);
    expect((await attribution(client, "tablet", t(15)))?.assignedProfileId).toBe(adam.assignedProfileId);
    expect((await attribution(client, "tablet", t(20)))?.assignedProfileId).toBe(bob.assignedProfileId);
    expect((await attribution(client, "tablet", t(25)))?.assignedProfileId).toBe(bob.assignedProfileId);
    expect((await resolve(client, { deviceId: "tablet", timestamp: t(15), messageId: "anon-15" })).assignedProfileId).toBe(
      adam.assignedProfileId,
    );
    expect((await resolve(client, { deviceId: "tablet", timestamp: t(25), messageId: "anon-25" })).assignedProfileId).toBe(
      bob.assignedProfileId,
    );
    expect(await checkSpace(server.executor, client.space, DEFAULT_IDENTITY_RULES)).toEqual([]);
  });
});

describe("once the windows have passed (dedup window and late window of 2 s)", { timeout: 60_000 }, () => {
  const rules = rulesWith({ dedupWindow: "2s", lateWindow: "2s" });
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ spaces: 4, rules, retention: { ...DEFAULT_RETENTION_OPTIONS, intervalMs: 200 } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("repeat events leave nothing behind: the retention work and the horizon take it all back", async () => {
    const client = server.newSpace();
    await resolve(client, { deviceId: "phone", userId: "kim" });
    await resolve(client, { deviceId: "tablet" });
    const baseline = await spaceNodes(server.executor, client.space);
    for (let round = 0; round < 4; round++) {
      await resolveBatch(client, [
        ...Array.from({ length: 25 }, (_, n) => ({ deviceId: "phone", userId: "kim", messageId: `kim-${round}-${n}` })),
        ...Array.from({ length: 25 }, (_, n) => ({ deviceId: "tablet", messageId: `tab-${round}-${n}` })),
      ]);
    }
    // At most one node per event while its windows last (the horizon may already have taken some).
    expect((await spaceNodes(server.executor, client.space)) - baseline).toBeLessThanOrEqual(200);
    await seconds(2.5);
    // One more event on each device moves its horizon past the marks; the receipts' window has passed.
    await resolveBatch(client, [{ deviceId: "phone", userId: "kim" }, { deviceId: "tablet" }]);
    const left = await eventually(
      () => spaceNodes(server.executor, client.space),
      (nodes) => nodes === baseline,
    );
    // What stays: the people, and one mark, the last identified event's (it still bounds a late
    // login), in place of the first login's.
    expect(left - baseline).toBe(0);
    expect((await profileByDevice(client, "phone"))?.identifiers).toEqual([{ type: "user_id", value: "kim" }]);
    expect(await checkSpace(server.executor, client.space, rules)).toEqual([]);
  });

  it("answers a retried messageId inside the window with DUPLICATE_MESSAGE, and decides it again past the window", async () => {
    const client = server.newSpace();
    const first = await resolve(client, { messageId: "evt-1", deviceId: "d1", userId: "alice" });
    const entries = await auditLog(client);
    const retry = await resolve(client, { messageId: "evt-1", deviceId: "d1", userId: "alice" });
    expect(retry).toEqual({ ...first, warnings: [{ code: "DUPLICATE_MESSAGE", message: expect.any(String), identifier: null }] });
    expect(await auditLog(client)).toEqual(entries);

    await seconds(2.2);
    // Past the window the messageId is forgotten: the same observation changes nothing, and says so without a warning...
    const again = await resolve(client, { messageId: "evt-1", deviceId: "d1", userId: "alice" });
    expect(again).toEqual({ ...first, created: false, warnings: [] });
    // ...and another observation under the same messageId is decided as itself.
    await seconds(2.2);
    const other = await resolve(client, { messageId: "evt-1", deviceId: "d2" });
    expect(other.created).toBe(true);
    expect(other.warnings).toEqual([]);
    expect(await checkSpace(server.executor, client.space, rules)).toEqual([]);
  });
});

// Rule 10's attribution against the rules themselves (test/unit/simulated-store.ts keeps every
// timeline whole, never compacted): random logins and anonymous events on one device, stamped
// minutes apart over hours and sent in batches, with a late window of 20 minutes, so the horizon
// keeps passing marks. After each batch, at random moments, the store answers as the rules do.
describe("attribution across compaction", { timeout: 120_000 }, () => {
  const rules = rulesWith({ lateWindow: "20m" });
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ spaces: 16, rules });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const event = fc.record({
    userId: fc.option(fc.constantFrom("ann", "ben", "cat"), { nil: undefined, freq: 2 }),
    minutes: fc.integer({ min: -30, max: 30 }),
  });
  const scenario = fc.record({
    events: fc.array(event, { minLength: 6, maxLength: 30 }),
    cuts: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    moments: fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 5, maxLength: 12 }),
  });

  it("answers at random moments exactly as the rules do without compaction", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ events, cuts, moments }) => {
        const client = server.newSpace();
        const simulated = new SimulatedStore(rules);
        const base = Date.parse("2026-12-03T08:00:00Z");
        // Mostly forward in time, some of it late (up to half an hour before its predecessor).
        let clock = base;
        const inputs = events.map(({ userId, minutes }, n) => {
          clock += (minutes + 20) * 60_000;
          return { deviceId: "shared", messageId: `m${n}`, timestamp: new Date(clock).toISOString(), ...(userId ? { userId } : {}) };
        });
        const ids = new Map<string, string>();
        const boundaries = [...new Set(cuts.map((cut) => cut % inputs.length))].sort((a, b) => a - b);
        let from = 0;
        for (const until of [...boundaries, inputs.length]) {
          const batch = inputs.slice(from, until);
          from = until;
          if (batch.length === 0) continue;
          const answers = await resolveBatch(client, batch);
          const expected = simulated.resolveBatch(batch.map((input, i) => normalised(input, i)));
          for (const [i, answer] of answers.entries()) ids.set(answer.assignedProfileId, expected[i]?.assignedProfileId as string);
          for (const minute of moments) {
            const moment = new Date(base + minute * 60_000);
            const real = await attribution(client, "shared", moment.toISOString());
            expect(real === null ? undefined : ids.get(real.assignedProfileId), `at ${moment.toISOString()}`).toBe(
              simulated.attribution("shared", moment),
            );
          }
        }
        expect(await checkSpace(server.executor, client.space, rules)).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  function normalised(input: ResolveInputView, index: number): Observation {
    return normaliseObservation({ ...input, timestamp: new Date(input.timestamp as string) }, rules, new Date(), `inputs[${index}]`);
  }
});
