import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DocumentNode, parse, print } from "graphql";
import { printIdgraphSchema, SCHEMA_FILE } from "../../src/app/emit.js";

describe("the checked-in schema", () => {
  it("is exactly what the type-graphql classes emit (run `npm run emit-schema` after an API change)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await printIdgraphSchema());
  });

  it("offers every operation, type and field of the contract with its exact name", async () => {
    const contract = parse(readFileSync(new URL("../fixtures/contract.graphql", import.meta.url), "utf8"));
    const ours = parse(await printIdgraphSchema());
    const fieldsOf = (doc: typeof ours) => {
      const map = new Map<string, Set<string>>();
      for (const def of doc.definitions) {
        if ("name" in def && def.name && "fields" in def && def.fields) {
          map.set(def.name.value, new Set(def.fields.map((f) => f.name.value)));
        } else if ("name" in def && def.name && "values" in def && def.values) {
          map.set(def.name.value, new Set(def.values.map((v) => v.name.value)));
        }
      }
      return map;
    };
    const theirs = fieldsOf(contract);
    const mine = fieldsOf(ours);
    const missing: string[] = [];
    for (const [type, fields] of theirs) {
      for (const field of fields) if (!mine.get(type)?.has(field)) missing.push(`${type}.${field}`);
    }
    expect(missing.filter((m) => !PENDING.has(m))).toEqual([]);
  });

  it("gives every field, input field and argument of the contract its type and nullability, and adds no required argument", async () => {
    const theirs = membersOf(parse(readFileSync(new URL("../fixtures/contract.graphql", import.meta.url), "utf8")));
    const mine = membersOf(parse(await printIdgraphSchema()));
    const differences: string[] = [];
    for (const [type, fields] of theirs) {
      for (const [field, contract] of fields) {
        const ours = mine.get(type)?.get(field);
        if (!ours) continue; // a missing name: the test above
        const where = `${type}.${field}`;
        if (ours.type !== contract.type) differences.push(`${where}: ${ours.type}, the contract says ${contract.type}`);
        for (const [argument, expected] of contract.args) {
          const actual = ours.args.get(argument);
          if (!actual) differences.push(`${where}(${argument}:) is missing`);
          else if (actual.type !== expected.type)
            differences.push(`${where}(${argument}:): ${actual.type}, the contract says ${expected.type}`);
          else if (actual.defaultValue !== expected.defaultValue)
            differences.push(`${where}(${argument}:) defaults to ${actual.defaultValue}, the contract says ${expected.defaultValue}`);
        }
        for (const [argument, extra] of ours.args) {
          if (!contract.args.has(argument) && extra.type.endsWith("!") && extra.defaultValue === undefined)
            differences.push(`${where}(${argument}:) is required, and the contract has no such argument`);
        }
      }
    }
    expect(differences).toEqual([]);
  });
});

interface Member {
  /** The type as written in SDL: `[ID!]!`. */
  type: string;
  args: Map<string, { type: string; defaultValue: string | undefined }>;
}

/** Type name -> field (or input field) name -> its type and arguments. */
function membersOf(document: DocumentNode): Map<string, Map<string, Member>> {
  const types = new Map<string, Map<string, Member>>();
  for (const definition of document.definitions) {
    if (!("name" in definition) || !definition.name || !("fields" in definition) || !definition.fields) continue;
    const members = types.get(definition.name.value) ?? new Map<string, Member>();
    for (const field of definition.fields) {
      const args = new Map<string, { type: string; defaultValue: string | undefined }>();
      for (const argument of "arguments" in field ? (field.arguments ?? []) : []) {
        args.set(argument.name.value, {
          type: print(argument.type),
          defaultValue: argument.defaultValue ? print(argument.defaultValue) : undefined,
        });
      }
      members.set(field.name.value, { type: print(field.type), args });
    }
    types.set(definition.name.value, members);
  }
  return types;
}

/** Contract names whose issues are still open (none now: every name of the contract is served). */
const PENDING = new Set<string>([]);
