// `idgraph export`: every profile id of a space with the profile it belongs to, in id order, read
// a page at a time, for mapping stored assignedProfileIds in a warehouse.
import { int } from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";
import { str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";

const PAGE = statement("cli/profile-id-page");

export async function* profileIdMapping(
  executor: Executor,
  space: string,
  pageSize = 10_000,
): AsyncGenerator<{ profileId: string; profile: string }> {
  let after = "";
  for (;;) {
    const rows = await executor.read({ operation: "export", space }, async (tx) =>
      (await tx.run(PAGE, { space, after, limit: int(pageSize) })).records.map((record) => ({
        profileId: str(record.get("profileId"), "profileId"),
        profile: str(record.get("profile"), "profile"),
      })),
    );
    yield* rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) return;
    after = last.profileId;
  }
}
