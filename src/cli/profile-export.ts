// `idgraph export`: every profile id of a space with the profile it belongs to, in id order, read
// a page at a time, for mapping stored assignedProfileIds in a warehouse.
import { int } from "neo4j-driver";
import type { Executor } from "../neo4j/executor.js";

const PAGE = `
MATCH (p:ProfileId {space: $space}) WHERE p.id > $after
RETURN p.id AS profileId, p.profile AS profile
ORDER BY p.id LIMIT $limit`;

export async function* profileIdMapping(
  executor: Executor,
  space: string,
  pageSize = 10_000,
): AsyncGenerator<{ profileId: string; profile: string }> {
  let after = "";
  for (;;) {
    const rows = await executor.read(async (tx) =>
      (await tx.run(PAGE, { space, after, limit: int(pageSize) })).records.map((record) => ({
        profileId: record.get("profileId") as string,
        profile: record.get("profile") as string,
      })),
    );
    yield* rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) return;
    after = last.profileId;
  }
}
