import { describe, expect, it } from "vitest";
import { groupByRoot, profileRoots } from "../../src/rules/components.js";

const email = (value: string) => ({ type: "email", value });
const userId = (value: string) => ({ type: "user_id", value });

describe("merged profiles recomputed after links are removed", () => {
  it("a profile id with no links stands alone as its own profile", () => {
    expect(profileRoots(["p1", "p2"], [], [])).toEqual(
      new Map([
        ["p1", "p1"],
        ["p2", "p2"],
      ]),
    );
  });

  it("profile ids sharing an identifier form one profile named by the smallest id", () => {
    const roots = profileRoots(
      ["p3", "p1", "p2"],
      [
        { identifier: userId("smith"), profileId: "p3" },
        { identifier: userId("smith"), profileId: "p2" },
      ],
      [],
    );
    expect(roots).toEqual(
      new Map([
        ["p3", "p2"],
        ["p2", "p2"],
        ["p1", "p1"],
      ]),
    );
  });

  it("a manual merge joins two profiles", () => {
    expect(groupByRoot(profileRoots(["p1", "p2", "p3"], [], [{ from: "p3", to: "p2" }]))).toEqual(
      new Map([
        ["p1", ["p1"]],
        ["p2", ["p2", "p3"]],
      ]),
    );
  });

  it("removing a link that was not a bridge keeps the profile whole", () => {
    // p1 - smith - p2, p1 - jane@x - p2: without the email link, smith still joins them.
    const roots = profileRoots(
      ["p1", "p2"],
      [
        { identifier: userId("smith"), profileId: "p1" },
        { identifier: userId("smith"), profileId: "p2" },
      ],
      [],
    );
    expect(new Set(roots.values())).toEqual(new Set(["p1"]));
  });

  it("a chain of identifiers and merges is one profile; cutting its middle splits it in two", () => {
    const links = [
      { identifier: userId("a"), profileId: "p1" },
      { identifier: userId("a"), profileId: "p2" },
      { identifier: email("b@x"), profileId: "p3" },
      { identifier: email("b@x"), profileId: "p4" },
    ];
    const whole = profileRoots(["p1", "p2", "p3", "p4"], links, [{ from: "p2", to: "p3" }]);
    expect(new Set(whole.values())).toEqual(new Set(["p1"]));
    const cut = groupByRoot(profileRoots(["p1", "p2", "p3", "p4"], links, []));
    expect(cut).toEqual(
      new Map([
        ["p1", ["p1", "p2"]],
        ["p3", ["p3", "p4"]],
      ]),
    );
  });

  it("identifiers of different types with the same value are different links", () => {
    const roots = profileRoots(
      ["p1", "p2"],
      [
        { identifier: userId("same"), profileId: "p1" },
        { identifier: email("same"), profileId: "p2" },
      ],
      [],
    );
    expect(roots.get("p2")).toBe("p2");
  });

  it("links to profile ids outside the given profile are ignored", () => {
    const roots = profileRoots(
      ["p2"],
      [
        { identifier: userId("a"), profileId: "p1" },
        { identifier: userId("a"), profileId: "p2" },
      ],
      [{ from: "p0", to: "p2" }],
    );
    expect(roots).toEqual(new Map([["p2", "p2"]]));
  });
});
