// Audit entries as the explorer receives them from the API, for its unit tests: time-ordered ids
// and times, every field but the action defaulted.
import type { AuditEntry } from "../../web/explorer/model.js";

let n = 0;
export const entry = (action: AuditEntry["action"], fields: Partial<AuditEntry>): AuditEntry => ({
  id: `entry-${++n}`,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  action,
  actor: "system",
  reason: null,
  profileIds: [],
  identifiers: [],
  deviceIds: [],
  messageId: null,
  forced: null,
  undoes: null,
  ...fields,
});
