/** A plain-text table for the console: first column left-aligned, the rest right-aligned, a rule under the header. */
export function textTable(header: string[], rows: (string | number)[][], gap = "  "): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(gap);
  return [line(header), widths.map((w) => "-".repeat(w)).join(gap), ...cells.slice(1).map(line)].join("\n");
}
