// idgraph import's checkpoints over GraphQL, for imports through a running server (`--url`): thin;
// the work is in ImportCheckpointStore.
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { requireRole } from "../auth/api-keys.js";
import { badInput } from "../errors.js";
import type { RequestContext } from "../graphql/context.js";
import type { ImportCheckpointStore } from "./import-checkpoint.store.js";

/** A file is named by the SHA-256 of its content, in hex. */
const DIGEST = /^[0-9a-f]{64}$/;

function checkFile(file: string): string {
  if (!DIGEST.test(file)) throw badInput("file must be the SHA-256 digest of the file's content, 64 lower-case hex digits");
  return file;
}

@Resolver()
export class ImportCheckpointResolver {
  constructor(private readonly imports: ImportCheckpointStore) {}

  @Query(() => Int, {
    description: "idgraph import: how many lines of a file (by the SHA-256 of its content) this space has taken in; 0 for a new file",
  })
  async importCheckpoint(@Arg("file", () => String) file: string, @Ctx() context: RequestContext): Promise<number> {
    requireRole(context.principal, "read");
    return this.imports.read(context.space, checkFile(file));
  }

  @Mutation(() => Int, {
    description: "idgraph import: a file's lines up to `lines` are taken in, so a rerun resumes after them; returns the checkpoint",
  })
  async recordImportCheckpoint(
    @Arg("file", () => String) file: string,
    @Arg("name", () => String, { description: "The file's name, for whoever reads the checkpoints" }) name: string,
    @Arg("lines", () => Int) lines: number,
    @Ctx() context: RequestContext,
  ): Promise<number> {
    // An ingest key's (read and write): a page's write key must not mark a file's lines as taken in.
    requireRole(context.principal, "read");
    requireRole(context.principal, "write");
    if (lines < 0) throw badInput("lines must not be negative");
    return this.imports.record(context.space, checkFile(file), name.slice(0, 1024), lines);
  }
}
