// A batch's neighbourhood as read-neighbourhood.cypher returns it: its identifiers, its devices
// (with the pieces of their timelines the batch needs) and its messageIds' receipts. The statement
// returns rows as lists, which cost less to send and decode than maps for the thousand or so rows of
// a batch; this module is the one place that knows their positions and names every field.
import type { ManagedTransaction } from "neo4j-driver";
import { fields, list, num, optStr, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { Observation } from "../rules/model.js";
import type { Position } from "../rules/timeline.js";
import type { PieceRow } from "../timeline/timeline-rows.js";
import type { StoredReceipt } from "./receipts.js";

const READ_NEIGHBOURHOOD = statement("identity/read-neighbourhood");

/** A profile id the neighbourhood names, with its profile (root), whether an admin waived that profile's limits, and whether it holds traits. */
export interface Member {
  id: string;
  root: string;
  waived: boolean;
  hasTraits: boolean;
}

export interface DeviceRow {
  id: string;
  current: string | null;
  /** The device's profile ids the rules may read (not all of them: see read-neighbourhood.cypher). */
  members: Member[];
  pieces: PieceRow[];
  /** Rule 10's counters: arrivals on the device, its earliest activity, its newest. */
  seq: number;
  earliestAt: string | null;
  earliestSeq: number;
  newest: string | null;
  /** The refusal it remembers (src/rules/refusals.ts), as JSON. */
  refusal: string | null;
}

export interface IdentifierRow {
  type: string;
  value: string;
  members: Member[];
}

export interface Neighbourhood {
  identifiers: IdentifierRow[];
  devices: DeviceRow[];
  /** The receipts of the batch's messageIds that have one, by messageId. */
  receipts: Map<string, StoredReceipt>;
}

const at = (row: unknown[], index: number, what: string): unknown => {
  if (index >= row.length) throw new Error(`unexpected row shape: ${what} has no field ${index}`);
  return row[index];
};
const optNum = (value: unknown, what: string): number | null => (value === null || value === undefined ? null : num(value, what));
function tuple(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`unexpected row shape: ${what} is not a list`);
  return value;
}

const members = (value: unknown, what: string): Member[] =>
  list(value, what, (entry, where) => {
    const row = tuple(entry, where);
    return {
      id: str(at(row, 0, where), `${where}.id`),
      root: str(at(row, 1, where), `${where}.root`),
      waived: at(row, 2, where) === true,
      hasTraits: at(row, 3, where) === true,
    };
  });

function piece(value: unknown, what: string): PieceRow {
  const row = tuple(value, what);
  return {
    from: str(at(row, 0, what), `${what}.from`),
    fromSeq: optNum(at(row, 1, what), `${what}.fromSeq`) ?? 0,
    until: optStr(at(row, 2, what), `${what}.until`),
    untilSeq: optNum(at(row, 3, what), `${what}.untilSeq`),
    profileId: str(at(row, 4, what), `${what}.profileId`),
    markBefore: optStr(at(row, 5, what), `${what}.markBefore`),
    markBeforeSeq: optNum(at(row, 6, what), `${what}.markBeforeSeq`),
    markAfter: optStr(at(row, 7, what), `${what}.markAfter`),
    markAfterSeq: optNum(at(row, 8, what), `${what}.markAfterSeq`),
  };
}

function device(value: unknown, what: string): DeviceRow {
  const row = tuple(value, what);
  return {
    id: str(at(row, 0, what), `${what}.id`),
    current: optStr(at(row, 1, what), `${what}.current`),
    members: dedupe(members(at(row, 2, what), `${what}.members`)),
    pieces: list(at(row, 3, what), `${what}.pieces`, piece),
    seq: optNum(at(row, 4, what), `${what}.seq`) ?? 0,
    earliestAt: optStr(at(row, 5, what), `${what}.earliestAt`),
    earliestSeq: optNum(at(row, 6, what), `${what}.earliestSeq`) ?? 0,
    newest: optStr(at(row, 7, what), `${what}.newest`),
    refusal: optStr(at(row, 8, what), `${what}.refusal`),
  };
}

function receipt(value: unknown, what: string): StoredReceipt {
  const row = tuple(value, what);
  const deviceId = optStr(at(row, 6, what), `${what}.deviceId`);
  const posAt = optStr(at(row, 7, what), `${what}.posAt`);
  const position: Position | null = posAt === null ? null : { at: new Date(posAt), seq: optNum(at(row, 8, what), `${what}.posSeq`) ?? 0 };
  return {
    messageId: str(at(row, 0, what), `${what}.messageId`),
    answer: optStr(at(row, 1, what), `${what}.answer`),
    profileId: optStr(at(row, 2, what), `${what}.profileId`),
    profile: optStr(at(row, 3, what), `${what}.profile`),
    warnings: optStr(at(row, 4, what), `${what}.warnings`),
    arrivedAt: optStr(at(row, 5, what), `${what}.arrivedAt`),
    place: deviceId !== null && position !== null ? { deviceId, position } : undefined,
    movedTo: optStr(at(row, 9, what), `${what}.movedTo`),
    movedProfile: optStr(at(row, 10, what), `${what}.movedProfile`),
  };
}

/** The same profile id found twice (as the current one and in a profile of the device's identifiers) is one member. */
const dedupe = (found: Member[]): Member[] => [...new Map(found.map((member) => [member.id, member])).values()];

export function decodeNeighbourhood(row: Record<string, unknown>): Neighbourhood {
  return {
    identifiers: list(row["identifiers"], "identifiers", (entry, what) => {
      const identifier = tuple(entry, what);
      return {
        type: str(at(identifier, 0, what), `${what}.type`),
        value: str(at(identifier, 1, what), `${what}.value`),
        members: members(at(identifier, 2, what), `${what}.members`),
      };
    }),
    devices: list(row["devices"], "devices", device),
    receipts: new Map(list(row["receipts"], "receipts", receipt).map((stored) => [stored.messageId, stored])),
  };
}

/** What a batch asks the neighbourhood for. */
export interface NeighbourhoodKeys {
  deviceIds: readonly string[];
  identifiers: ReadonlyArray<{ type: string; value: string }>;
  messageIds: readonly string[];
}

/**
 * The moments whose pieces of the timeline a batch needs, by device (the latest piece comes anyway),
 * and the identifiers each device's observations carry. Maps, so the statement finds a device's by key.
 */
export function neighbourhoodParameters(observations: readonly Observation[]) {
  const moments = new Map<string, Set<string>>();
  const identifiers = new Map<string, Map<string, { type: string; value: string }>>();
  for (const { deviceId, at: stamped, identifiers: sent } of observations) {
    if (deviceId === undefined) continue;
    const own = moments.get(deviceId) ?? new Set<string>();
    own.add(stamped.toISOString());
    moments.set(deviceId, own);
    const carried = identifiers.get(deviceId) ?? new Map();
    for (const identifier of sent)
      carried.set(`${identifier.type}\u0000${identifier.value}`, { type: identifier.type, value: identifier.value });
    identifiers.set(deviceId, carried);
  }
  return {
    moments: Object.fromEntries([...moments].map(([deviceId, own]) => [deviceId, [...own]])),
    deviceIdentifiers: Object.fromEntries([...identifiers].map(([deviceId, carried]) => [deviceId, [...carried.values()]])),
  };
}

export async function readNeighbourhood(
  tx: ManagedTransaction,
  space: string,
  keys: NeighbourhoodKeys,
  parameters: ReturnType<typeof neighbourhoodParameters>,
): Promise<Neighbourhood> {
  const record = (
    await tx.run(READ_NEIGHBOURHOOD, {
      space,
      deviceIds: keys.deviceIds,
      identifiers: keys.identifiers,
      messageIds: keys.messageIds,
      ...parameters,
    })
  ).records[0];
  if (!record) throw new Error("read-neighbourhood returned no row");
  return decodeNeighbourhood(fields(record));
}
