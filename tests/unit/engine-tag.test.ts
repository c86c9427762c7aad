import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean } from "@/lib/engine/clean";
import { DEFAULT_CODEBOOK, themeRulesSchema } from "@/lib/engine/codebook";
import { segment } from "@/lib/engine/segment";
import { compileCodebook, tagPassage, tagStatement } from "@/lib/engine/tag";
import type { ThemeDefinition } from "@/lib/engine/types";

const codebook = compileCodebook(DEFAULT_CODEBOOK);
const themesOf = (text: string) => tagPassage(codebook, text).map((t) => t.theme).sort();

describe("tagger", () => {
  it("tags the seed statement with all four themes, each with evidence in the text", () => {
    const text = clean(readFileSync("tests/fixtures/seed-statement.txt", "utf8")).text;
    const tagged = tagStatement(codebook, text, segment(text));
    const themes = tagged.statement.map((t) => t.theme);
    expect(themes).toEqual(expect.arrayContaining(["energy-security", "counterterrorism", "nagorno-karabakh", "democracy"]));
    const karabakh = tagged.passages.flatMap((p) => p.tags).find((t) => t.theme === "nagorno-karabakh")!;
    expect(karabakh.evidence.map((e) => text.slice(e.start, e.end))).toEqual(["Minsk Group", "Nagorno-Karabakh"]);
  });

  it("finds Nagorno-Karabakh under every spelling", () => {
    for (const text of ["the Garabagh economic region (UNGD, Azerbaijan 2023)", "Qarabağ", "the so-called Artsakh", "Nagorny Karabakh", "the Karabagh conflict"]) {
      expect(themesOf(text)).toContain("nagorno-karabakh");
    }
  });

  it("matches inflections on word boundaries only", () => {
    expect(themesOf("Terrorists attacked; terrorism must end.")).toContain("counterterrorism");
    expect(themesOf("Our territory is not negotiable.")).not.toContain("counterterrorism");
  });

  it("lets an exclusion cancel the match it overlaps", () => {
    expect(themesOf("The Democratic Republic of Afghanistan welcomes you.")).not.toContain("democracy");
    expect(themesOf("Democracy and elections matter in the Democratic Republic of Afghanistan.")).toContain("democracy");
  });

  it("needs enough evidence: one mention of energy is not energy security", () => {
    expect(themesOf("Renewable energy is the future.")).not.toContain("energy-security");
    expect(themesOf("Energy security and gas supplies from the Caspian.")).toContain("energy-security");
  });

  it("rolls a child theme up to its parent", () => {
    expect(themesOf("Free and fair elections were held.")).toEqual(["democracy", "elections"]);
  });

  it("matches acronyms in capitals only", () => {
    expect(themesOf("The TAP pipeline to Italy")).toContain("energy-security");
    expect(themesOf("Turn off the tap.")).not.toContain("energy-security");
  });

  it("refuses hostile rules: regular expressions and absurd phrases never reach the matcher", () => {
    expect(themeRulesSchema.safeParse({ phrases: ["(a+)+$"], exclusions: [] }).success).toBe(false);
    expect(themeRulesSchema.safeParse({ phrases: ["a".repeat(10_000)], exclusions: [] }).success).toBe(false);
    expect(themeRulesSchema.safeParse({ phrases: ["pipeline*: 0.5", "Nagorno-Karabakh"], exclusions: [] }).success).toBe(true);
  });

  it("takes time in proportion to the text, not to the number of phrases", () => {
    const many: ThemeDefinition = { ...DEFAULT_CODEBOOK[0]!, slug: "many", rules: { phrases: Array.from({ length: 3000 }, (_, i) => `phrase${i} word`), exclusions: [], weight: 1 } };
    const big = compileCodebook([many, ...DEFAULT_CODEBOOK]);
    expect(big.phraseCount).toBeGreaterThan(3000);
    expect(tagPassage(big, "phrase2999 word and energy security with gas supplies").map((t) => t.theme)).toEqual(expect.arrayContaining(["many", "energy-security"]));
  });
});
