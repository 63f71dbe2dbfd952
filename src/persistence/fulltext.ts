// Exact lookups through the full-text indexes of migration 0005, whose keyword analyzer keeps each
// stored value one case-sensitive term: a value becomes a quoted Lucene term of one field, with
// Lucene's quote and backslash escaped, so no value is read as query syntax.
const quoted = (value: string): string => `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;

/** One exact term per value, in each of the fields. */
export const exactTerms = (fields: readonly string[], values: readonly string[]): string[] =>
  fields.flatMap((field) => values.map((value) => `${field}:${quoted(value)}`));
