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
});
