// The identity counts of the metrics and of the import summary come from the answers alone; a
// repeated messageId counts as a duplicate, not as what its first answer did again.
import { expect, it } from "vitest";
import { tallyResolutions } from "../../src/metrics/tally.js";
import type { Resolution } from "../../src/rules/model.js";

const answer = (overrides: Partial<Resolution>): Resolution => ({
  profileId: "P1",
  assignedProfileId: "P1",
  created: false,
  mergedProfileIds: [],
  reattributed: [],
  warnings: [],
  ...overrides,
});

it("counts new profiles, merges, conflicts, ghosts, blocked values, reattributions and duplicates from the answers", () => {
  const tally = tallyResolutions([
    answer({ created: true }),
    answer({ mergedProfileIds: ["P2", "P3"] }),
    answer({
      warnings: [
        { code: "IDENTIFIER_CONFLICT", message: "" },
        { code: "BLOCKED_IDENTIFIER", message: "" },
      ],
    }),
    answer({ created: true, warnings: [{ code: "DEVICE_LIMIT_REACHED", message: "" }] }),
    answer({
      reattributed: [
        {
          deviceId: "E",
          from: new Date("2026-11-01T10:15:00Z"),
          until: new Date("2026-11-01T10:30:00Z"),
          fromProfileId: "P1",
          toProfileId: "P4",
        },
      ],
    }),
    answer({ created: true, mergedProfileIds: ["P9"], warnings: [{ code: "DUPLICATE_MESSAGE", message: "" }] }),
  ]);
  expect(tally).toEqual({
    observations: 6,
    duplicates: 1,
    newProfiles: 2,
    merges: 2,
    conflicts: 1,
    ghostProfiles: 1,
    blockedValues: 1,
    reattributions: 1,
  });
});
