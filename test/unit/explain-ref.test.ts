import { describe, expect, it } from "vitest";
import { parseIdentityRef } from "../../src/explain/identity-ref.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";

const parse = (input: Parameters<typeof parseIdentityRef>[0]) => parseIdentityRef(input, DEFAULT_IDENTITY_RULES, "from");

describe("a reference to one thing of a profile", () => {
  it("names a device, a profile id or an identifier", () => {
    expect(parse({ deviceId: " d1 " })).toEqual({ kind: "device", deviceId: "d1" });
    expect(parse({ profileId: "01J" })).toEqual({ kind: "profileId", profileId: "01J" });
    expect(parse({ identifier: { type: "user_id", value: "Smith" } })).toEqual({
      kind: "identifier",
      identifier: { type: "user_id", value: "Smith" },
    });
  });

  it("normalises an identifier as observations are, so an email is found in any case", () => {
    expect(parse({ identifier: { type: "email", value: " Jane@Example.COM " } })).toEqual({
      kind: "identifier",
      identifier: { type: "email", value: "jane@example.com" },
    });
  });

  it.each([
    ["nothing", {}],
    ["only nulls", { deviceId: null, profileId: null, identifier: null }],
    ["a device and a profile id", { deviceId: "d1", profileId: "p1" }],
    ["a device and an identifier", { deviceId: "d1", identifier: { type: "user_id", value: "u" } }],
  ])("is refused as BAD_USER_INPUT when it gives %s", (_, input) => {
    expect(() => parse(input)).toThrowError(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });

  it("is refused as BAD_USER_INPUT for an identifier type that is not configured", () => {
    expect(() => parse({ identifier: { type: "fax", value: "1" } })).toThrowError(
      expect.objectContaining({ code: "BAD_USER_INPUT", message: expect.stringContaining("fax") }),
    );
  });
});
