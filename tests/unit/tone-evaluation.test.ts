import { describe, expect, it } from "vitest";
import { scoreTone, weightSource } from "@/lib/engine/tone";
import { TONE_MODEL } from "@/lib/engine/tone-model";

// Sentences from UNSCon S/PV.7138 (the meeting the scorer is tuned on), with the sign a reader gives them.
const tone = (text: string) => scoreTone(text).score;
const weightOf = (text: string, word: string) => scoreTone(text).words.find((w) => w.word === word)?.weight;

describe("situation words describe, evaluative words judge", () => {
  const situation = "There is a continuing threat of violence and a continuing threat of it spreading to other regions of Ukraine .";
  const judgement = "To manipulate the issue of the bloodshed is absolutely unacceptable .";

  it("keeps violence, threats and bloodshed apart from the words that judge", () => {
    expect(weightSource("violence")).toBe("situation");
    expect(weightSource("killed")).toBe("situation");
    expect(weightSource("bloodshed")).toBe("situation");
    expect(weightSource("manipulate")).toBe("lexicon");
    expect(weightSource("unacceptable")).toBe("lexicon");
    // naming an act as aggression or annexation is an accusation, not a description
    expect(weightSource("aggression")).toBe("lexicon");
    expect(weightSource("annexation")).toBe("lexicon");
  });

  it("reads a description of danger as mildly negative and a rebuke as clearly negative (Russian Federation; Ukraine)", () => {
    expect(tone(situation)).toBeLessThan(0);
    expect(tone(situation)).toBeGreaterThan(-0.3);
    expect(tone(judgement)).toBeLessThan(-0.6);
    expect(Math.abs(weightOf(judgement, "bloodshed")!)).toBeLessThan(Math.abs(weightOf(judgement, "unacceptable")!));
  });

  it("weighs situation words by the fitted scale, at face value when the scale is 1", () => {
    const killed = "two citizens were killed by fighters from other regions of Ukraine .";
    expect(weightOf(killed, "killed")).toBeCloseTo(-2 * TONE_MODEL.situationScale, 2);
    expect(scoreTone(killed, 0, undefined, { ...TONE_MODEL, situationScale: 1 }).words.find((w) => w.word === "killed")?.weight).toBe(-2);
  });
});

describe("the Council's formulas and evaluative patterns", () => {
  it("does not read the Council's mandate as praise (Ukraine on the Russian veto)", () => {
    const text =
      "For that permanent member of the Council , it has become the custom to veto any measure aimed at maintaining international peace and security .";
    expect(scoreTone(text).words.map((w) => w.word)).toEqual(["veto"]);
    expect(tone(text)).toBeLessThan(-0.2);
    expect(scoreTone("Jordan has voted in favour of the draft resolution .").words).toEqual([]);
  });

  it("reads mockery, running counter to and pulling back as criticism (France; Russian Federation; Australia)", () => {
    expect(tone("It would make a mockery of the Charter of the United Nations .")).toBeLessThan(-0.4);
    const counter = "The philosophy of the sponsors of the draft resolution runs counter to one of basic principles of international law";
    expect(scoreTone(counter).words.map((w) => w.word)).toContain("runs counter to");
    expect(tone(counter)).toBeLessThan(-0.4);
    expect(weightOf("Russia must pull back its forces to their bases", "pull back")).toBeLessThan(0);
    expect(tone("Russia 's decision to veto the resolution is therefore profoundly unsettling .")).toBeLessThan(-0.5);
  });
});

describe("diplomatic usage that a general sentiment list misreads", () => {
  const words = (text: string) => scoreTone(text).words.map((w) => w.word);

  it("turns the word a split-off 'non' prefix is attached to, and only that word (Jordan)", () => {
    const text =
      "out of its respect for Ukraine 's sovereignty , territorial integrity and political independence and non - interference in its internal affairs .";
    expect(weightOf(text, "interference")).toBeGreaterThan(0);
    expect(tone(text)).toBeGreaterThan(0.3);
    // a prefix reaches no further than its word
    expect(weightOf("non-governmental organizations condemned the attack", "condemned")).toBeLessThan(0);
  });

  it("reads naming a norm as neither praise nor blame: the violation is the evaluation (Chile)", () => {
    const text =
      "at stake here are fundamental principles of international law , such as respecting the sovereignty , independence and territorial integrity of Ukraine";
    expect(words(text)).toEqual(["respecting"]);
    expect(tone("Russia violated the territorial integrity of Ukraine .")).toBeLessThan(-0.4);
  });

  it("reads 'all concerned' as involved, not worried, and 'deeply concerning' as worried (Nigeria)", () => {
    expect(words("Nigeria has consistently and unequivocally called on all concerned to abide by those principles")).toEqual([]);
    expect(words("We call on the parties concerned to exercise restraint")).not.toContain("concerned");
    expect(weightOf("We are concerned about the referendum .", "concerned")).toBeLessThan(0);
    expect(tone("The situation is deeply concerning .")).toBeLessThan(-0.3);
    expect(words("the draft resolution concerning Crimea")).toEqual([]);
  });

  it("quotes the Charter without judging: Article 2(4), the settlement of disputes, the Council's responsibility (Nigeria; Australia)", () => {
    const charter =
      "which obliges all States to refrain in their international relations from the threat or use of force against the territorial integrity or political independence of any State";
    expect(words(charter)).toEqual([]);
    expect(words("The United Nations Charter also obliges States to settle their disputes by peaceful means .")).toEqual(["peaceful"]);
    expect(words("the body with the primary responsibility for the maintenance of international peace and security")).toEqual([]);
  });

  it("reads a resolution as a document, 'alone' as only, and a non-proliferation regime as rules (Australia; Chile)", () => {
    expect(words("With or without a resolution , the message from Council members has been overwhelming .")).not.toContain("resolution");
    expect(words("It is for the people of Ukraine alone to determine their future")).toEqual([]);
    expect(words("the nuclear non-proliferation regime")).toEqual([]);
    expect(weightOf("the Assad regime", "regime")).toBeLessThan(0);
  });
});
