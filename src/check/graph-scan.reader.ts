// What the invariant checker reads of a space (cypher/check/): every profile id, identifier,
// device and stretch, the links that leave the space, and the receipts without an answer. Whole
// spaces, so only for `idgraph check` and the tests, never for a request.
import type { Executor } from "../neo4j/executor.js";
import { bool, fields, list, num, obj, optNum, optStr, str, strList } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { StretchRow } from "../timeline/compaction.js";

const READ_SPACES = statement("check/spaces");

const READ_PROFILE_IDS = statement("check/profile-ids");

const READ_IDENTIFIERS = statement("check/identifiers");

const READ_DEVICES = statement("check/devices");

const READ_CROSS_SPACE = statement("check/cross-space-links");

const READ_STRETCHES = statement("check/stretches");

const READ_UNANSWERED = statement("check/unanswered-messages");

const READ_TRAITS = statement("check/traits");

export interface GraphScan {
  profileIds: Array<{ id: string; profile: string | null; merges: Array<{ to: string; forced: boolean }> }>;
  identifiers: Array<{ type: string; value: string; profileIds: string[] }>;
  devices: Array<{ id: string; profileIds: string[]; currents: string[] }>;
  crossSpace: Array<{ type: string; fromLabel: string; toLabel: string; n: number }>;
  unanswered: number;
  /** Rule 10's device timelines, each device's stretches in order (absent: a graph from before timelines). */
  stretches?: StretchScan[];
  /** Rule 11's traits: whose they are, and whether that profile id exists and says it holds traits (absent: a hand-made graph). */
  traits?: Array<{ profileId: string; name: string; found: boolean; flagged: boolean }>;
}

/** One stored stretch: the first of a device starts at "", the latest has no `until`. */
export interface StretchScan extends StretchRow {
  attributedTo: string[];
}

const decodeProfileId = (row: Record<string, unknown>): GraphScan["profileIds"][number] => ({
  id: str(row["id"], "id"),
  profile: optStr(row["profile"], "profile"),
  merges: list(row["merges"], "merges", (value, what) => {
    const merge = obj(value, what);
    return { to: str(merge["to"], `${what}.to`), forced: bool(merge["forced"], `${what}.forced`) };
  }),
});

const decodeIdentifier = (row: Record<string, unknown>): GraphScan["identifiers"][number] => ({
  type: str(row["type"], "type"),
  value: str(row["value"], "value"),
  profileIds: strList(row["profileIds"], "profileIds"),
});

const decodeDevice = (row: Record<string, unknown>): GraphScan["devices"][number] => ({
  id: str(row["id"], "id"),
  profileIds: strList(row["profileIds"], "profileIds"),
  currents: strList(row["currents"], "currents"),
});

const decodeCrossSpace = (row: Record<string, unknown>): GraphScan["crossSpace"][number] => ({
  type: str(row["type"], "type"),
  fromLabel: str(row["fromLabel"], "fromLabel"),
  toLabel: str(row["toLabel"], "toLabel"),
  n: num(row["n"], "n"),
});

const decodeStretch = (row: Record<string, unknown>): StretchScan => ({
  deviceId: str(row["deviceId"], "deviceId"),
  from: str(row["from"], "from"),
  fromSeq: num(row["fromSeq"], "fromSeq"),
  until: optStr(row["until"], "until"),
  untilSeq: optNum(row["untilSeq"], "untilSeq"),
  profileId: str(row["profileId"], "profileId"),
  attributedTo: strList(row["attributedTo"], "attributedTo"),
});

const decodeTrait = (row: Record<string, unknown>): NonNullable<GraphScan["traits"]>[number] => ({
  profileId: str(row["profileId"], "profileId"),
  name: str(row["name"], "name"),
  found: bool(row["found"], "found"),
  flagged: bool(row["flagged"], "flagged"),
});

/** Every space that holds nodes. */
export async function listSpaces(executor: Executor): Promise<string[]> {
  return executor.read("checkInvariants", async (tx) =>
    (await tx.run(READ_SPACES)).records.map((record) => str(record.get("space"), "space")),
  );
}

/** Everything the checks look at in one space, read in one transaction. */
export async function scanSpace(executor: Executor, space: string): Promise<GraphScan> {
  return executor.read("checkInvariants", async (tx) => {
    const [profileIds, identifiers, devices, crossSpace, unanswered, stretches, traits] = [
      await tx.run(READ_PROFILE_IDS, { space }),
      await tx.run(READ_IDENTIFIERS, { space }),
      await tx.run(READ_DEVICES, { space }),
      await tx.run(READ_CROSS_SPACE, { space }),
      await tx.run(READ_UNANSWERED, { space }),
      await tx.run(READ_STRETCHES, { space }),
      await tx.run(READ_TRAITS, { space }),
    ];
    return {
      profileIds: profileIds.records.map((record) => decodeProfileId(fields(record))),
      identifiers: identifiers.records.map((record) => decodeIdentifier(fields(record))),
      devices: devices.records.map((record) => decodeDevice(fields(record))),
      crossSpace: crossSpace.records.map((record) => decodeCrossSpace(fields(record))),
      unanswered: num(unanswered.records[0]?.get("n"), "n"),
      stretches: stretches.records.map((record) => decodeStretch(fields(record))),
      traits: traits.records.map((record) => decodeTrait(fields(record))),
    };
  });
}
