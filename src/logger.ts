// Structured logs (pino). Identifier values and device ids are personal data: never log them at
// info level or above; the redact paths catch them in structured fields by mistake.
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** Fields that hold personal data or secrets, at the top level of a log line or one level down. */
const SENSITIVE_FIELDS = [
  "value",
  "deviceId",
  "deviceIds",
  "identifiers",
  "identities",
  "userId",
  "email",
  "phone",
  "input",
  "inputs",
  "variables",
  "body",
];

/**
 * Every line carries level, time, pid, hostname and name: a logged field must not reuse one of
 * them (it would appear twice in the line), so name it for what it is (neo4jPid, not pid).
 * destination: where the lines go (stdout when absent); the tests capture them with a stream. */
export function createLogger(level: string = process.env["LOG_LEVEL"] ?? "info", destination?: DestinationStream): Logger {
  const options = {
    name: "idgraph",
    level,
    redact: {
      paths: [
        ...SENSITIVE_FIELDS,
        ...SENSITIVE_FIELDS.map((field) => `*.${field}`),
        "authorization",
        "headers.authorization",
        "*.headers.authorization",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** An error's kind and where it was thrown, without its message (a Neo4j message can quote stored values). */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .map((line) => line.trim());
  const code = (error as { code?: unknown }).code;
  return { errorType: error.name, ...(typeof code === "string" ? { errorCode: code } : {}), stack: frames };
}

/** A failure of background work: its kind and stack at warn level, the error itself (which may quote stored values) only at debug. */
export function logFailure(logger: Logger, error: unknown, message: string, fields: Record<string, unknown> = {}): void {
  logger.warn({ ...fields, ...errorSummary(error) }, message);
  logger.debug({ ...fields, err: error }, message);
}
