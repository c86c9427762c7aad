import { describe, expect, it } from "vitest";
import { findCountryMentions } from "@/lib/engine/gazetteer";
import { segment } from "@/lib/engine/segment";
import { scoreTone, toneTowards } from "@/lib/engine/tone";

// Who a criticism is aimed at, read from the words around each country (lib/engine/tone.ts, toneTowards).
// Sentences from UNSCon S/PV.7138 (the meeting tone is tuned on) and US statements on Ukraine (../shared/data).
const towards = (text: string, target: string) => {
  const sentences = segment(text).flatMap((p) => p.sentences);
  return toneTowards(text, sentences, findCountryMentions(text), target, scoreTone(text).words);
};
/** The weight a word took towards the target, beside the weight it has in the sentence. */
const share = (text: string, target: string, word: string) => {
  const full = scoreTone(text).words.find((w) => w.word === word)!.weight;
  const aimed = towards(text, target)!.words.find((w) => w.word === word)!.weight;
  return aimed / full;
};

describe("tone towards a country: who acts, who is acted on", () => {
  it("reads a country's conduct as its own, even after a preposition (Lithuania: 'troubled by Russia's veto')", () => {
    const text = "My delegation is profoundly troubled by Russia 's veto of the draft resolution .";
    expect(share(text, "RUS", "troubled")).toBe(1);
    expect(share("We are troubled by the situation in Russia .", "RUS", "troubled")).toBeLessThan(1);
  });

  it("reads 'the annexation by Russia' and 'the representative of the United States' as who acts", () => {
    expect(
      share("They prepare the ground for an illegal referendum and eventual annexation of Crimea by Russia .", "RUS", "annexation"),
    ).toBe(1);
    expect(
      share("The Permanent Representative of the United States blamed Russia for illegally pursuing its ambitions .", "USA", "illegally"),
    ).toBe(1);
  });

  it("reads 'the invasion of Ukraine' as done to Ukraine, and 'condemn Russia' as aimed at Russia", () => {
    const text = "We condemn Russia 's unprovoked invasion of Ukraine , which clearly violates international law .";
    expect(share(text, "RUS", "invasion")).toBe(1);
    expect(share(text, "UKR", "invasion")).toBeLessThan(0.5);
    expect(towards(text, "RUS")!.score).toBeLessThan(towards(text, "UKR")!.score);
    expect(share("We strongly condemn Russia .", "RUS", "condemn")).toBe(1);
  });

  it("reads a country named as the object of a criticised act, or in the passive, as acted on (Luxembourg; Lithuania)", () => {
    expect(
      share("It would constitute a unilateral act that could very seriously destabilize Ukraine .", "UKR", "destabilize"),
    ).toBeLessThan(0.5);
    expect(share("In defiance of its commitments , Ukraine is about to be carved up .", "UKR", "carved")).toBeLessThan(0.5);
    expect(share("The annexation goes beyond Ukraine .", "UKR", "annexation")).toBeLessThan(0.5);
  });

  it("reads a country named after another that acts as acted on (United States: 'Russia … blocked Ukrainian ships')", () => {
    const text =
      "Russia - isolated , alone and wrong - blocked the draft resolution 's adoption , just as it has blocked Ukrainian ships .";
    expect(share(text, "RUS", "wrong")).toBe(1);
    expect(share(text, "UKR", "wrong")).toBeLessThan(0.5);
  });

  it("reads the agent of a criticised passive as acting, not the one who only proposed something (Luxembourg)", () => {
    expect(share("The Ukrainian ships were blocked by Russia .", "RUS", "blocked")).toBe(1);
    const text =
      "Luxembourg regrets that the draft resolution proposed by the United States was not adopted because of the vote against it by Russia .";
    expect(share(text, "USA", "regrets")).toBeLessThan(0.5);
  });

  it("reads 'anti-Ukrainian propaganda' as aimed against Ukraine (Lithuania)", () => {
    expect(share("Troops were amassed , accompanied by aggressive anti - Ukrainian propaganda .", "UKR", "propaganda")).toBeLessThan(0.5);
  });

  it("finds no demand in a relative clause or after a preposition", () => {
    const support = towards("We are steadfast in providing the support Ukraine needs to uphold its sovereignty .", "UKR")!;
    expect(support.score).toBeGreaterThan(0);
    expect(support.words.map((w) => w.word)).not.toContain("Ukraine needs to");
    const dispute = towards("Our submission to the Court in our dispute with the Republic of Cameroon should serve as a beacon .", "CMR");
    expect(dispute?.words.map((w) => w.word) ?? []).not.toContain("Republic of Cameroon should");
    // still a demand where the country is who the sentence is about
    expect(towards("Russia needs to withdraw its forces .", "RUS")!.words.map((w) => w.word)).toContain("Russia needs to");
  });

  it("reads a country that deeply regrets as the one speaking: no tone towards it (Luxembourg)", () => {
    expect(towards("Luxembourg deeply regrets that the draft resolution was not adopted .", "LUX")).toBeNull();
  });

  it("lists every word and weight behind a directed score", () => {
    const t = towards("We condemn Russia 's unprovoked invasion of Ukraine .", "RUS")!;
    expect(t.words.map((w) => w.word)).toEqual(["condemn", "invasion"]);
    expect(t.score).toBeLessThan(-0.5);
  });
});
