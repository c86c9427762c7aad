import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean } from "@/lib/engine/clean";
import { contentHash } from "@/lib/engine/hash";
import { detectLanguage, suggestMetadata } from "@/lib/engine/metadata";
import { hasShared, readJsonl, skipMessage } from "../support/shared-data";

const seed = clean(readFileSync("tests/fixtures/seed-statement.txt", "utf8")).text;

describe("metadata suggestions for the seed statement", () => {
  const suggested = suggestMetadata(seed);

  it("finds the headline, speaker, title, country and venue, each with its source", () => {
    expect(suggested.title?.value).toBe("U.S. - Azerbaijani Relations");
    expect(suggested.speakerName).toMatchObject({ value: "William Burns", source: "byline" });
    expect(suggested.speakerTitle?.value).toBe("Under Secretary of State");
    expect(suggested.speakerCountry?.value).toBe("USA");
    expect(suggested.venue?.value).toBe("Baku");
    expect(suggested.kind.value).toBe("press release");
  });

  it('flags "February 19" as a date without a year instead of guessing one', () => {
    expect(suggested.date?.value.date).toBeNull();
    expect(suggested.date?.flag).toMatch(/year missing/);
  });

  it("reads full dates with their precision", () => {
    expect(suggestMetadata("Statement\n\nWashington, March 3, 2022. We stand with Ukraine.").date?.value).toEqual({ date: "2022-03-03", precision: "day" });
    expect(suggestMetadata("Statement\n\nIn March 2022 we met.").date?.value).toEqual({ date: "2022-03-01", precision: "month" });
  });
});

describe("language", () => {
  it("tells English from Russian", () => {
    expect(detectLanguage(seed).value).toBe("en");
    expect(detectLanguage("Россия и Азербайджан — стратегические партнёры, и это не случайно.").value).toBe("ru");
  });

  describe.skipIf(!hasShared("us-ru-statements/us-ru-statements-dev.jsonl.gz"))("on the US/Russian statements", () => {
    it(`recognises every Russian document as Russian (${skipMessage("us-ru-statements")})`, () => {
      const docs = readJsonl<{ language: string; text: string }>("us-ru-statements/us-ru-statements-dev.jsonl.gz");
      const russian = docs.filter((d) => d.language === "ru");
      expect(russian.length).toBeGreaterThan(10);
      for (const doc of russian) expect(detectLanguage(doc.text).value).toBe("ru");
      for (const doc of docs.filter((d) => d.language === "en")) expect(detectLanguage(doc.text).value).toBe("en");
    });
  });
});

describe("content hash", () => {
  it("ignores spacing, case and Unicode form, and nothing else", () => {
    expect(contentHash("We  welcome\nthe Agreement")).toBe(contentHash("we welcome the agreement"));
    expect(contentHash("We welcome the agreement")).not.toBe(contentHash("We reject the agreement"));
  });
});
