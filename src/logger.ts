// Structured logs (pino). Identifier values and device ids are personal data: never log them at
// info level or above; the redact paths catch them in structured fields by mistake.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string = process.env["LOG_LEVEL"] ?? "info"): Logger {
  return pino({
    name: "idgraph",
    level,
    redact: {
      paths: ["*.value", "*.deviceId", "*.identifiers", "*.userId", "*.email", "*.phone", "req.headers.authorization"],
      censor: "[redacted]",
    },
  });
}
