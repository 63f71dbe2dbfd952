// Whose key is in use: the one operation every page sends first (api-key.ts).
import { graphql } from "./gql/index.js";

export const WHOAMI = graphql(`
  query Whoami { whoami { name role space } }
`);
