import { describe, expect, it } from "vitest";
import { findCountryMentions } from "@/lib/engine/gazetteer";
import { directedTone, scoreTone } from "@/lib/engine/tone";

describe("diplomatic tone", () => {
  it("reads condemning terrorism beside a strong friend as cooperative", () => {
    expect(scoreTone("We condemn terrorism together with our strong friend.").score).toBeGreaterThan(0.3);
  });

  it("reads the seed statement's warm passages as positive, with the words that made it so", () => {
    const tone = scoreTone("Mr. Burns told Azerbaijan's future diplomats that the U.S. values its bilateral relationship with their country and deeply appreciates Azerbaijan's support.");
    expect(tone.score).toBeGreaterThan(0.5);
    expect(tone.words.map((w) => w.word)).toEqual(expect.arrayContaining(["appreciates", "support"]));
  });

  it("reads UNSC language about Crimea as hostile (excerpt, S/PV.7138)", () => {
    const tone = scoreTone("We condemn the illegal annexation of Crimea and reject the so-called referendum, a flagrant violation of international law.");
    expect(tone.score).toBeLessThan(-0.6);
    expect(tone.words.map((w) => w.word)).not.toContain("Crimea");
  });

  it("flips the sign after a negation and strengthens after an intensifier", () => {
    expect(scoreTone("We support the agreement.").score).toBeGreaterThan(0);
    expect(scoreTone("We do not support this.").score).toBeLessThan(0);
    const plain = scoreTone("We condemn the attack.").words.find((w) => w.word === "condemn")!.weight;
    const strong = scoreTone("We strongly condemn the attack.").words.find((w) => w.word === "condemn")!.weight;
    expect(strong).toBeLessThan(plain);
  });

  it("stays within [-1, 1] and is 0 with nothing evaluative", () => {
    expect(scoreTone("The meeting took place on Tuesday.")).toEqual({ score: 0, words: [] });
    const extreme = scoreTone("aggression ".repeat(200));
    expect(extreme.score).toBeGreaterThanOrEqual(-1);
  });

  it("directs tone at the country a passage names", () => {
    const text = "We welcome our partnership with Georgia.\n\nRussia's aggression must stop.";
    const passages = [
      { start: 0, end: 40, tone: scoreTone(text.slice(0, 40), 0) },
      { start: 42, end: text.length, tone: scoreTone(text.slice(42), 42) },
    ];
    const mentions = findCountryMentions(text);
    expect(directedTone(passages, mentions, "GEO")!.score).toBeGreaterThan(0);
    expect(directedTone(passages, mentions, "RUS")!.score).toBeLessThan(0);
    expect(directedTone(passages, mentions, "FRA")).toBeNull();
  });
});
