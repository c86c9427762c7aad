import { describe, expect, it } from "vitest";
import { seriesQueryFromParams, withIsoPairs } from "@/app/_lib/series-query";

const pairsOf = (...pair: string[]) =>
  seriesQueryFromParams(new URLSearchParams([...pair.map((p) => ["pair", p]), ["theme", "energy-security"]])).pairs;

describe("pair fields read country names as well as ISO codes", () => {
  it("resolves names, any case, with > or → and spaces", () => {
    expect(pairsOf("Armenia > Azerbaijan")).toEqual([{ speaker: "ARM", counterpart: "AZE" }]);
    expect(pairsOf("armenia→azerbaijan")).toEqual([{ speaker: "ARM", counterpart: "AZE" }]);
    expect(pairsOf("United States>AZE")).toEqual([{ speaker: "USA", counterpart: "AZE" }]);
    expect(pairsOf("Guinea-Bissau > Senegal")).toEqual([{ speaker: "GNB", counterpart: "SEN" }]);
  });

  it("keeps reading ISO codes as before", () => {
    expect(pairsOf("USA>AZE", "rus-geo")).toEqual([
      { speaker: "USA", counterpart: "AZE" },
      { speaker: "RUS", counterpart: "GEO" },
    ]);
  });

  it("says which side of which pair it does not know, without echoing the text", () => {
    expect(() => pairsOf("USA>AZE", "Narnia > Azerbaijan")).toThrow(/pair 2: the speaker is not a country Dyad knows/i);
    expect(() => pairsOf("Armenia")).toThrow(/pair 1: write a speaker and a counterpart/i);
    expect(() => pairsOf("<script>>AZE")).toThrow(
      expect.objectContaining({ code: "invalid", message: expect.not.stringContaining("<script>") }),
    );
  });

  it("rewrites a report builder's pairs to ISO codes, leaving other parameters alone", () => {
    const params = withIsoPairs(
      new URLSearchParams([
        ["pair", "Armenia > Azerbaijan"],
        ["pair", ""],
        ["theme", "energy-security"],
        ["pair", "USA>GEO"],
      ]),
    );
    expect(params.getAll("pair")).toEqual(["ARM>AZE", "", "USA>GEO"]);
    expect(params.get("theme")).toBe("energy-security");
  });
});
