// From the outbox's and the webhooks' views to the GraphQL types: spelled out, so the compiler checks every field.
import type { Change, WebhookDeadLetter, WebhookEndpoint } from "./change.types.js";
import type { StoredChange } from "./outbox.js";
import type { DeadLetterView, WebhookEndpointView } from "../webhooks/delivery-worker.js";

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
});

export const toWebhookEndpoint = (view: WebhookEndpointView & { secret?: string }): WebhookEndpoint => ({
  id: view.id,
  url: view.url,
  secret: view.secret ?? null,
  position: view.position,
  attempts: view.attempts,
  lastError: view.lastError,
  maxAttempts: view.maxAttempts,
  deadLetters: view.deadLetters,
  createdAt: new Date(view.createdAt),
});

export const toDeadLetter = (letter: DeadLetterView): WebhookDeadLetter => ({
  cursor: letter.cursor,
  attempts: letter.attempts,
  lastError: letter.lastError,
  at: new Date(letter.at),
  replaying: letter.replaying,
});
