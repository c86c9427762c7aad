import { describe, expect, it } from "vitest";
import { DEFAULT_CODEBOOK, parsePhrase, themeRulesSchema, validateCodebook } from "@/lib/engine/codebook";

describe("default codebook", () => {
  it("ships the four core themes, the democracy children and the adjacent themes, with exact slugs", () => {
    const slugs = DEFAULT_CODEBOOK.map((t) => t.slug);
    expect(slugs).toEqual(
      expect.arrayContaining([
        "energy-security",
        "counterterrorism",
        "nagorno-karabakh",
        "democracy",
        "elections",
        "rule-of-law",
        "human-rights",
        "nonproliferation",
        "regional-security",
        "trade-economic-cooperation",
      ]),
    );
    const parents = Object.fromEntries(DEFAULT_CODEBOOK.map((t) => [t.slug, t.parent]));
    expect([parents["elections"], parents["rule-of-law"], parents["human-rights"]]).toEqual(["democracy", "democracy", "democracy"]);
  });

  it("gives every theme a distinct colour and passes its own validation", () => {
    expect(new Set(DEFAULT_CODEBOOK.map((t) => t.color)).size).toBe(DEFAULT_CODEBOOK.length);
    expect(validateCodebook(DEFAULT_CODEBOOK)).toMatchObject({ ok: true });
  });
});

describe("validating a manager-edited codebook", () => {
  const theme = DEFAULT_CODEBOOK[0]!;
  const withPhrases = (phrases: string[]) => [{ ...theme, rules: { ...theme.rules, phrases } }];

  it("rejects regular-expression syntax and absurd lengths, so no rule can make the matcher backtrack", () => {
    for (const hostile of [
      "(a+)+$",
      "a".repeat(10_000),
      "terror.*ism",
      "[abc]",
      "a|b",
      "x{1,9}",
      "***",
      "word  word",
      "a b c d e f g h i",
    ]) {
      expect(validateCodebook(withPhrases([hostile])).ok, hostile).toBe(false);
    }
    expect(themeRulesSchema.safeParse({ phrases: ["(a+)+$"], exclusions: [] }).success).toBe(false);
  });

  it("accepts literal phrases with a trailing * and an optional weight", () => {
    expect(validateCodebook(withPhrases(["pipeline*: 0.5", "Nagorno-Karabakh", "Qarabağ", "Democratic People's Republic"])).ok).toBe(true);
    expect(parsePhrase("pipeline*: 0.5")).toEqual({ words: "pipeline*", weight: 0.5 });
    expect(parsePhrase("Minsk Group")).toEqual({ words: "Minsk Group", weight: 1 });
  });

  it("rejects duplicate slugs, unknown parents and cycles", () => {
    const a = { ...theme, slug: "a", parent: "b" };
    const b = { ...theme, slug: "b", parent: "a" };
    expect(validateCodebook([a, b])).toMatchObject({ ok: false });
    expect(validateCodebook([{ ...theme, parent: "nowhere" }])).toMatchObject({ ok: false });
    expect(validateCodebook([theme, theme])).toMatchObject({ ok: false });
  });

  it("says what is wrong, per field", () => {
    const result = validateCodebook(withPhrases(["(a+)+$"]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).toMatch(/0\.rules\.phrases\.0/);
  });
});
