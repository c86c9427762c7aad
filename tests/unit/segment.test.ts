import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean } from "@/lib/engine/clean";
import { segment, sentences } from "@/lib/engine/segment";
import { hasShared, readJsonl } from "../support/shared-data";

const seed = clean(readFileSync("tests/fixtures/seed-statement.txt", "utf8")).text;
const texts = (text: string) => segment(text).map((p) => p.sentences.map((s) => text.slice(s.start, s.end)));

describe("segment", () => {
  const passages = segment(seed);

  it("makes one passage per paragraph of the seed statement, with offsets into the text", () => {
    expect(passages).toHaveLength(10);
    expect(passages.map((p) => p.ordinal)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seed.slice(passages[0]!.start, passages[0]!.end)).toBe("U.S. - Azerbaijani Relations");
    expect(seed.slice(passages[1]!.start, passages[1]!.end)).toBe("U.S. Under Secretary of State William Burns");
    for (const p of passages) {
      expect(seed.slice(p.start, p.end)).toBe(seed.slice(p.start, p.end).trim());
      for (const s of p.sentences) expect(s.start >= p.start && s.end <= p.end).toBe(true);
    }
  });

  it("does not split at U.S., Mr. or inside a quotation; splits after a quotation that ends a sentence", () => {
    const sixth = passages[5]!.sentences.map((s) => seed.slice(s.start, s.end));
    expect(sixth).toEqual([
      "To meet these challenges, the U.S. wants closer ties and broader cooperation with Azerbaijan.",
      expect.stringMatching(/^Mr\. Burns told Azerbaijan's future diplomats .* global security\.$/),
    ]);
    const eighth = passages[7]!.sentences.map((s) => seed.slice(s.start, s.end));
    expect(eighth[0]).toBe("Energy security is not a zero sum game.");
    expect(eighth[1]).toMatch(
      /^"It is our firm belief," Under Secretary Burns noted .* "that we can gain more by working together than against one another\.$/,
    );
    const ninth = passages[8]!.sentences.map((s) => seed.slice(s.start, s.end));
    expect(ninth.at(-1)).toBe('"Peace, stability and tolerance can only benefit all the people in the Caucasus region."');
  });

  it("survives Dr., No. 5, decimals, initials and dates", () => {
    expect(texts("Dr. Rice met Gen. W. Smith at 3.30 p.m. on Feb. 5. Resolution No. 5 passed by 12.5 per cent. It ended.")).toEqual([
      ["Dr. Rice met Gen. W. Smith at 3.30 p.m. on Feb. 5.", "Resolution No. 5 passed by 12.5 per cent.", "It ended."],
    ]);
  });

  it('ends a sentence at "U.S." only when a new sentence clearly starts', () => {
    expect(texts("Our partner is the U.S. We agreed. The U.S. Government agreed.")).toEqual([
      ["Our partner is the U.S.", "We agreed.", "The U.S. Government agreed."],
    ]);
  });

  it("splits questions and exclamations, and Russian sentences with initials", () => {
    expect(texts("Is it over? No! It is not.")).toEqual([["Is it over?", "No!", "It is not."]]);
    expect(texts("В.Путин: Нет. Объем работы примерно такой же. В. В. Путин ответил в 2000 г. Так.")).toEqual([
      ["В.Путин: Нет.", "Объем работы примерно такой же.", "В. В. Путин ответил в 2000 г. Так."],
    ]);
  });

  it("takes offsets of a stretch of text", () => {
    const text = "Intro. One. Two.";
    expect(sentences(text, 7, text.length).map((s) => text.slice(s.start, s.end))).toEqual(["One.", "Two."]);
  });

  it("returns nothing for empty or blank text", () => {
    expect(segment("")).toEqual([]);
    expect(segment(" \n\n \n")).toEqual([]);
  });

  describe.skipIf(!hasShared("ungd/ungd-dev.jsonl.gz"))("on the UN General Debate corpus (skipped without ../shared/data/ungd)", () => {
    it("segments speeches with offsets in order and no empty sentence", () => {
      const docs = readJsonl<{ text: string }>("ungd/ungd-dev.jsonl.gz").slice(0, 120);
      for (const doc of docs) {
        const text = clean(doc.text).text;
        let last = 0;
        for (const p of segment(text)) {
          expect(p.start).toBeGreaterThanOrEqual(last);
          for (const s of p.sentences) expect(s.end).toBeGreaterThan(s.start);
          last = p.end;
        }
      }
    });
  });
});
