// From the outbox's view to the GraphQL types: spelled out, so the compiler checks every field.
import type { Change } from "./change.types.js";
import type { StoredChange } from "./outbox.store.js";

export const toChange = (change: StoredChange): Change => ({
  cursor: change.cursor,
  kind: change.kind,
  at: new Date(change.at),
  memberships: change.memberships.map(({ profileId, belongsTo }) => ({ profileId, belongsTo })),
  identifiers: change.identifiers.map(({ type, value }) => ({ type, value })),
  deviceIds: change.deviceIds,
  reattributions: change.reattributions.map((r) => ({
    deviceId: r.deviceId,
    from: new Date(r.from),
    until: r.until === null ? null : new Date(r.until),
    fromProfileId: r.fromProfileId,
    toProfileId: r.toProfileId,
  })),
  auditEntryId: change.auditEntryId,
  traits: change.traits ?? null,
});
