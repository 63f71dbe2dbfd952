// Rule 10 on the worked tables of the seed documents: each table's rows are stamped a minute apart
// in table order and then arrive in every order that keeps the identified rows in their order. The
// device's activity is attributed by when it happened, so the final profiles and the attribution of
// every row are those of the table, up to the naming of profile ids.
import { describe, expect, it } from "vitest";
import type { Resolution } from "../../src/rules/model.js";
import { type SeedTable, seedTables } from "../support/seed-tables.js";
import { shape, TimelineHarness, timelineViolations } from "./timeline-helpers.js";

/** Every order of `rows` that keeps the rows `fixed` says in their relative order. */
function ordersKeeping(count: number, fixed: (index: number) => boolean): number[][] {
  const orders: number[][] = [];
  const visit = (order: number[], rest: number[]): void => {
    if (rest.length === 0) {
      const kept = order.filter(fixed);
      if (kept.every((index, n) => n === 0 || (kept[n - 1] as number) < index)) orders.push(order);
      return;
    }
    for (const [n, index] of rest.entries()) visit([...order, index], [...rest.slice(0, n), ...rest.slice(n + 1)]);
  };
  visit(
    [],
    Array.from({ length: count }, (_, index) => index),
  );
  return orders;
}

const time = (row: number): string => `10:${String(row).padStart(2, "0")}`;

interface Outcome {
  /** Per row in table order: the profile id its activity is attributed to now, and that profile id's profile. */
  attributions: string[];
  profiles: string[];
  /** Per row: what a repeat of its messageId answers now. */
  receipts: Array<Resolution | undefined>;
  harness: TimelineHarness;
}

function feed(table: SeedTable, order: readonly number[]): Outcome {
  const harness = new TimelineHarness();
  for (const index of order) {
    const row = table.rows[index];
    if (!row) throw new Error(`no row ${index}`);
    harness.resolve({ deviceId: row.device, userId: row.userId, time: time(index), messageId: `row${index}` });
  }
  const attributions = table.rows.map((row, index) => harness.attribution(row.device, time(index)) as string);
  return {
    attributions,
    profiles: attributions.map((profileId) => harness.profileOf(profileId)),
    receipts: table.rows.map((_, index) => harness.receipt(`row${index}`)),
    harness,
  };
}

const cases = seedTables.map((table) => ({
  ...table,
  orders: ordersKeeping(table.rows.length, (index) => table.rows[index]?.userId !== null),
}));

describe("rule 10 on the worked tables, rows arriving in every order that keeps the identified rows in order", () => {
  it.each(cases)("$source, “$name”: every row ends up attributed as when the rows arrive in table order", (table) => {
    const inOrder = feed(table, table.orders[0] as number[]);
    expect(inOrder.attributions.map((profileId) => inOrder.harness.profileOf(profileId))).toEqual(inOrder.profiles);
    for (const order of table.orders) {
      const outcome = feed(table, order);
      const where = `arrival order ${order.map((index) => index + 1).join(", ")}`;
      expect(shape(outcome.attributions), where).toEqual(shape(inOrder.attributions));
      expect(shape(outcome.profiles), where).toEqual(shape(inOrder.profiles));
      // A repeated messageId answers where the row's activity belongs now.
      expect(
        outcome.receipts.map((receipt) => receipt?.assignedProfileId),
        where,
      ).toEqual(outcome.attributions);
      expect(timelineViolations(outcome.harness.store.database), where).toEqual([]);
    }
  });

  it("include every order: 6 of Jane's three rows, 12 of Smith's four, 60 of the shared tablet's five", () => {
    const count = (name: string) => cases.find((table) => table.name === name)?.orders.length;
    expect(count("identified user after anonymous events")).toBe(6);
    expect(count("same user id on multiple devices, with anonymous events")).toBe(12);
    expect(count("multiple user ids on the same device")).toBe(60);
  });

  it("Jane: whichever of her device's rows arrive before her login, all three are Jane's one profile id", () => {
    const table = cases.find((candidate) => candidate.name === "identified user after anonymous events") as (typeof cases)[number];
    for (const order of table.orders) {
      const { attributions, harness } = feed(table, order);
      expect(new Set(attributions).size).toBe(1);
      const profile = harness.store.database.componentOf(attributions[0] as string);
      expect([...profile.identifiers.values()]).toEqual([{ type: "user_id", value: "Jane" }]);
      expect(harness.store.database.devices.get("A")?.profileIds.size).toBe(1);
    }
  });

  it("Smith: Q's anonymous rows, early or late, are Q's own profile id, which ends up in Smith's profile with P's", () => {
    const table = cases.find(
      (candidate) => candidate.name === "same user id on multiple devices, with anonymous events",
    ) as (typeof cases)[number];
    for (const order of table.orders) {
      const { attributions, profiles, harness } = feed(table, order);
      const [onP, anonymousOnQ, smithOnQ, laterOnQ] = attributions;
      expect(onP).not.toBe(anonymousOnQ);
      expect([smithOnQ, laterOnQ]).toEqual([anonymousOnQ, anonymousOnQ]);
      expect(new Set(profiles).size).toBe(1);
      expect([...harness.store.database.componentOf(onP as string).devices].sort()).toEqual(["P", "Q"]);
    }
  });

  it("the shared tablet: the anonymous rows between Bob's and Adam's logins are Bob's in every order, the rows after Adam's are Adam's", () => {
    const table = cases.find((candidate) => candidate.name === "multiple user ids on the same device") as (typeof cases)[number];
    for (const order of table.orders) {
      const [bob, afterBob, adam, ...afterAdam] = feed(table, order).attributions;
      expect(afterBob).toBe(bob);
      expect(adam).not.toBe(bob);
      expect(afterAdam).toEqual([adam, adam]);
    }
  });
});
