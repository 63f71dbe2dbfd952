// How a benchmark names its run and prints its progress: `[bench 12:34:56] …`.
import { randomBytes } from "node:crypto";

/** A run's id: its start to the minute (UTC) and four hex digits. */
export const newRunId = (): string => `${new Date().toISOString().replace(/[-:T]/g, "").slice(0, 12)}${randomBytes(2).toString("hex")}`;

/** A progress line printer whose lines start with the tag and the time of day (UTC). */
export const benchLog =
  (tag: string) =>
  (line: string): void =>
    console.log(`[${tag} ${new Date().toISOString().slice(11, 19)}] ${line}`);
