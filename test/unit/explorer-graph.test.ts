// What the explorer draws, from API data alone: each link with what made it, only while both ends
// are in the profile; manual merges, ghost profiles and identity errors marked; a shared device's
// other person faded beside it.
import { describe, expect, it } from "vitest";
import { type AuditEntry, buildGraph, type Profile, undoableLinks } from "../../web/explorer/model.js";
import { entry } from "./explorer-entries.js";

const newestFirst = (...entries: AuditEntry[]): AuditEntry[] => entries.reverse();

const bob: Profile = {
  id: "P1",
  ids: ["P1", "P2"],
  createdAt: "2026-01-01T00:00:00.000Z",
  identifiers: [{ type: "user_id", value: "bob" }],
  devices: [
    { id: "E", profileId: "P9", firstSeenAt: null, lastSeenAt: null },
    { id: "F", profileId: "P1", firstSeenAt: null, lastSeenAt: null },
  ],
  traits: {},
  traitList: [],
};
const adam: Profile = {
  id: "P9",
  ids: ["P9"],
  createdAt: bob.createdAt,
  identifiers: [{ type: "user_id", value: "adam" }],
  devices: [bob.devices[0]!],
  traits: {},
  traitList: [],
};

describe("the explorer's drawing of a profile", () => {
  const history = newestFirst(
    entry("PROFILE_CREATED", { profileIds: ["P1"], deviceIds: ["E"] }),
    entry("IDENTIFIER_LINKED", { profileIds: ["P1"], identifiers: [{ type: "user_id", value: "bob" }] }),
    entry("PROFILE_CREATED", { profileIds: ["P2"], deviceIds: ["F"] }),
    entry("PROFILES_MERGED", { actor: "ops", reason: "same person", profileIds: ["P1", "P2"] }),
    entry("IDENTITY_ERROR", {
      reason: "user_id limit exceeded",
      profileIds: ["P2"],
      identifiers: [{ type: "user_id", value: "carl" }],
      deviceIds: ["F"],
    }),
    entry("IDENTIFIER_LINKED", { profileIds: ["P7"], identifiers: [{ type: "email", value: "gone@example.com" }] }),
  );
  const graph = buildGraph(bob, history, [adam]);
  const link = (id: string) => graph.links.find((l) => l.id === id);
  const node = (id: string) => graph.nodes.find((x) => x.id === id);

  it("draws devices, profile ids and identifiers as nodes of their kind", () => {
    expect(node("d:E")?.kind).toBe("device");
    expect(node("p:P2")?.kind).toBe("profileId");
    expect(node("i:user_id:bob")?.kind).toBe("identifier");
  });

  it("labels each link by what made it and keeps its audit entry", () => {
    expect(link("id:i:user_id:bob:P1")).toMatchObject({ kind: "identifier", label: "user_id", entry: { action: "IDENTIFIER_LINKED" } });
    expect(link("dev:E:P1")).toMatchObject({ kind: "device", entry: { action: "PROFILE_CREATED" } });
    expect(graph.links.find((l) => l.kind === "manualMerge")).toMatchObject({
      source: "p:P1",
      target: "p:P2",
      label: "manual merge by ops: same person",
    });
  });

  it("marks a manual merge an admin forced past a limit", () => {
    const forced = buildGraph(bob, newestFirst(entry("PROFILES_MERGED", { actor: "ops", profileIds: ["P1", "P2"], forced: true })), []);
    expect(forced.links[0]).toMatchObject({ kind: "manualMerge", forced: true, label: "forced merge by ops" });
  });

  it("leaves out links whose ends are no longer in the profile", () => {
    expect(graph.links.some((l) => l.source === "i:email:gone@example.com")).toBe(false);
  });

  it("marks identity errors, and draws the refused identifier faded with a not-linked line", () => {
    expect(node("p:P2")?.flagged).toContain("identity error");
    expect(node("i:user_id:carl")).toMatchObject({ faded: true });
    expect(graph.links.find((l) => l.kind === "notLinked")).toMatchObject({ source: "i:user_id:carl", target: "p:P2", faded: true });
  });

  it("draws a shared device's other person faded beside it", () => {
    expect(node("p:P9")).toMatchObject({ faded: true });
    expect(node("p:P9")?.label).toContain("adam");
    expect(link("shared:E:P9")).toMatchObject({ source: "d:E", faded: true });
  });

  it("offers unmerge for identifier links and manual merges only, never for another person's links", () => {
    expect(
      undoableLinks(graph)
        .map((l) => l.kind)
        .sort(),
    ).toEqual(["identifier", "manualMerge"]);
  });
});
