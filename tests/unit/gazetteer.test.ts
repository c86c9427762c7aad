import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean } from "@/lib/engine/clean";
import { COUNTRIES } from "@/lib/engine/countries";
import { capitalOf, countryFromText, findCountryMentions, lookupCountry, rankCounterparts } from "@/lib/engine/gazetteer";
import { tokenize } from "@/lib/engine/tokens";
import { scanWords } from "@/lib/engine/words";
import { hasShared, readJsonl } from "../support/shared-data";

const seed = clean(readFileSync("tests/fixtures/seed-statement.txt", "utf8")).text;
const iso = (text: string) => findCountryMentions(text).map((m) => m.iso3);

describe("country table", () => {
  it("covers every ISO 3166-1 alpha-3 country, plus Kosovo, once each", () => {
    expect(COUNTRIES.length).toBe(250);
    expect(new Set(COUNTRIES.map((c) => c.iso3)).size).toBe(COUNTRIES.length);
    for (const c of COUNTRIES) expect(c.iso3).toMatch(/^[A-Z]{3}$/);
    expect(COUNTRIES.find((c) => c.iso3 === "XKX")?.name).toBe("Kosovo");
  });

  it("gives no name to two countries", () => {
    const owner = new Map<string, string>();
    for (const c of COUNTRIES) {
      for (const name of [c.name, ...c.aliases]) {
        expect(owner.get(name.toLowerCase()) ?? c.iso3, `${name} is claimed twice`).toBe(c.iso3);
        owner.set(name.toLowerCase(), c.iso3);
      }
    }
  });

  it("marks capitals and historical names", () => {
    const rus = COUNTRIES.find((c) => c.iso3 === "RUS")!;
    expect(rus.capitals).toEqual(["Moscow"]);
    expect(rus.historical).toEqual(expect.arrayContaining(["Soviet Union", "USSR"]));
    expect(rus.aliases).toEqual(expect.arrayContaining(["Russian Federation", "Russian", "Kremlin", "Soviet Union"]));
  });
});

describe("findCountryMentions", () => {
  it("knows names, demonyms, capitals and variants", () => {
    expect(iso("Baku, the Azerbaijani government, Azerbaijan's support")).toEqual(["AZE", "AZE", "AZE"]);
    expect(iso("the Baku-Tbilisi pipeline")).toEqual(["AZE", "GEO"]);
    expect(iso("the U.S., the US, the United States of America, America, American diplomats, Washington")).toEqual([
      "USA",
      "USA",
      "USA",
      "USA",
      "USA",
      "USA",
    ]);
    expect(iso("the Russian Federation, Russia, Moscow, Russian energy, the Kremlin, the Soviet Union, the USSR")).toEqual(
      Array(7).fill("RUS"),
    );
    expect(iso("Yerevan and Armenian; Kyiv, Kiev and Ukrainian; Paris and French; Kabul and Afghan; UK, Britain, British, London")).toEqual(
      ["ARM", "ARM", "UKR", "UKR", "UKR", "FRA", "FRA", "AFG", "AFG", "GBR", "GBR", "GBR", "GBR"],
    );
  });

  it("gives offsets and the surface form, dots of U.S. included", () => {
    const text = "Said the U.S. envoy in Baku.";
    expect(findCountryMentions(text)).toEqual([
      { iso3: "USA", start: 9, end: 13, surface: "U.S.", via: "name" },
      { iso3: "AZE", start: 23, end: 27, surface: "Baku", via: "capital" },
    ]);
  });

  it("prefers the longest name", () => {
    expect(iso("South Sudan and Sudan")).toEqual(["SSD", "SDN"]);
    expect(iso("Papua New Guinea, Equatorial Guinea, Guinea-Bissau and Guinea")).toEqual(["PNG", "GNQ", "GNB", "GIN"]);
    expect(iso("Dominica and the Dominican Republic; Niger and Nigeria")).toEqual(["DMA", "DOM", "NER", "NGA"]);
    expect(iso("the Democratic Republic of the Congo, the Republic of the Congo")).toEqual(["COD", "COG"]);
    expect(iso("North Korea, South Korea, the Democratic People's Republic of Korea and the Republic of Korea")).toEqual([
      "PRK",
      "KOR",
      "PRK",
      "KOR",
    ]);
  });

  it("reads proper nouns only: not the pronoun us, not a turkey dinner", () => {
    expect(iso("let us meet; the US will come")).toEqual(["USA"]);
    expect(iso("male and female delegates ate turkey in china cups")).toEqual([]);
    expect(iso("Turkey and Chad and Jordan")).toEqual(["TUR", "TCD", "JOR"]);
  });

  it("does not read treaties, processes and regions as their namesake country", () => {
    expect(iso("the OSCE Minsk Group co-chairs and the Helsinki principles")).toEqual([]);
    expect(iso("Latin America, the Paris Agreement, the Indian Ocean and the Persian Gulf")).toEqual([]);
  });

  it("does not join a name across a comma or a blank line", () => {
    expect(iso("in Guinea, Bissau")).toEqual(["GIN", "GNB"]);
    expect(iso("South\n\nSudan")).toEqual(["SDN"]);
  });

  it("folds diacritics and curly apostrophes", () => {
    expect(iso("Côte d'Ivoire, Cote d\u2019Ivoire, Türkiye, Turkiye, São Tomé and Príncipe")).toEqual(["CIV", "CIV", "TUR", "TUR", "STP"]);
  });

  it("gives the same mentions from the statement's tokens", () => {
    expect(findCountryMentions(seed, tokenize(seed))).toEqual(findCountryMentions(seed));
  });
});

describe("names inside other names, metonyms and names by date", () => {
  const at = (text: string, date: string) => findCountryMentions(text, undefined, { date }).map((m) => m.iso3);

  it("does not read capitals inside the names of treaties, meetings and processes", () => {
    expect(iso("the Minsk Group, the Minsk Conference, the Helsinki principles, the Helsinki Final Act")).toEqual([]);
    expect(iso("the Moscow Treaty, the Warsaw Treaty, the Madrid Peace Conference, the Colombo Plan, the Berlin Wall")).toEqual([]);
    expect(iso("talks in Moscow; the Baku-Tbilisi pipeline")).toEqual(["RUS", "AZE", "GEO"]);
  });

  it("does not read US states, rivers, lakes, seas and islands as countries", () => {
    expect(iso("born in Atlanta, Georgia and the state of Georgia")).toEqual([]);
    expect(iso("Georgia, USA")).toEqual(["USA"]);
    expect(iso("Georgia and Ukraine")).toEqual(["GEO", "UKR"]);
    expect(iso("the Jordan River, the River Jordan, the Jordan Valley, Lake Chad")).toEqual([]);
    expect(iso("West New Guinea, New Guinea, the Gulf of Guinea, the South China Sea")).toEqual([]);
    expect(iso("Indo-China and Indo-Chinese refugees")).toEqual([]);
    expect(iso("Guinea and Papua New Guinea")).toEqual(["GIN", "PNG"]);
  });

  it("does not read people named after countries", () => {
    expect(iso("Michael Jordan and Chad Smith met Mr. Jordan")).toEqual([]);
    expect(iso("the Chad Government, the Jordan Government, Jordan and Israel, Chad. Jordan")).toEqual([
      "TCD",
      "JOR",
      "JOR",
      "ISR",
      "TCD",
      "JOR",
    ]);
  });

  it("does not read languages as countries", () => {
    expect(iso("Mr. Dupont (spoke in French): Mr. Li (spoke in Chinese); interpretation from Russian; French-speaking Africa")).toEqual([]);
    expect(iso("the French Government and Russian troops")).toEqual(["FRA", "RUS"]);
  });

  it("reads metonyms and offices as their country, and says how each mention names it", () => {
    const text = "The Kremlin, the White House, Whitehall, the Quai d'Orsay, Foggy Bottom, Downing Street and the State Department";
    expect(iso(text)).toEqual(["RUS", "USA", "GBR", "FRA", "USA", "GBR", "USA"]);
    const via = (t: string) => findCountryMentions(t).map((m) => m.via);
    expect(via("Azerbaijan, Azerbaijani, Baku, the Kremlin, the State Department, the USSR")).toEqual([
      "name",
      "demonym",
      "capital",
      "metonym",
      "office",
      "historical",
    ]);
  });

  it("reads historical states as their successors", () => {
    expect(iso("the USSR, Yugoslavia, Czechoslovakia, Zaire, Burma, Ceylon, Rhodesia")).toEqual([
      "RUS",
      "SRB",
      "CZE",
      "COD",
      "MMR",
      "LKA",
      "ZWE",
    ]);
  });

  it("reads Korea, the Congo and Berlin as they were meant on the statement's date", () => {
    expect(at("the question of Korea", "1965-09-21")).toEqual([]);
    expect(at("the question of Korea", "1995-09-21")).toEqual(["KOR"]);
    expect(at("the Republic of Korea and North Korea", "1975-09-21")).toEqual(["KOR", "PRK"]);
    expect(at("the situation in the Congo", "1961-09-21")).toEqual(["COD"]);
    expect(at("the situation in the Congo", "1985-09-21")).toEqual(["COG"]);
    expect(at("the Congo (Brazzaville) and the Congo (Leopoldville)", "1962")).toEqual(["COG", "COD"]);
    expect(at("the Berlin question", "1961")).toEqual([]);
    expect(at("a visit to Berlin", "2001-01-01")).toEqual(["DEU"]);
    // Without a date, today's reading.
    expect(iso("Korea and the Congo")).toEqual(["KOR", "COG"]);
  });
});

describe("rankCounterparts", () => {
  it("ranks the seed statement's counterparts with Azerbaijan first, and leaves out the speaker", () => {
    const ranked = rankCounterparts(seed, "USA");
    expect(ranked.map((r) => r.iso3)).toEqual(["AZE", "RUS", "AFG", "GEO", "FRA"]);
    expect(ranked[0]).toMatchObject({ iso3: "AZE", mentions: 11 });
    // Nagorno-Karabakh is named, Armenia is not: the gazetteer does not guess ARM from a region.
    expect(ranked.map((r) => r.iso3)).not.toContain("ARM");
  });

  it("weighs a headline and early mentions over later ones", () => {
    const ranked = rankCounterparts("Talks with Iran\n\nLater, Iraq was mentioned. Iraq again.", null);
    expect(ranked[0]?.iso3).toBe("IRN");
  });
});

describe("countryFromText", () => {
  it("reads the speaker's country from a title or byline", () => {
    expect(countryFromText("U.S. Under Secretary of State William Burns")).toBe("USA");
    expect(countryFromText("Minister of Foreign Affairs of the Republic of Azerbaijan")).toBe("AZE");
    expect(countryFromText("President of the United States")).toBe("USA");
    expect(countryFromText("Russian Foreign Minister Igor Ivanov")).toBe("RUS");
  });

  it("does not take the country an envoy is sent to", () => {
    expect(countryFromText("Special Envoy to Ukraine")).toBeNull();
    expect(countryFromText("U.S. Ambassador to Russia")).toBe("USA");
  });
});

describe("lookupCountry and capitalOf", () => {
  it("finds a country by code or by any name, case-insensitively", () => {
    expect(lookupCountry("aze")?.name).toBe("Azerbaijan");
    expect(lookupCountry("united states")?.iso3).toBe("USA");
    expect(lookupCountry("U.S.")?.iso3).toBe("USA");
    expect(lookupCountry("Soviet Union")?.iso3).toBe("RUS");
    expect(lookupCountry("Atlantis")).toBeNull();
  });

  it("knows capitals", () => {
    expect(capitalOf("Baku")).toBe("AZE");
    expect(capitalOf("Tbilisi")).toBe("GEO");
    expect(capitalOf("Geneva")).toBeNull();
  });
});

describe.skipIf(!hasShared("unscon/unscon-dev.jsonl.gz"))(
  "on the UN Security Council corpus (skipped without ../shared/data/unscon)",
  () => {
    it("finds the human-labelled target countries of negative evaluation among the excerpts' mentions", () => {
      const docs = readJsonl<{
        text: string;
        speaker_country_iso3: string;
        summary: { neg_eval_target_countries: Record<string, number> };
      }>("unscon/unscon-dev.jsonl.gz");
      let found = 0;
      let labelled = 0;
      for (const doc of docs) {
        const mentioned = new Set(iso(doc.text));
        for (const target of Object.keys(doc.summary.neg_eval_target_countries)) {
          labelled++;
          if (mentioned.has(target)) found++;
        }
      }
      // Targets are sometimes named only by "they" or "the delegation": most, not all, are mentioned by name.
      expect(found / labelled).toBeGreaterThan(0.8);
    });
  },
);

describe("findCountryMentions on the scanner's words", () => {
  it("gives the same mentions from words.ts as from tokens or its own scan", () => {
    const text = `${seed}\nThe Kremlin and Atlanta, Georgia; Côte d'Ivoire and the U.S.`;
    expect(findCountryMentions(text, scanWords(text))).toEqual(findCountryMentions(text));
    expect(findCountryMentions(text, scanWords(text))).toEqual(findCountryMentions(text, tokenize(text)));
  });
});
