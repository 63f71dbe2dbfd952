// Reading device timelines (rule 10): which profile id a device's activity at a moment belongs to.
import type { Executor } from "../neo4j/executor.js";
import { fields, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";

const ATTRIBUTION = statement("timeline/attribution");

export interface AttributionView {
  assignedProfileId: string;
  profileId: string;
}

export class TimelineReader {
  constructor(private readonly executor: Executor) {}

  /** The profile id a device's activity at `at` belongs to now, and its profile; null for an unknown device. */
  async attribution(space: string, deviceId: string, at: Date): Promise<AttributionView | null> {
    return this.executor.read("attribution", async (tx) => {
      const record = (await tx.run(ATTRIBUTION, { space, deviceId, at: at.toISOString() })).records[0];
      if (!record) return null;
      const row = fields(record);
      return { assignedProfileId: str(row["assignedProfileId"], "assignedProfileId"), profileId: str(row["profileId"], "profileId") };
    });
  }
}
