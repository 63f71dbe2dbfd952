// The example rules file the docs show (config/idgraph-rules.example.yaml) is one the server starts with.
import { describe, expect, it } from "vitest";
import { loadRulesFile } from "../../src/rules-file.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";

describe("config/idgraph-rules.example.yaml", () => {
  it("is a valid rules file: the default rules with an email limit of 5", () => {
    const rules = loadRulesFile(new URL("../../config/idgraph-rules.example.yaml", import.meta.url).pathname);
    expect(rules.types.get("email")).toEqual({ limit: 5, priority: 2, normalise: "email" });
    expect(rules.types.get("user_id")).toEqual(DEFAULT_IDENTITY_RULES.types.get("user_id"));
    expect(rules.types.get("phone")).toEqual(DEFAULT_IDENTITY_RULES.types.get("phone"));
    expect(rules.deviceCap).toBe(DEFAULT_IDENTITY_RULES.deviceCap);
  });
});
