// The worked tables of the vendor documents, as data (test/fixtures/seed-tables.json): each row
// a device, a user id (null when anonymous) and the CleverTap ID the document shows. The fixture is a
// copy of the shared fixture the rules page names, kept in the repository so tests run from a clone.
import { readFileSync } from "node:fs";

export interface SeedRow {
  device: string;
  userId: string | null;
  cleverTapId: number;
}

export interface SeedTable {
  name: string;
  source: string;
  rows: SeedRow[];
  after?: string;
}

export const seedTables: SeedTable[] = (
  JSON.parse(readFileSync(new URL("../fixtures/seed-tables.json", import.meta.url), "utf8")) as { tables: SeedTable[] }
).tables;
