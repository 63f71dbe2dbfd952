// Typed decoding of the rows Neo4j returns: each row shape has one decoder (beside the statement
// that returns it), built from these checks, so a statement that changes shape fails loudly at the
// first read instead of flowing on as a wrongly typed value.
import type { Record as Neo4jRecord } from "neo4j-driver";

export class RowShapeError extends Error {
  override readonly name = "RowShapeError";
}

const fail = (what: string, value: unknown): never => {
  throw new RowShapeError(`unexpected row shape: ${what} is ${value === null ? "null" : typeof value}`);
};

export const str = (value: unknown, what: string): string => (typeof value === "string" ? value : fail(what, value));
export const optStr = (value: unknown, what: string): string | null => (value === null || value === undefined ? null : str(value, what));
export const num = (value: unknown, what: string): number => (typeof value === "number" ? value : fail(what, value));
export const optNum = (value: unknown, what: string): number | null => (value === null || value === undefined ? null : num(value, what));
export const bool = (value: unknown, what: string): boolean => (typeof value === "boolean" ? value : fail(what, value));
export const list = <T>(value: unknown, what: string, item: (entry: unknown, what: string) => T): T[] =>
  Array.isArray(value) ? value.map((entry, index) => item(entry, `${what}[${index}]`)) : fail(what, value);
export const strList = (value: unknown, what: string): string[] => (value === null || value === undefined ? [] : list(value, what, str));
export const obj = (value: unknown, what: string): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : fail(what, value);
/** A stored ISO-8601 timestamp as a Date. */
export const date = (value: unknown, what: string): Date => new Date(str(value, what));
export const optDate = (value: unknown, what: string): Date | null => (value === null || value === undefined ? null : date(value, what));

/** A record's fields as a plain object, for the decoders. */
export const fields = (record: Neo4jRecord): Record<string, unknown> => record.toObject() as Record<string, unknown>;
