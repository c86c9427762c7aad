import { describe, expect, it } from "vitest";
import { themeRulesSchema } from "@/lib/engine/codebook";
import { compileCodebook, tagPassage } from "@/lib/engine/tag";
import type { ThemeDefinition } from "@/lib/engine/types";

const caspian = (aliases: string[]): ThemeDefinition => ({
  slug: "caspian",
  name: "Caspian",
  color: "#123456",
  parent: null,
  enabled: true,
  rules: { phrases: ["sturgeon"], aliases, exclusions: [], weight: 1, threshold: 2 },
});
const tagged = (aliases: string[], text: string) => tagPassage(compileCodebook([caspian(aliases)]), text).map((t) => t.theme);

describe("theme aliases", () => {
  const text = "The delegation visited Khazar and spoke of sturgeon.";
  it("are enough evidence on their own, where a phrase of weight 1 is not (threshold 2)", () => {
    expect(tagged([], "The delegation spoke of sturgeon.")).toEqual([]);
    expect(tagged(["Khazar"], "The delegation visited Khazar.")).toEqual(["caspian"]);
    expect(tagPassage(compileCodebook([caspian(["Khazar"])]), text)[0]?.evidence.map((e) => text.slice(e.start, e.end))).toEqual([
      "Khazar",
      "sturgeon",
    ]);
  });

  it("keep an explicit weight", () => {
    expect(tagged(["Khazar: 0.5"], "The delegation visited Khazar.")).toEqual([]);
  });

  it("are literal phrases, validated like every other", () => {
    expect(themeRulesSchema.safeParse({ phrases: [], aliases: ["(a+)+"], exclusions: [], weight: 1 }).success).toBe(false);
    expect(themeRulesSchema.safeParse({ phrases: [], exclusions: [], weight: 1 }).success).toBe(true);
  });
});
