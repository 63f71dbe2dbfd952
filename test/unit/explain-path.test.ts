import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IdentityRef, type Link, type PathStep, refKey, shortestLinkPath } from "../../src/explain/link-path.js";

const device = (deviceId: string): IdentityRef => ({ kind: "device", deviceId });
const pid = (profileId: string): IdentityRef => ({ kind: "profileId", profileId });
const user = (value: string): IdentityRef => ({ kind: "identifier", identifier: { type: "user_id", value } });

let clock = 0;
const at = (): string => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
const identifies = (identifier: IdentityRef, profileId: IdentityRef, auditId: string | null = null): Link => ({
  kind: "IDENTIFIER",
  a: identifier,
  b: profileId,
  at: at(),
  auditId,
});
const merged = (a: IdentityRef, b: IdentityRef, auditId: string | null = null): Link => ({ kind: "MANUAL_MERGE", a, b, at: at(), auditId });
const owns = (d: IdentityRef, p: IdentityRef): Link => ({ kind: "DEVICE_PROFILE_ID", a: d, b: p, at: at(), auditId: null });

/** A chain as "P > pid8 > Smith": the nodes it passes, in order. */
const nodes = (steps: PathStep[] | null): string[] | null => {
  if (steps === null) return null;
  if (steps.length === 0) return [];
  const name = (ref: IdentityRef) =>
    ref.kind === "device" ? ref.deviceId : ref.kind === "profileId" ? ref.profileId : ref.identifier.value;
  return [name(steps[0]!.from), ...steps.map((step) => name(step.to))];
};

describe("the chain of links between two things of a profile", () => {
  // The last table of 001: Smith on P (pid8), Q anonymous (pid9), then Smith on Q.
  const smith = [
    owns(device("P"), pid("pid8")),
    identifies(user("Smith"), pid("pid8"), "a1"),
    owns(device("Q"), pid("pid9")),
    identifies(user("Smith"), pid("pid9"), "a2"),
  ];

  it("goes from one device to another through the identifier both their profile ids carry", () => {
    const steps = shortestLinkPath(smith, device("P"), device("Q"));
    expect(nodes(steps)).toEqual(["P", "pid8", "Smith", "pid9", "Q"]);
    expect(steps?.map((step) => step.kind)).toEqual(["DEVICE_PROFILE_ID", "IDENTIFIER", "IDENTIFIER", "DEVICE_PROFILE_ID"]);
    expect(steps?.map((step) => step.auditId)).toEqual([null, "a1", "a2", null]);
  });

  it("names each step in the direction of the chain, whichever way the edge is stored", () => {
    const steps = shortestLinkPath(smith, device("Q"), device("P"));
    expect(nodes(steps)).toEqual(["Q", "pid9", "Smith", "pid8", "P"]);
    expect(steps?.[1]).toMatchObject({ from: pid("pid9"), to: user("Smith"), kind: "IDENTIFIER", auditId: "a2" });
  });

  it("never passes through a device: two profile ids sharing only a device are not connected", () => {
    const sharedDevice = [
      owns(device("E"), pid("bob")),
      identifies(user("Bob"), pid("bob")),
      owns(device("E"), pid("adam")),
      identifies(user("Adam"), pid("adam")),
    ];
    expect(shortestLinkPath(sharedDevice, pid("bob"), pid("adam"))).toBeNull();
    expect(shortestLinkPath(sharedDevice, user("Bob"), user("Adam"))).toBeNull();
  });

  it("may start or end at a device that holds profile ids of several people", () => {
    const sharedDevice = [
      owns(device("E"), pid("bob")),
      identifies(user("Bob"), pid("bob")),
      owns(device("E"), pid("adam")),
      identifies(user("Adam"), pid("adam")),
    ];
    expect(nodes(shortestLinkPath(sharedDevice, device("E"), user("Adam")))).toEqual(["E", "adam", "Adam"]);
    expect(nodes(shortestLinkPath(sharedDevice, user("Bob"), device("E")))).toEqual(["Bob", "bob", "E"]);
  });

  it("follows manual merges between profile ids", () => {
    const links = [identifies(user("u1"), pid("p1")), merged(pid("p1"), pid("p2"), "m1"), identifies(user("e2"), pid("p2"))];
    const steps = shortestLinkPath(links, user("u1"), user("e2"));
    expect(nodes(steps)).toEqual(["u1", "p1", "p2", "e2"]);
    expect(steps?.[1]).toMatchObject({ kind: "MANUAL_MERGE", auditId: "m1" });
  });

  it("takes the shortest chain, and among equally short ones the older links", () => {
    const links = [
      identifies(user("u"), pid("p1")),
      identifies(user("old"), pid("p1")),
      identifies(user("old"), pid("p4")),
      identifies(user("new"), pid("p1")),
      identifies(user("new"), pid("p4")),
      merged(pid("p1"), pid("p2")),
      merged(pid("p2"), pid("p3")),
      merged(pid("p3"), pid("p4")),
    ];
    expect(nodes(shortestLinkPath(links, pid("p1"), pid("p4")))).toEqual(["p1", "old", "p4"]);
    expect(nodes(shortestLinkPath([...links].reverse(), pid("p1"), pid("p4")))).toEqual(["p1", "old", "p4"]);
  });

  it("is an empty chain from a thing to itself, and no chain to a thing outside the links", () => {
    expect(shortestLinkPath(smith, device("P"), device("P"))).toEqual([]);
    expect(shortestLinkPath(smith, device("P"), user("Jones"))).toBeNull();
  });

  it("tells identifiers of different types with one value apart", () => {
    const email: IdentityRef = { kind: "identifier", identifier: { type: "email", value: "x" } };
    expect(refKey(email)).not.toBe(refKey(user("x")));
    expect(shortestLinkPath([identifies(user("x"), pid("p1"))], email, pid("p1"))).toBeNull();
  });
});

describe("the chain of links, on any graph", () => {
  const PIDS = ["p0", "p1", "p2", "p3", "p4", "p5"].map(pid);
  const IDENTIFIERS = ["i0", "i1", "i2", "i3"].map(user);
  const DEVICES = ["d0", "d1", "d2"].map(device);
  const ALL = [...PIDS, ...IDENTIFIERS, ...DEVICES];
  const link = fc.oneof(
    fc.tuple(fc.constantFrom(...IDENTIFIERS), fc.constantFrom(...PIDS)).map(([a, b]) => identifies(a, b)),
    fc
      .tuple(fc.constantFrom(...PIDS), fc.constantFrom(...PIDS))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => merged(a, b)),
    fc.tuple(fc.constantFrom(...DEVICES), fc.constantFrom(...PIDS)).map(([a, b]) => owns(a, b)),
  );

  /** What "one profile" means, worked out another way: components over identifiers and merges only. */
  function connected(links: Link[], from: IdentityRef, to: IdentityRef): boolean {
    const parent = new Map<string, string>();
    const find = (key: string): string => {
      const up = parent.get(key) ?? key;
      return up === key ? key : find(up);
    };
    for (const l of links) if (l.kind !== "DEVICE_PROFILE_ID") parent.set(find(refKey(l.a)), find(refKey(l.b)));
    const reach = (ref: IdentityRef): Set<string> =>
      ref.kind === "device"
        ? new Set(links.filter((l) => l.kind === "DEVICE_PROFILE_ID" && refKey(l.a) === refKey(ref)).map((l) => find(refKey(l.b))))
        : new Set([find(refKey(ref))]);
    if (refKey(from) === refKey(to)) return true;
    const ends = reach(to);
    return [...reach(from)].some((root) => ends.has(root));
  }

  it("finds a chain exactly when the two share a profile, made of real links, passing no device on the way", () => {
    fc.assert(
      fc.property(fc.array(link, { maxLength: 14 }), fc.constantFrom(...ALL), fc.constantFrom(...ALL), (links, from, to) => {
        const steps = shortestLinkPath(links, from, to);
        expect(steps !== null).toBe(connected(links, from, to));
        if (!steps || steps.length === 0) return;
        expect(refKey(steps[0]!.from)).toBe(refKey(from));
        expect(refKey(steps.at(-1)!.to)).toBe(refKey(to));
        steps.forEach((step, index) => {
          if (index > 0) expect(refKey(step.from)).toBe(refKey(steps[index - 1]!.to));
          if (index > 0) expect(step.from.kind).not.toBe("device");
          const ends = [refKey(step.from), refKey(step.to)].sort().join();
          expect(links.some((l) => l.kind === step.kind && [refKey(l.a), refKey(l.b)].sort().join() === ends)).toBe(true);
        });
      }),
    );
  });
});
