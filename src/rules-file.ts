// Reads the identity rules file named by IDGRAPH_RULES_FILE; the parsing and checking are the
// rules' own (src/rules/rules-config.ts), which stay free of I/O.
import { readFileSync } from "node:fs";
import { ConfigError } from "./config.js";
import { DEFAULT_IDENTITY_RULES, type IdentityRules, parseRulesFile } from "./rules/rules-config.js";

export function loadRulesFile(file: string): IdentityRules {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read identity rules file ${file}: ${(error as Error).message}`);
  }
  return parseRulesFile(file, text);
}

export function loadRules(file: string | undefined): IdentityRules {
  return file === undefined ? DEFAULT_IDENTITY_RULES : loadRulesFile(file);
}
