// The identity rules file (docs/identity-rules.md, "Identifier rules"): defaults without a file, JSON or
// YAML, and a clear start-up error for a bad file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { loadRules, loadRulesFile } from "../../src/rules-file.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";

const dir = mkdtempSync(join(tmpdir(), "idgraph-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function write(extension: string, text: string): string {
  const file = join(dir, `rules-${++fileCount}.${extension}`);
  writeFileSync(file, text);
  return file;
}
const json = (value: unknown) => write("json", JSON.stringify(value));

function loadError(file: string): ConfigError {
  try {
    loadRulesFile(file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be refused`);
}

describe("the identity rules", () => {
  it("are the defaults of docs/identity-rules.md when no file is named", () => {
    const rules = loadRules(undefined);
    expect(rules).toBe(DEFAULT_IDENTITY_RULES);
    expect(rules.typeOrder).toEqual(["user_id", "email", "phone"]);
    expect(Object.fromEntries(rules.types)).toEqual({
      user_id: { limit: 1, priority: 1, normalise: "none" },
      email: { limit: 1, priority: 2, normalise: "email" },
      phone: { limit: 1, priority: 3, normalise: "phone" },
    });
    expect(rules.deviceCap).toBe(50);
    expect(rules.maxValueLength).toBe(256);
    expect(rules.blocklist.has("[object object]")).toBe(true);
    expect(rules.blockedPatterns.map((pattern) => pattern.source)).toEqual(["^[0-]*$"]);
  });

  it("read a JSON file; keys it leaves out keep their defaults", () => {
    const rules = loadRules(
      json({
        identifierTypes: {
          user_id: { limit: 1, priority: 1 },
          email: { limit: 5, priority: 2, normalise: "email" },
          phone: { limit: 1, priority: 3, normalise: "phone" },
        },
        deviceCap: 3,
      }),
    );
    expect(rules.types.get("email")?.limit).toBe(5);
    // normalise defaults to none for a type that names none.
    expect(rules.types.get("user_id")?.normalise).toBe("none");
    expect(rules.deviceCap).toBe(3);
    expect(rules.blocklist).toEqual(DEFAULT_IDENTITY_RULES.blocklist);
    expect(rules.maxValueLength).toBe(256);
  });

  it("read a YAML file (.yaml or .yml), whose identifierTypes replace the default types whole", () => {
    const text = `
identifierTypes:
  customer_id: { limit: 1, priority: 1 }
  email:
    limit: 3
    priority: 2
    normalise: email
blocklist: [nobody, "  Test-User  "]
blockedPatterns: ["^x+$"]
maxValueLength: 64
`;
    for (const extension of ["yaml", "yml"]) {
      const rules = loadRulesFile(write(extension, text));
      expect(rules.typeOrder).toEqual(["customer_id", "email"]);
      expect(rules.types.has("user_id")).toBe(false);
      expect(rules.types.get("email")?.limit).toBe(3);
      // Blocklist entries are compared trimmed and lower-cased.
      expect([...rules.blocklist]).toEqual(["nobody", "test-user"]);
      expect(rules.blockedPatterns[0]?.test("XXX")).toBe(true);
      expect(rules.maxValueLength).toBe(64);
      expect(rules.deviceCap).toBe(50);
    }
  });

  it("order types by priority, then by name", () => {
    const rules = loadRulesFile(
      json({ identifierTypes: { b: { limit: 1, priority: 2 }, a: { limit: 1, priority: 2 }, z: { limit: 1, priority: 1 } } }),
    );
    expect(rules.typeOrder).toEqual(["z", "a", "b"]);
  });

  it.each([
    ["an unknown top-level key", { deviceCapp: 3 }, /deviceCapp|unrecognized|Unrecognized/],
    ["a negative limit", { identifierTypes: { email: { limit: -1, priority: 1 } } }, /identifierTypes\.email\.limit/],
    ["a limit of zero", { identifierTypes: { email: { limit: 0, priority: 1 } } }, /identifierTypes\.email\.limit/],
    ["a fractional limit", { identifierTypes: { email: { limit: 1.5, priority: 1 } } }, /identifierTypes\.email\.limit/],
    ["a missing priority", { identifierTypes: { email: { limit: 1 } } }, /identifierTypes\.email\.priority/],
    [
      "an unknown normalisation",
      { identifierTypes: { email: { limit: 1, priority: 1, normalise: "upper" } } },
      /identifierTypes\.email\.normalise/,
    ],
    // zod 4 reports a bad record key as "Invalid key in record"; the path still names the key.
    ["a type name that is not lower_snake_case", { identifierTypes: { Email: { limit: 1, priority: 1 } } }, /identifierTypes\.Email/],
    ["no identifier types", { identifierTypes: {} }, /at least one type/],
    ["a negative device cap", { deviceCap: -5 }, /deviceCap/],
    ["a device cap that is not a number", { deviceCap: "50" }, /deviceCap/],
    ["a blocklist that is not a list", { blocklist: "null" }, /blocklist/],
    ["a bad regular expression", { blockedPatterns: ["^[0-"] }, /blockedPatterns: not a regular expression: \^\[0-/],
    ["a max value length beyond the hard limit", { maxValueLength: 100_000 }, /maxValueLength/],
  ])("refuse a file with %s, naming the file and the problem", (_, content, problem) => {
    const file = json(content);
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(problem);
  });

  // A typo like `normalize` (for `normalise`) must not be dropped silently: emails would go un-normalised.
  it("refuses a file with an unknown key inside a type (the typo `normalize`)", () => {
    const file = json({ identifierTypes: { email: { limit: 1, priority: 1, normalize: "email" } } });
    expect(loadError(file).message).toMatch(/identifierTypes\.email/);
  });

  it.each([
    ["a top level that is a list", "json", "[1, 2]", /expected an object at the top level/],
    ["a top level that is a string", "yaml", "just words", /expected an object at the top level/],
    ["an empty YAML file", "yaml", "", /expected an object at the top level/],
    ["broken JSON", "json", "{ deviceCap: 3 ", /cannot read identity rules file/],
    ["broken YAML", "yaml", "identifierTypes: [unclosed", /cannot read identity rules file/],
  ])("refuse a file with %s", (_, extension, text, problem) => {
    expect(loadError(write(extension, text)).message).toMatch(problem);
  });

  it("refuse a file that does not exist, naming it", () => {
    const missing = join(dir, "missing.json");
    expect(() => loadRules(missing)).toThrow(ConfigError);
    expect(() => loadRules(missing)).toThrow(/cannot read identity rules file .*missing\.json/);
  });
});

describe("the late window of the identity rules (rule 10)", () => {
  it("is 7 days without a file", () => {
    expect(DEFAULT_IDENTITY_RULES.lateWindowMs).toBe(7 * 86_400_000);
  });

  it.each([
    ["36h", 36 * 3_600_000],
    ["90m", 90 * 60_000],
    ["30s", 30_000],
    ["0s", 0],
    ["14d", 14 * 86_400_000],
  ])("reads `lateWindow: %s` from the file", (lateWindow, ms) => {
    expect(loadRulesFile(json({ lateWindow })).lateWindowMs).toBe(ms);
  });

  it.each([["7 days"], ["-1d"], ["1w"], [""]])("refuses `lateWindow: %s`, naming the key", (lateWindow) => {
    expect(loadError(json({ lateWindow })).message).toMatch(/lateWindow/);
  });

  it("refuses a late window that is a bare number", () => {
    expect(loadError(json({ lateWindow: 7 })).message).toMatch(/lateWindow/);
  });
});

describe("the dedup window of the identity rules (rule 8)", () => {
  it("is 7 days without a file", () => {
    expect(DEFAULT_IDENTITY_RULES.dedupWindowMs).toBe(7 * 86_400_000);
  });

  it.each([
    ["36h", 36 * 3_600_000],
    ["90m", 90 * 60_000],
    ["30s", 30_000],
    ["1d", 86_400_000],
  ])("reads `dedupWindow: %s` from the file", (dedupWindow, ms) => {
    expect(loadRulesFile(json({ dedupWindow })).dedupWindowMs).toBe(ms);
  });

  it.each([["7 days"], ["0s"], ["500ms"], ["-1d"], [""]])("refuses `dedupWindow: %s`, naming the key", (dedupWindow) => {
    expect(loadError(json({ dedupWindow })).message).toMatch(/dedupWindow/);
  });
});
