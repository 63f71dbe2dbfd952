// From the webhook store's views to the GraphQL types: spelled out, so the compiler checks every field.
import type { DeadLetterView, WebhookEndpointView } from "./webhook.store.js";
import type { WebhookDeadLetter, WebhookEndpoint } from "./webhook.types.js";

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
