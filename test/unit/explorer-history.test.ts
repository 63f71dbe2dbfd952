// What the explorer reads from a profile's history beyond the links: a reattribution's device,
// interval and profile ids (from its audit entry), which links were undone and by which entry, and
// how both show in the drawing (undone links gone, moved activity drawn from its device).
import { describe, expect, it } from "vitest";
import { type AuditEntry, buildGraph, type Profile, reattributionOf, undoableLinks, undoneBy } from "../../web/explorer/model.js";
import { entry } from "./explorer-entries.js";

const moved = (from: string, to: string, until: string | null): AuditEntry =>
  entry("ACTIVITY_REATTRIBUTED", {
    profileIds: [from, to],
    deviceIds: ["T"],
    reason: `activity from 2026-11-23T09:59:00.000Z ${until ? `until ${until}` : "on"} moved to ${to}`,
  });

const adam: Profile = {
  id: "P1",
  ids: ["P1"],
  createdAt: "2026-11-23T10:00:00.000Z",
  identifiers: [{ type: "user_id", value: "adam" }],
  devices: [{ id: "T", profileId: "P1", firstSeenAt: null, lastSeenAt: null }],
  traits: {},
  traitList: [],
};

describe("a reattribution in the explorer", () => {
  it("reads the device, the moved interval and both profile ids from the ACTIVITY_REATTRIBUTED entry", () => {
    expect(reattributionOf(moved("P1", "P2", "2026-11-23T10:05:00.000Z"))).toEqual({
      deviceId: "T",
      from: "2026-11-23T09:59:00.000Z",
      until: "2026-11-23T10:05:00.000Z",
      fromProfileId: "P1",
      toProfileId: "P2",
    });
    expect(reattributionOf(moved("P1", "P2", null))?.until).toBeNull();
    expect(reattributionOf(entry("PROFILE_CREATED", { profileIds: ["P1"], deviceIds: ["T"] }))).toBeNull();
    expect(reattributionOf(entry("ACTIVITY_REATTRIBUTED", { profileIds: ["P1", "P2"], deviceIds: ["T"], reason: "?" }))).toBeNull();
  });

  it("draws the moved activity from the device to the profile id that has it now, another person's faded", () => {
    const created = entry("PROFILE_CREATED", { profileIds: ["P1"], deviceIds: ["T"] });
    const move = moved("P1", "P2", "2026-11-23T10:05:00.000Z");
    const graph = buildGraph(adam, [move, created], []);
    const link = graph.links.find((l) => l.kind === "moved");
    expect(link).toMatchObject({ source: "d:T", target: "p:P2", entry: move });
    expect(link?.label).toMatch(/^moved \d\d:\d\d–\d\d:\d\d$/);
    expect(graph.nodes.find((node) => node.id === "p:P2")).toMatchObject({ faded: true });
    expect(undoableLinks(graph)).toEqual([]);

    const bob: Profile = { ...adam, id: "P2", ids: ["P2"], identifiers: [{ type: "user_id", value: "bob" }] };
    const bobs = buildGraph(bob, [move], []);
    expect(bobs.links.find((l) => l.kind === "moved")).toMatchObject({ source: "d:T", target: "p:P2" });
    expect(bobs.nodes.find((node) => node.id === "p:P2")).toMatchObject({ faded: false });
  });
});

describe("undone links in the explorer", () => {
  it("knows which entry undid a link, and neither draws nor offers a link that was undone", () => {
    const jane: Profile = {
      id: "P1",
      ids: ["P1", "P2"],
      createdAt: adam.createdAt,
      identifiers: [
        { type: "email", value: "jane@example.com" },
        { type: "user_id", value: "jane" },
      ],
      devices: [],
      traits: {},
      traitList: [],
    };
    const email = { type: "email", value: "jane@example.com" };
    const first = entry("IDENTIFIER_LINKED", { profileIds: ["P1"], identifiers: [email] });
    const second = entry("IDENTIFIER_LINKED", { profileIds: ["P2"], identifiers: [email] });
    const merge = entry("PROFILES_MERGED", { profileIds: ["P1", "P2"], actor: "ops" });
    const unmerge = entry("PROFILES_UNMERGED", { profileIds: ["P1", "P2"], undoes: merge.id, actor: "ops" });
    const unlink = entry("PROFILES_UNMERGED", { profileIds: ["P2"], undoes: second.id, actor: "ops" });
    const history = [unlink, unmerge, merge, second, first];

    expect([...undoneBy(history)]).toEqual([
      [second.id, unlink],
      [merge.id, unmerge],
    ]);
    const standing = undoableLinks(buildGraph(jane, history, []));
    expect(standing.map((l) => l.entry?.id)).toEqual([first.id]);
  });
});
