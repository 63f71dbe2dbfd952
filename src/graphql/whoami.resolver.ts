// "Who am I?": the calling key's name, role and space, so a client (the explorer) can show only
// what the key may do. Any key that may read may ask; in open mode the answer is the open-mode
// principal. A write key may not (it is a query, and a write key runs none: src/graphql/write-only.ts):
// a page's key, copied, learns nothing of its space or its name from it. It answers from the request
// context alone, so it lives with the context, at the edge.
import { Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import type { RequestContext } from "./context.js";

@ObjectType({ description: "The API key a request was made with" })
export class Caller {
  @Field(() => String, { description: "The key's name: the actor recorded in the audit log" })
  name!: string;

  @Field(() => String, { description: "read, write, ingest or admin" })
  role!: string;

  @Field(() => String, { description: "The identity space the key reads and writes" })
  space!: string;
}

@Resolver()
export class WhoamiResolver {
  @Query(() => Caller, { description: "The calling API key's name, role and space" })
  whoami(@Ctx() context: RequestContext): Caller {
    const { name, role, space } = context.principal;
    return { name, role, space };
  }
}
