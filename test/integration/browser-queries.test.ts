// The saved Neo4j Browser queries (cypher/browser/*.cypher) run, with their `:param` parameters,
// against a space built through the API, and return what their headers promise: so they keep up
// with the graph model instead of rotting.
import { readdirSync, readFileSync } from "node:fs";
import { isNode, isPath, isRelationship, type Record as Neo4jRecord } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpace } from "../../src/check/invariants.js";
import { compileRules, DEFAULT_RULES } from "../../src/rules/rules-config.js";
import { resolve } from "./api.js";
import { type Client, TestServer } from "./harness.js";

const BROWSER_DIR = new URL("../../cypher/browser/", import.meta.url);
const FILES = readdirSync(BROWSER_DIR)
  .filter((file) => file.endsWith(".cypher"))
  .sort();
const source = (file: string): string => readFileSync(new URL(file, BROWSER_DIR), "utf8");
const PARAMETERS = ["space", "type", "value", "deviceId"];

const rules = compileRules({ ...DEFAULT_RULES, deviceCap: 3 });

let server: TestServer;
let client: Client;
/** Profile ids the expectations name, from the answers of the observations below. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await TestServer.start({ rules, spaces: 1 });
  client = server.newSpace();
  // Same user id on multiple devices, with anonymous events: one merge.
  ids.pid8 = (await resolve(client, { deviceId: "P", userId: "Smith", messageId: "m1" })).assignedProfileId;
  ids.pid9 = (await resolve(client, { deviceId: "Q", messageId: "m2" })).assignedProfileId;
  await resolve(client, { deviceId: "Q", userId: "Smith", messageId: "m3" });
  // An admin merges Smith with an email-only profile on device R: a manual merge edge.
  ids.pidR = (await resolve(client, { deviceId: "R", identifiers: [{ type: "email", value: "smith@example.com" }] })).assignedProfileId;
  await client.data(`mutation ($ids: [ID!]!) { mergeProfiles(profileIds: $ids, reason: "same person") { id } }`, {
    ids: [ids.pid8, ids.pidR],
  });
  // One device, two users: two profiles, no merge.
  ids.bob = (await resolve(client, { deviceId: "E", userId: "Bob" })).assignedProfileId;
  ids.adam = (await resolve(client, { deviceId: "E", userId: "Adam" })).assignedProfileId;
  // u1 on three devices (the cap), then a fourth: a ghost profile.
  ids.u1 = (
    await resolve(client, {
      deviceId: "d1",
      identifiers: [
        { type: "user_id", value: "u1" },
        { type: "email", value: "e1@example.com" },
      ],
    })
  ).profileId;
  await resolve(client, { deviceId: "d2", userId: "u1" });
  await resolve(client, { deviceId: "d3", userId: "u1" });
  ids.ghost = (await resolve(client, { deviceId: "d4", userId: "u1", messageId: "ghost" })).assignedProfileId;
  // u2 with u1's email: u2 is a new person, and linking u1's email to u2 would break the user_id limit: an identity error.
  await resolve(client, {
    identifiers: [
      { type: "user_id", value: "u2" },
      { type: "email", value: "e1@example.com" },
    ],
    messageId: "conflict",
  });
  expect(await checkSpace(server.executor, client.space, rules)).toEqual([]);
});
afterAll(async () => {
  await server?.stop();
});

async function run(file: string, parameters: Record<string, unknown>): Promise<Neo4jRecord[]> {
  const result = await server.executor.read("test", (tx) => tx.run(source(file), { space: client.space, ...parameters }));
  return result.records;
}

/** The nodes a graph query returns, as "Label:key", and its relationship types. */
function graphOf(records: Neo4jRecord[]): { nodes: string[]; relationships: string[] } {
  const nodes = new Set<string>();
  const relationships = new Set<string>();
  const visit = (value: unknown): void => {
    if (isNode(value)) {
      const { properties } = value;
      if (value.labels.includes("Identifier")) nodes.add(`Identifier:${properties.type}:${properties.value}`);
      else nodes.add(`${value.labels[0]}:${properties.id}`);
    } else if (isRelationship(value)) relationships.add(value.type);
    else if (isPath(value)) {
      for (const segment of value.segments) [segment.start, segment.relationship, segment.end].forEach(visit);
    }
  };
  for (const record of records) record.forEach(visit);
  return { nodes: [...nodes].sort(), relationships: [...relationships].sort() };
}

const rows = (records: Neo4jRecord[]) => records.map((record) => record.toObject());

/** Each saved query: the parameters it is run with, and what it must return. */
const EXPECTED: Record<string, { parameters: Record<string, unknown>; check: (records: Neo4jRecord[]) => void }> = {
  "profile-by-identifier.cypher": {
    parameters: { type: "user_id", value: "Smith" },
    check: (records) =>
      expect(graphOf(records)).toEqual({
        nodes: [
          "Device:P",
          "Device:Q",
          "Device:R",
          `ProfileId:${ids.pid8}`,
          `ProfileId:${ids.pid9}`,
          `ProfileId:${ids.pidR}`,
          "Identifier:user_id:Smith",
          "Identifier:email:smith@example.com",
        ].sort(),
        relationships: ["CURRENT", "HAS_PROFILE_ID", "IDENTIFIES", "MERGED_WITH"],
      }),
  },
  "profile-by-device.cypher": {
    parameters: { deviceId: "E" },
    check: (records) =>
      expect(graphOf(records).nodes).toEqual(
        ["Device:E", `ProfileId:${ids.bob}`, `ProfileId:${ids.adam}`, "Identifier:user_id:Bob", "Identifier:user_id:Adam"].sort(),
      ),
  },
  "profile-history-by-identifier.cypher": {
    parameters: { type: "user_id", value: "Smith" },
    check: (records) => {
      const history = rows(records);
      expect(history[0]).toMatchObject({ action: "PROFILES_MERGED", reason: "same person" });
      expect(history.map((entry) => entry.action).sort()).toEqual(
        [
          "PROFILE_CREATED",
          "PROFILE_CREATED",
          "PROFILE_CREATED",
          "IDENTIFIER_LINKED",
          "IDENTIFIER_LINKED",
          "IDENTIFIER_LINKED",
          "PROFILES_MERGED",
          "PROFILES_MERGED",
        ].sort(),
      );
      expect(
        history
          .filter((entry) => entry.messageId !== null)
          .map((entry) => entry.messageId)
          .sort(),
      ).toEqual(["m1", "m1", "m2", "m3", "m3"]);
    },
  },
  "link-between-identifier-and-device.cypher": {
    parameters: { type: "user_id", value: "Smith", deviceId: "Q" },
    check: (records) => {
      expect(records).toHaveLength(1);
      expect(graphOf(records).nodes).toEqual(["Device:Q", `ProfileId:${ids.pid9}`, "Identifier:user_id:Smith"].sort());
    },
  },
  "latest-merges.cypher": {
    parameters: {},
    // Newest first: u1 reaching d3, then d2, the admin's merge, then Smith logging in on Q.
    check: (records) =>
      expect(rows(records)).toEqual([
        expect.objectContaining({ identifiers: ["user_id:u1"], profilesNow: [ids.u1] }),
        expect.objectContaining({ identifiers: ["user_id:u1"], profilesNow: [ids.u1] }),
        expect.objectContaining({
          profileIds: expect.arrayContaining([ids.pid8, ids.pidR]),
          reason: "same person",
          actor: expect.stringMatching(/^tester\d+$/),
          profilesNow: [ids.pid8],
        }),
        expect.objectContaining({
          profileIds: expect.arrayContaining([ids.pid8, ids.pid9]),
          identifiers: ["user_id:Smith"],
          messageId: "m3",
          profilesNow: [ids.pid8],
        }),
      ]),
  },
  "identity-errors.cypher": {
    parameters: {},
    check: (records) =>
      expect(rows(records)).toEqual([
        expect.objectContaining({
          identifiers: ["email:e1@example.com"],
          profileIds: expect.arrayContaining([ids.u1]),
          messageId: "conflict",
        }),
      ]),
  },
  "ghost-profiles.cypher": {
    parameters: {},
    check: (records) =>
      expect(rows(records)).toEqual([
        expect.objectContaining({
          deviceIds: ["d4"],
          identifiers: ["user_id:u1"],
          profileIds: expect.arrayContaining([ids.ghost]),
          messageId: "ghost",
        }),
      ]),
  },
  "biggest-profiles-by-profile-ids.cypher": {
    parameters: {},
    check: (records) => {
      expect(rows(records).slice(0, 2)).toEqual([
        { profile: ids.pid8, profileIds: 3, devices: 3, identifiers: ["email:smith@example.com", "user_id:Smith"] },
        { profile: ids.u1, profileIds: 3, devices: 3, identifiers: ["email:e1@example.com", "user_id:u1"] },
      ]);
      expect(records).toHaveLength(6); // Smith, u1, u2, Bob, Adam and the ghost
    },
  },
  "device-timeline.cypher": {
    parameters: { deviceId: "E" },
    // Bob, then Adam: the first stretch is Bob's (his login a mark in it), the latest is Adam's.
    check: (records) => {
      expect(graphOf(records).relationships).toEqual(["ATTRIBUTED_TO", "HAS_PROFILE_ID"]);
      const stretches = records.flatMap((record) => {
        const stretch = record.get("s") as unknown;
        return isNode(stretch) ? [stretch.properties as { from: string; until?: string; profileId: string }] : [];
      });
      expect(stretches.map((stretch) => stretch.profileId)).toEqual([ids.bob, ids.adam]);
      expect(stretches[0]?.from).toBe("");
      expect(stretches.at(-1)?.until).toBeUndefined();
      const marks = records[0]?.get("marks") as string[];
      expect(marks).toHaveLength(1);
      expect(marks[0]?.localeCompare(stretches.at(-1)?.from as string)).toBeLessThan(0);
    },
  },
  "biggest-profiles-by-devices.cypher": {
    parameters: {},
    check: (records) =>
      expect(rows(records).slice(0, 2)).toEqual([
        { profile: ids.pid8, devices: 3, profileIds: 3, identifiers: ["email:smith@example.com", "user_id:Smith"] },
        { profile: ids.u1, devices: 3, profileIds: 3, identifiers: ["email:e1@example.com", "user_id:u1"] },
      ]),
  },
};

describe("the saved Neo4j Browser queries", () => {
  it("are each checked here", () => {
    expect(FILES).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(FILES)("%s opens with a header naming every parameter it uses as a :param line", (file) => {
    const text = source(file);
    const header = text
      .split("\n")
      .filter((line) => line.startsWith("//"))
      .join("\n");
    expect(text.startsWith("//")).toBe(true);
    const used = [...new Set([...text.matchAll(/\$([A-Za-z]+)/g)].map((match) => match[1] as string))];
    expect(used.filter((name) => !PARAMETERS.includes(name))).toEqual([]);
    for (const name of used) expect(header).toMatch(new RegExp(`^//\\s+:param ${name} =>`, "m"));
  });

  it.each(FILES)("%s runs and returns what its header promises", async (file) => {
    const expected = EXPECTED[file];
    if (!expected) throw new Error(`no expectation for ${file}`);
    expected.check(await run(file, expected.parameters));
  });

  it("see nothing of another space", async () => {
    const other = server.executor;
    for (const file of FILES) {
      const result = await other.read("test", (tx) =>
        tx.run(source(file), { space: `${client.space}-nobody`, type: "user_id", value: "Smith", deviceId: "Q" }),
      );
      expect(result.records, file).toEqual([]);
    }
  });
});
