// A Markdown table of figures: a header row, right-aligned columns, a row of cells each.

export function markdownTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "--:")), ...rows.map(line)].join("\n");
}
