import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean } from "@/lib/engine/clean";
import { contentHash } from "@/lib/engine/hash";
import { detectLanguage, suggestMetadata } from "@/lib/engine/metadata";
import { hasShared, readJsonl } from "../support/shared-data";

const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`, "utf8");
const seed = clean(fixture("seed-statement.txt")).text;
const US_RU = "us-ru-statements/us-ru-statements-dev.jsonl.gz";

describe("metadata suggestions for the seed statement", () => {
  const suggested = suggestMetadata(seed);

  it("takes the headline as title", () => {
    expect(suggested.title).toMatchObject({ value: "U.S. - Azerbaijani Relations", source: "title" });
  });

  it("reads speaker name, title and country from the byline, each with its evidence", () => {
    const evidence = "U.S. Under Secretary of State William Burns";
    expect(suggested.speakerName).toMatchObject({ value: "William Burns", source: "byline", evidence });
    expect(suggested.speakerTitle).toMatchObject({ value: "Under Secretary of State", source: "byline" });
    expect(suggested.speakerCountry).toMatchObject({ value: "USA", source: "byline" });
  });

  it('flags "February 19" as a date without a year instead of guessing one', () => {
    expect(suggested.date).toMatchObject({ value: { date: null, precision: null, partial: "--02-19" }, evidence: "February 19" });
    expect(suggested.date?.flag).toMatch(/^year missing/);
  });

  it("completes the date when the source gives the year, and says so", () => {
    expect(suggestMetadata(seed, { year: 2008 }).date).toMatchObject({
      value: { date: "2008-02-19", precision: "day" },
      evidence: "February 19 + year 2008",
    });
  });

  it("finds the venue, the kind and the language", () => {
    expect(suggested.venue).toMatchObject({ value: "Baku", evidence: "in Baku" });
    expect(suggested.kind).toMatchObject({ value: "press release", evidence: "said U.S. Under Secretary" });
    expect(suggested.language.value).toBe("en");
  });

  it("ranks counterparts with Azerbaijan primary, the speaker's own country left out", () => {
    expect(suggested.counterparts.map((c) => c.iso3)).toEqual(["AZE", "RUS", "AFG", "GEO", "FRA"]);
    expect(suggested.primaryCounterpart).toMatchObject({ value: "AZE", source: "text" });
    expect(suggested.primaryCounterpart!.confidence).toBeGreaterThan(0.7);
  });
});

describe("metadata from the source beats metadata read from the text", () => {
  it("trusts given title, date, speaker and country", () => {
    const s = suggestMetadata(seed, {
      title: "Burns in Baku",
      date: "2008-02-19",
      speakerName: "R. Nicholas Burns",
      speakerCountry: "United States",
    });
    expect(s.title).toMatchObject({ value: "Burns in Baku", source: "metadata" });
    expect(s.date).toMatchObject({ value: { date: "2008-02-19", precision: "day" }, source: "metadata" });
    expect(s.speakerName).toMatchObject({ value: "R. Nicholas Burns", source: "metadata" });
    expect(s.speakerCountry).toMatchObject({ value: "USA", source: "metadata" });
  });

  it("takes a year alone as year precision", () => {
    expect(suggestMetadata("We met.", { year: 1961 }).date).toMatchObject({
      value: { date: "1961-01-01", precision: "year" },
      source: "metadata",
    });
  });

  it("finds a kremlin.ru publication date in the furniture cleaning removed", () => {
    const { text, removed } = clean(fixture("kremlin-interview.txt"));
    const s = suggestMetadata(text, { removed });
    expect(s.date).toMatchObject({ value: { date: "2000-01-15", precision: "day" }, source: "page" });
    expect(s.language.value).toBe("ru");
    expect(s.title).toBeNull(); // a transcript opens with a speaker's label, not a headline
  });

  it("reads the kind from a title", () => {
    const kind = (title: string) => suggestMetadata("Text.", { title }).kind.value;
    expect(kind("Readout of the President's Call with President Zelenskyy of Ukraine")).toBe("readout");
    expect(kind("Press Briefing by Joe Lockhart")).toBe("interview");
    expect(kind("Интервью телеканалу ОРТ")).toBe("interview");
    expect(kind("Joint Statement by President Biden and King Abdullah II of Jordan")).toBe("statement");
    expect(kind("Remarks to Community and Religious Leaders in Moscow")).toBe("speech");
    expect(kind("Testimony before the Senate Foreign Relations Committee")).toBe("testimony");
  });
});

describe("dates in the text", () => {
  const date = (text: string) => suggestMetadata(`Statement\n\n${text}`).date?.value;

  it("reads full dates with their precision", () => {
    expect(date("Washington, March 3, 2022. We stand with Ukraine.")).toEqual({ date: "2022-03-03", precision: "day" });
    expect(date("Today, on 8 May 2022, we met.")).toEqual({ date: "2022-05-08", precision: "day" });
    expect(date("In March 2022 we met.")).toEqual({ date: "2022-03-01", precision: "month" });
    expect(date("Дата: 15 января 2000 года.")).toEqual({ date: "2000-01-15", precision: "day" });
  });

  it("rejects impossible dates and finds none where none is written", () => {
    expect(date("On February 30, 2022 nothing happened.")?.date ?? null).toBeNull();
    expect(suggestMetadata("Statement\n\nWe met.").date).toBeNull();
  });
});

describe("venue", () => {
  it("reads a dateline and ignores countries", () => {
    expect(suggestMetadata("Remarks\n\nNATO Headquarters\n\nBrussels, Belgium\n\nGood morning.").venue?.value).toBe("Brussels");
    expect(suggestMetadata("Remarks\n\nWe spoke in Afghanistan about Geneva.").venue).toBeNull();
    expect(suggestMetadata("Remarks\n\nWe met in Geneva.").venue?.value).toBe("Geneva");
  });
});

describe("language", () => {
  it("tells languages apart by script and function words", () => {
    expect(detectLanguage(seed).value).toBe("en");
    expect(detectLanguage("Россия и Азербайджан — стратегические партнёры, и это не случайно.").value).toBe("ru");
    expect(detectLanguage("Україна і Європа разом, це наш вибір.").value).toBe("uk");
    expect(detectLanguage("La France et l'Azerbaïdjan sont des partenaires pour la paix dans le Caucase.").value).toBe("fr");
    expect(detectLanguage("Azərbaycan və Ermənistan arasında sülh üçün danışıqlar davam edir.").value).toBe("az");
    expect(detectLanguage("Հայաստանի Հանրապետություն").value).toBe("hy");
    expect(detectLanguage("საქართველო").value).toBe("ka");
    expect(detectLanguage("1234 5678").value).toBe("und");
  });

  describe.skipIf(!hasShared(US_RU))(`on the US/Russian statements (skipped without ../shared/data/${US_RU})`, () => {
    it("recognises every Russian document as Russian and every English one as English", () => {
      const docs = readJsonl<{ language: string; text: string }>(US_RU);
      const russian = docs.filter((d) => d.language === "ru");
      expect(russian.length).toBe(25);
      for (const doc of russian) expect(detectLanguage(clean(doc.text).text).value).toBe("ru");
      for (const doc of docs.filter((d) => d.language === "en")) expect(detectLanguage(clean(doc.text).text).value).toBe("en");
    });

    it("keeps the Russian texts intact through cleaning: every sentence of the body survives", () => {
      const doc = readJsonl<{ language: string; text: string }>(US_RU).find((d) => d.language === "ru")!;
      const cleaned = clean(doc.text).text;
      const body = doc.text.split("\n").filter((l) => l.length > 200);
      const normalised = (line: string) =>
        line
          .replace(/[«»“”„]/g, '"')
          .replace(/[‘’]/g, "'")
          .replace(/…/g, "...")
          .replace(/[\s\u00A0]+/g, " ")
          .trim();
      expect(body.length).toBeGreaterThan(5);
      for (const line of body) expect(cleaned).toContain(normalised(line));
    });
  });
});

describe("content hash", () => {
  it("ignores spacing, case and Unicode form, and nothing else", () => {
    expect(contentHash("We  welcome\nthe Agreement")).toBe(contentHash("we welcome the agreement"));
    expect(contentHash("ｗｅ welcome")).toBe(contentHash("we welcome"));
    expect(contentHash("We welcome the agreement")).not.toBe(contentHash("We reject the agreement"));
    expect(contentHash("x")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("a pasted release with no byline (issue #15)", () => {
  const release = [
    "Secretary of State meets Azerbaijani Foreign Minister. Washington, March 3, 2025",
    "The Secretary of State met with Azerbaijani Foreign Minister Jeyhun Bayramov today and reaffirmed U.S. support for a durable peace between Armenia and Azerbaijan. " +
      "The Secretary welcomed the progress made by Armenia and Azerbaijan toward a peace agreement.",
  ].join("\n\n");
  const s = suggestMetadata(release);

  it("takes the headline, not the whole first paragraph, as the title", () => {
    expect(s.title).toMatchObject({ value: "Secretary of State meets Azerbaijani Foreign Minister", source: "title" });
  });

  it("reads the dateline as the date and the venue, each with where it came from", () => {
    expect(s.date).toMatchObject({ value: { date: "2025-03-03", precision: "day" }, evidence: "March 3, 2025" });
    expect(s.venue).toMatchObject({ value: "Washington", source: "dateline", evidence: "Washington, March 3, 2025" });
  });

  it("offers USA as the speaker's country from the office, the self-reference and the dateline", () => {
    expect(s.speakerCountry).toMatchObject({ value: "USA", source: "office", evidence: "Secretary of State" });
    expect(s.speakerCountries.map((c) => [c.value, c.source])).toEqual([
      ["USA", "office"],
      ["USA", "self-reference"],
      ["USA", "dateline"],
    ]);
    expect(s.speakerCountries[1]!.evidence).toBe("reaffirmed U.S. support");
    expect(s.speakerTitle).toMatchObject({ value: "Secretary of State", source: "office" });
  });

  it("offers Azerbaijan as the counterpart from the office met, then Armenia from the mentions", () => {
    expect(s.primaryCounterpart).toMatchObject({ value: "AZE", source: "office", evidence: "Azerbaijani Foreign Minister" });
    expect(s.counterpartOptions.map((c) => [c.value, c.source])).toEqual([
      ["AZE", "office"],
      ["AZE", "text"],
      ["ARM", "text"],
    ]);
    expect(s.counterpartOptions.some((c) => c.value === "USA")).toBe(false);
  });

  it("reads its own side in 'our country' when the publisher is known, and the publisher itself", () => {
    const ours = suggestMetadata("Statement on the peace talks\n\nOur country stands ready to help Armenia and Azerbaijan.", {
      url: "https://www.mfa.am/en/press-releases/1",
    });
    expect(ours.speakerCountry).toMatchObject({ value: "ARM", source: "self-reference", evidence: '"Our country" on www.mfa.am' });
    expect(ours.speakerCountries.map((c) => c.source)).toEqual(["self-reference", "publisher"]);
    expect(ours.counterpartOptions.map((c) => c.value)).toEqual(["AZE"]);
  });

  it("still never guesses a speaker where nothing says who speaks", () => {
    expect(suggestMetadata("Talks\n\nArmenia and Azerbaijan met in Geneva.").speakerCountry).toBeNull();
  });
});

describe("offices", () => {
  it("take an office as the speaker's only where it opens a line, not where it is spoken about or met", () => {
    const about = suggestMetadata(
      "Comment by the Foreign Ministry\n\nWe note that Secretary of State Antony Blinken met Armenian Prime Minister Nikol Pashinyan.",
    );
    expect(about.speakerCountries.some((c) => c.source === "office")).toBe(false);
    const met = suggestMetadata("Azerbaijani Foreign Minister meets Secretary of State\n\nBaku, 3 March 2025");
    expect(met.speakerCountry).toMatchObject({ value: "AZE", source: "office" });
    expect(met.speakerCountries.filter((c) => c.value === "USA")).toEqual([]);
  });
});
