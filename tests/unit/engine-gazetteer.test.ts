import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean } from "@/lib/engine/clean";
import { COUNTRIES } from "@/lib/engine/countries";
import { countryFromText, findCountryMentions, rankCounterparts } from "@/lib/engine/gazetteer";

const seed = clean(readFileSync("tests/fixtures/seed-statement.txt", "utf8")).text;
const iso = (text: string) => findCountryMentions(text).map((m) => m.iso3);

describe("gazetteer", () => {
  it("covers every ISO 3166-1 country, plus Kosovo", () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(249);
    expect(new Set(COUNTRIES.map((c) => c.iso3)).size).toBe(COUNTRIES.length);
    expect(COUNTRIES.find((c) => c.iso3 === "XKX")?.name).toBe("Kosovo");
  });

  it("knows names, demonyms, capitals and variants", () => {
    expect(iso("Baku")).toEqual(["AZE"]);
    expect(iso("the Azerbaijani government")).toEqual(["AZE"]);
    expect(iso("Tbilisi")).toEqual(["GEO"]);
    expect(iso("the U.S. and the United States and American diplomats")).toEqual(["USA", "USA", "USA"]);
    expect(iso("the Russian Federation, then Moscow")).toEqual(["RUS", "RUS"]);
  });

  it("prefers the longest name and reads proper nouns only", () => {
    expect(iso("South Sudan and Sudan")).toEqual(["SSD", "SDN"]);
    expect(iso("the Democratic Republic of the Congo")).toEqual(["COD"]);
    expect(iso("let us meet; the US will come")).toEqual(["USA"]);
    expect(iso("male and female delegates")).toEqual([]);
  });

  it("does not read the OSCE Minsk Group or the Helsinki principles as Belarus or Finland", () => {
    expect(iso("the OSCE Minsk Group co-chairs and the Helsinki principles")).toEqual([]);
  });

  it("ranks the seed statement's counterparts with Azerbaijan first", () => {
    const ranked = rankCounterparts(seed, "USA").map((r) => r.iso3);
    expect(ranked[0]).toBe("AZE");
    expect(ranked).toEqual(expect.arrayContaining(["RUS", "FRA", "AFG", "GEO"]));
    expect(ranked).not.toContain("USA");
  });

  it("finds the speaker's country in a byline", () => {
    expect(countryFromText("U.S. Under Secretary of State William Burns")).toBe("USA");
  });
});
