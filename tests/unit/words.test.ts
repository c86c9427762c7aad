import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "@/lib/engine/tokens";
import { firstWordAt, scanWords, wordKey } from "@/lib/engine/words";

describe("the word-id scanner", () => {
  // UNGD AZE 2023 and ARM 2021
  const text = "to establish a green-energy zone in its Garabagh and East Zangazur regions. QARABAĞ! The right of the people of Artsakh";

  it("splits words exactly as tokenize does, with the same folded keys and offsets", () => {
    const words = scanWords(text, 100);
    const tokens = tokenize(text, 100);
    expect(words.count).toBe(tokens.length);
    tokens.forEach((t, k) => {
      expect(wordKey(words.ids[k]!)).toBe(t.key);
      expect([words.starts[k], words.ends[k]]).toEqual([t.start, t.end]);
    });
  });

  it("gives one id to a word whatever its case or diacritics", () => {
    const words = scanWords("Qarabağ qarabag QARABAĞ Energy ENERGY energy");
    expect(new Set([words.ids[0], words.ids[1], words.ids[2]]).size).toBe(1);
    expect(new Set([words.ids[3], words.ids[4], words.ids[5]]).size).toBe(1);
  });

  it("marks the words that begin a sentence", () => {
    const words = scanWords(text);
    const starts = Array.from(words.sentenceStart.subarray(0, words.count)).flatMap((s, k) => (s ? [wordKey(words.ids[k]!)] : []));
    expect(starts).toEqual(["to", "qarabag", "the"]);
  });

  it("reads a text far longer than its scratch space, and finds words by position", () => {
    const long = "peace and security ".repeat(50_000);
    const words = scanWords(long);
    expect(words.count).toBe(150_000);
    expect(wordKey(words.ids[149_999]!)).toBe("security");
    expect(firstWordAt(words, 19)).toBe(3);
  });

  it("gives each word the id of its folded key, however many words share a beginning, a length or a hash slot", () => {
    // Few letters and lengths around the table's inline four and eight characters, so keys share first chunks and
    // lengths; mixed case, since the scanner folds it while probing.
    const word = fc.array(fc.constantFrom("a", "b", "A", "B", "0"), { minLength: 1, maxLength: 14 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), (list) => {
        const words = scanWords(list.join(" "));
        expect(words.count).toBe(list.length);
        list.forEach((w, k) => expect(wordKey(words.ids[k]!)).toBe(w.toLowerCase()));
      }),
      { numRuns: 300 },
    );
  });

  it("tells apart words whose hashes collide, whichever characters they differ in", () => {
    // Pairs of one length whose hashes agree in all but the low byte, the bits the table places and compares by;
    // they differ in the first four characters, in the next four, and only after the eighth.
    const pairs: [string, string][] = [
      ["mzraaa", "wysaaa"],
      ["abcdlgaa", "abcdwyca"],
      ["abcdefghmebb", "abcdefghrycb"],
    ];
    for (const [a, b] of pairs) {
      const words = scanWords(`${a} ${b} ${a.toUpperCase()} ${b}`);
      expect([0, 1, 2, 3].map((k) => wordKey(words.ids[k]!))).toEqual([a, b, a, b]);
    }
  });
});
