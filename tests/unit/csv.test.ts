import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv } from "@/lib/export/csv";

describe("CSV cells", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const hostile of ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]) {
      expect(neutraliseCell(hostile).startsWith("'")).toBe(true);
    }
  });

  it("keeps real numbers, negative ones included, as numbers", () => {
    expect(neutraliseCell(-0.25)).toBe("-0.25");
    expect(neutraliseCell("-12")).toBe("-12");
    expect(neutraliseCell(3)).toBe("3");
    expect(neutraliseCell(null)).toBe("");
  });

  it("round-trips quotes, commas and new lines through a CSV parser", () => {
    const text = 'He said "no", then\nleft, quickly';
    const csv = toCsv(["id", "text"], [[1, text]]);
    expect(parse(csv)).toEqual([
      ["id", "text"],
      ["1", text],
    ]);
  });
});
