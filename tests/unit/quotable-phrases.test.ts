import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QUOTE_WORDS, quotablePhrases } from "@/lib/dal/profiles";

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

describe("quotable phrases", () => {
  it("are runs of QUOTE_WORDS words cut from the passage itself, at most two, none from a short passage", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "б", "1", " ", " ", ".", "-", "'", "\n"), maxLength: 200 }), (text) => {
        const phrases = quotablePhrases(text);
        if (words(text).length < QUOTE_WORDS) expect(phrases).toEqual([]);
        else expect(phrases.length).toBeGreaterThanOrEqual(1);
        expect(phrases.length).toBeLessThanOrEqual(2);
        for (const phrase of phrases) {
          expect(text).toContain(phrase);
          expect(words(phrase)).toHaveLength(QUOTE_WORDS);
        }
      }),
    );
  });

  it("keeps the text's own punctuation inside a run, so the database parses it as it parsed the statement", () => {
    const [start] = quotablePhrases("Nagorno-Karabakh talks on 1.5 billion in aid to the region were held in Geneva this week, and more.");
    expect(start).toBe("Nagorno-Karabakh talks on 1.5 billion in aid to the region");
  });
});
