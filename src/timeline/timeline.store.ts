// Device timelines through admin operations (rule 10). Demerge, reset and unmerge keep every
// profile id, so every stretch stays attributed to one that exists; a GDPR delete removes profile
// ids, and with them their stretches: a deleted device keeps none, and on a shared device the
// stretches that stay close the gaps (each runs on to the next one that stays), so the timeline
// stays whole and holds no trace of the deleted person but the moments where others' stretches begin.
import type { ManagedTransaction } from "neo4j-driver";
import { fields, num, optNum, optStr, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import type { StretchRow } from "./compaction.js";

const STRETCHES_OF_DEVICES = statement("timeline/stretches-of-devices");
const REWRITE_STRETCHES = statement("timeline/rewrite-stretches");

/** The stored stretches of these devices, each device's in order (stretches-of-devices.cypher). */
export async function stretchesOfDevices(
  tx: ManagedTransaction,
  space: string,
  deviceIds: readonly string[],
): Promise<Map<string, StretchRow[]>> {
  const result = await tx.run(STRETCHES_OF_DEVICES, { space, deviceIds });
  const byDevice = new Map<string, StretchRow[]>();
  for (const record of result.records) {
    const row = fields(record);
    const stretch: StretchRow = {
      deviceId: str(row["deviceId"], "deviceId"),
      from: str(row["from"], "from"),
      fromSeq: num(row["fromSeq"], "fromSeq"),
      until: optStr(row["until"], "until"),
      untilSeq: optNum(row["untilSeq"], "untilSeq"),
      profileId: str(row["profileId"], "profileId"),
    };
    byDevice.set(stretch.deviceId, [...(byDevice.get(stretch.deviceId) ?? []), stretch]);
  }
  return byDevice;
}

/**
 * Drops the stretches of deleted profile ids on these devices and closes the gaps. Returns, per
 * surviving device with a timeline, the profile id of its latest stretch: its current one now.
 */
export async function dropDeletedStretches(
  tx: ManagedTransaction,
  space: string,
  deviceIds: readonly string[],
  deletedProfileIds: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const byDevice = await stretchesOfDevices(tx, space, deviceIds);
  const drops: Array<Record<string, unknown>> = [];
  const keeps: Array<Record<string, unknown>> = [];
  const latest = new Map<string, string>();
  for (const [deviceId, stretches] of byDevice) {
    const kept = stretches.filter((stretch) => !deletedProfileIds.has(stretch.profileId));
    for (const stretch of stretches) if (deletedProfileIds.has(stretch.profileId)) drops.push({ ...stretch });
    if (kept.length === 0) continue;
    kept.forEach((stretch, index) => {
      const next = kept[index + 1];
      keeps.push({
        deviceId,
        from: stretch.from,
        fromSeq: stretch.fromSeq,
        newFrom: index === 0 ? "" : stretch.from,
        newFromSeq: index === 0 ? 0 : stretch.fromSeq,
        until: next?.from ?? null,
        untilSeq: next?.fromSeq ?? null,
      });
    });
    latest.set(deviceId, (kept.at(-1) as StretchRow).profileId);
  }
  if (drops.length + keeps.length > 0) await tx.run(REWRITE_STRETCHES, { space, drops, keeps });
  return latest;
}
