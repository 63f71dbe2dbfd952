// Standard Webhooks: each delivery carries webhook-id, webhook-timestamp and webhook-signature
// (v1,base64(HMAC-SHA256(secret, id.timestamp.body))); the secret is whsec_ and base64.
import { createHmac, randomBytes } from "node:crypto";
import type { StoredChange } from "../feed/outbox.store.js";

const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** A secret an endpoint may be given: whsec_ followed by the base64 of at least 16 bytes. */
export const isWebhookSecret = (secret: string): boolean => SECRET.test(secret) && Buffer.from(secret.slice(6), "base64").length >= 16;

/** The Standard Webhooks signature of one delivery. */
export function signDelivery(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${messageId}.${timestamp}.${body}`).digest("base64")}`;
}

export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString("base64")}`;

/** The body of a delivery: the change as the GraphQL API gives it, with its space. */
export function deliveryBody(space: string, change: StoredChange): string {
  const { id: _id, ...fields } = change;
  return JSON.stringify({ type: "idgraph.change", timestamp: new Date().toISOString(), data: { space, ...fields } });
}
