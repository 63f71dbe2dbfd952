// GraphQL Code Generator: the types of every operation the pages, the integration tests' helpers and
// the benchmark send, generated from the checked-in schema (schema/schema.graphql) and the
// documents written as graphql(`…`) calls beside the code that sends them. Each consumer gets its
// own generated folder (gql/), checked in. `npm run codegen` regenerates them; `npm run lint` runs
// `graphql-codegen --check`, which fails when an operation no longer matches the schema or a
// generated file is stale.
import type { CodegenConfig } from "@graphql-codegen/cli";

type Output = NonNullable<CodegenConfig["generates"]>[string];

/** The client preset, with typed documents as plain strings (no GraphQL runtime in a page). */
const typedDocuments = (documents: string[]): Output => ({
  preset: "client",
  documents,
  presetConfig: { fragmentMasking: false },
  config: {
    documentMode: "string",
    // Only what the operations use: their results, the enums and inputs; no copy of every type.
    onlyOperationTypes: true,
    enumsAsTypes: true,
    skipTypename: true,
    useTypeImports: true,
    emitLegacyCommonJSImports: false,
    scalars: { DateTime: "string" },
    // An answer always carries the fields asked for (null when empty); inputs may leave theirs out.
    avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
  },
});

const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  generates: {
    "web/shared/gql/": typedDocuments(["web/{explorer,console,shared}/**/*.{ts,tsx}", "!web/shared/gql/**"]),
    "test/integration/gql/": typedDocuments(["test/integration/**/*.ts", "!test/integration/gql/**"]),
    "bench/gql/": typedDocuments(["bench/**/*.ts", "!bench/gql/**"]),
  },
};

export default config;
