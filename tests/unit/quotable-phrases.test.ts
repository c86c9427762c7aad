import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QUOTE_WORD, QUOTE_WORDS, quotablePhrases } from "@/lib/dal/profiles";

const words = (text: string) => text.match(QUOTE_WORD) ?? [];

describe("quotable phrases", () => {
  it("are runs of QUOTE_WORDS words cut from the passage itself, at most three, none from a short passage", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "б", "A", "1", " ", " ", ".", "-", "'", "\n"), maxLength: 200 }), (text) => {
        const phrases = quotablePhrases(text);
        if (words(text).length < QUOTE_WORDS) expect(phrases).toEqual([]);
        expect(phrases.length).toBeLessThanOrEqual(3);
        for (const phrase of phrases) {
          expect(text).toContain(phrase);
          expect(words(phrase)).toHaveLength(QUOTE_WORDS);
        }
      }),
    );
  });

  it("cut at spaces, so numbers and hyphenated names stay whole as the database reads them", () => {
    const [start] = quotablePhrases("Peace talks on 1.5 billion in aid to the Nagorno-Karabakh region were held this week, and more.");
    expect(start).toBe("Peace talks on 1.5 billion in aid to the Nagorno-Karabakh");
  });

  it("start at sentences, one run from each of the first three", () => {
    const text =
      "We stand for peace in the region and for dialogue with all our neighbours. The occupation must end and the refugees must go home now. A third sentence says the same thing in other words again here. A fourth is never looked up at all by the search.";
    expect(quotablePhrases(text)).toEqual([
      "We stand for peace in the region and for dialogue",
      "The occupation must end and the refugees must go home",
      "A third sentence says the same thing in other words",
    ]);
  });

  it("skip runs that name a thing or cite a reference rather than say something", () => {
    const text =
      "The Organization for Security and Cooperation in Europe Minsk Group Co-Chairs said the talks must go on without delay or preconditions now.";
    expect(quotablePhrases(text)[0]).toBe("in Europe Minsk Group Co-Chairs said the talks must go"); // the first run that is not mostly names
    expect(quotablePhrases("Resolutions 822 (1993), 853 (1993), 874 (1993) and 884 (1993) of the Council")).toEqual([]);
  });
});
