// The rules file's keys for the SDK endpoints: which traits carry which identifier types, and
// whether Segment's context.device.id stands in for a missing anonymousId.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { loadRulesFile } from "../../src/rules-file.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";

const dir = mkdtempSync(join(tmpdir(), "idgraph-sdk-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
const file = (extension: string, text: string): string => {
  const path = join(dir, `rules-${++count}.${extension}`);
  writeFileSync(path, text);
  return path;
};

describe("the SDK keys of the rules file", () => {
  it("default to email and phone traits and no context.device.id", () => {
    expect(Object.fromEntries(DEFAULT_IDENTITY_RULES.traitMapping)).toEqual({ email: "email", phone: "phone" });
    expect(DEFAULT_IDENTITY_RULES.useContextDeviceId).toBe(false);
  });

  it("map traits to the file's own identifier types", () => {
    const rules = loadRulesFile(
      file(
        "yaml",
        [
          "identifierTypes:",
          "  user_id: { limit: 1, priority: 1, normalise: none }",
          "  email: { limit: 5, priority: 2, normalise: email }",
          "  crm_id: { limit: 1, priority: 3, normalise: trim }",
          "traitMapping: { email: email, work_email: email, crmId: crm_id }",
          "useContextDeviceId: true",
        ].join("\n"),
      ),
    );
    expect(Object.fromEntries(rules.traitMapping)).toEqual({ email: "email", work_email: "email", crmId: "crm_id" });
    expect(rules.useContextDeviceId).toBe(true);
  });

  it("leave out the default phone mapping when the file drops the phone type", () => {
    const rules = loadRulesFile(
      file("json", JSON.stringify({ identifierTypes: { user_id: { limit: 1, priority: 1 }, email: { limit: 1, priority: 2 } } })),
    );
    expect(Object.fromEntries(rules.traitMapping)).toEqual({ email: "email" });
  });

  it("stop the server for a trait mapped to a type the file does not have, or a non-boolean flag", () => {
    expect(() => loadRulesFile(file("json", JSON.stringify({ traitMapping: { crmId: "crm_id" } })))).toThrow(ConfigError);
    expect(() => loadRulesFile(file("json", JSON.stringify({ traitMapping: { crmId: "crm_id" } })))).toThrow("traitMapping.crmId");
    expect(() => loadRulesFile(file("json", JSON.stringify({ useContextDeviceId: "yes" })))).toThrow(ConfigError);
  });
});
