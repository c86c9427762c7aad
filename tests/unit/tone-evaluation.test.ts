import { describe, expect, it } from "vitest";
import { scoreTone, setToneModel, weightSource } from "@/lib/engine/tone";
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
    const fitted = setToneModel({ ...TONE_MODEL, situationScale: 1 });
    try {
      expect(weightOf(killed, "killed")).toBe(-2);
    } finally {
      setToneModel(fitted);
    }
  });
});

describe("the Council's formulas and evaluative patterns", () => {
  it("does not read the Council's mandate as praise (Ukraine on the Russian veto)", () => {
    const text = "For that permanent member of the Council , it has become the custom to veto any measure aimed at maintaining international peace and security .";
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
