import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean } from "@/lib/engine/clean";
import { findCountryMentions } from "@/lib/engine/gazetteer";
import { segment } from "@/lib/engine/segment";
import { directedTone, lexiconTone, scoreStatementTone, scoreTone, toneTowards } from "@/lib/engine/tone";
import { sharedFile } from "../support/shared-data";

const SEED = sharedFile("seed/000_aa0f3482d09d4904.txt");
const tone = (text: string) => scoreTone(text).score;
const wordsOf = (text: string) => scoreTone(text).words.map((w) => w.word);

describe.skipIf(!existsSync(SEED))("the seed statement (needs ../shared/data; skipped without it)", () => {
  it("reads as positive overall, with the words that made it so", () => {
    const { text } = clean(readFileSync(SEED, "utf8"));
    const statement = scoreStatementTone(text, segment(text));
    expect(statement.score).toBeGreaterThan(0.2);
    expect(statement.passages.flatMap((p) => p.words.map((w) => w.word))).toEqual(
      expect.arrayContaining(["friend", "appreciates", "partnership"]),
    );
  });
});

describe("diplomatic tone on real excerpts", () => {
  it("reads condemning terrorism beside a strong friend as cooperative", () => {
    expect(tone("We condemn terrorism together with our strong friend.")).toBeGreaterThan(0.3);
    // UNGD GEO 2009: a united front against terrorism is not hostility
    expect(
      tone("the effort to build energy security for free nations and a united front against lawlessness and terrorism."),
    ).toBeGreaterThanOrEqual(-0.2);
  });

  it("reads the seed statement's warm sentence as positive", () => {
    const text =
      "Mr. Burns told Azerbaijan's future diplomats that the U.S. values its bilateral relationship with their country and deeply appreciates Azerbaijan's support.";
    expect(tone(text)).toBeGreaterThan(0.5);
    expect(wordsOf(text)).toEqual(expect.arrayContaining(["appreciates", "support"]));
  });

  it("reads UNSC language on Crimea as hostile (S/PV.7138, France and the United States)", () => {
    expect(
      tone("the occupation denied against all evidence , the torrents of propaganda , and now the charade of a referendum"),
    ).toBeLessThan(-0.6);
    expect(tone("then reversed itself and concocted a rationale for justifying just such an illegal act .")).toBeLessThan(-0.4);
    expect(
      tone("In desperation , therefore , Moscow invokes the pretext of protecting Russians who are supposedly threatened in Crimea ."),
    ).toBeLessThan(-0.4);
    expect(wordsOf("We condemn the illegal annexation of Crimea and reject the so-called referendum.")).toEqual(
      expect.arrayContaining(["illegal annexation", "so-called"]),
    );
  });

  it("reads UNSC calls for restraint as cooperative (S/PV.7138, China and Chad)", () => {
    expect(tone("We believe that it is still possible for the parties to open the way towards national reconciliation")).toBeGreaterThan(0);
    expect(
      tone(
        "The key to resolving the crisis in Ukraine is to act within the framework of law and order , seeking an early solution to the differences through dialogue and negotiations",
      ),
    ).toBeGreaterThan(0);
  });

  it("flips the sign after a negation and strengthens after an intensifier", () => {
    expect(tone("We support the agreement.")).toBeGreaterThan(0);
    expect(tone("We do not support this.")).toBeLessThan(0);
    expect(tone("We do n't support this.")).toBeLessThan(0);
    expect(tone("We no longer trust these assurances.")).toBeLessThan(0);
    // S/PV.7138 (United Kingdom): negated positives are a rebuke
    expect(tone("it will have no validity , no credibility and no recognition .")).toBeLessThan(0);
    const plain = scoreTone("We condemn the attack.").words.find((w) => w.word === "condemn")!.weight;
    const strong = scoreTone("We strongly condemn the attack.").words.find((w) => w.word === "condemn")!.weight;
    expect(strong).toBeLessThan(plain);
  });

  it("does not read words inside names as tone (Treaty on Friendship, Cooperation and Partnership)", () => {
    expect(
      wordsOf("contrary to the Treaty on Friendship , Cooperation , and Partnership between Ukraine and the Russian Federation"),
    ).toEqual(["contrary"]);
  });

  it("stays within [-1, 1] and is 0 with nothing evaluative", () => {
    expect(scoreTone("The meeting took place on Tuesday.")).toEqual({ score: 0, words: [] });
    expect(tone("aggression ".repeat(200))).toBeGreaterThanOrEqual(-1);
    expect(tone("welcome ".repeat(200))).toBeLessThanOrEqual(1);
  });

  it("gives word offsets into the statement when the passage sits inside it", () => {
    const [word] = scoreTone("We welcome this.", 500).words;
    expect(word).toMatchObject({ word: "welcome", start: 503, end: 510 });
  });

  it("directs tone at the country a passage names", () => {
    const text = "We welcome our partnership with Georgia.\n\nRussia's aggression must stop.";
    const passages = segment(text).map((p) => ({
      ...p,
      text: text.slice(p.start, p.end),
      mentions: findCountryMentions(text.slice(p.start, p.end)),
    }));
    expect(directedTone(passages, "GEO")!.score).toBeGreaterThan(0);
    expect(directedTone(passages, "RUS")!.score).toBeLessThan(0);
    expect(directedTone(passages, "FRA")).toBeNull();
    // or with the statement's mentions, placed by offset
    const scored = segment(text).map((p) => ({ ...p, tone: scoreTone(text.slice(p.start, p.end), p.start) }));
    expect(directedTone(scored, findCountryMentions(text), "RUS")!.score).toBeLessThan(0);
  });

  it("keeps a plain word-list baseline for comparison, which misses what the lexicon catches", () => {
    const valences = { condemn: -2, friend: 2, strong: 2, terrorism: -2 };
    expect(lexiconTone("We condemn terrorism together with our strong friend.", valences).score).toBe(0);
    expect(tone("We condemn terrorism together with our strong friend.")).toBeGreaterThan(0);
  });
});

describe("a statement's tone", () => {
  it("weighs each passage by how much evaluation it holds, so a passage that only names troops hardly counts", () => {
    const text =
      "Russian troops entered the mainland from the south .\n\nWe condemn the illegal annexation of Crimea and reject the so-called referendum .";
    const statement = scoreStatementTone(text, segment(text));
    const [troops, condemnation] = statement.passages;
    expect(troops!.words.map((w) => w.word)).toEqual(["troops"]);
    expect(condemnation!.score).toBeLessThan(-0.6);
    // counted as a word apiece, the two passages would meet halfway between their scores
    expect(statement.score! - condemnation!.score).toBeLessThan(0.05);
    expect(scoreStatementTone("The meeting took place in Geneva .", [{ start: 0, end: 34 }]).score).toBeNull();
  });
});

describe("tone towards a target (issue 16)", () => {
  const towards = (text: string, target: string) => {
    const sentences = segment(text).flatMap((p) => p.sentences);
    return toneTowards(text, sentences, findCountryMentions(text), target, scoreTone(text).words);
  };

  it("reads a call on a country to do what it should as criticism of it, not as praise", () => {
    const text = "We have called on the Russian Government to de-escalate and to engage in constructive dialogue.";
    expect(tone(text)).toBeLessThanOrEqual(0);
    const t = towards(text, "RUS")!;
    expect(t.score).toBeLessThan(-0.3);
    expect(t.words.map((w) => w.word)).toContain("called on the Russian");
  });

  it("scores desisting, fiction and being asked to explain", () => {
    expect(tone("Russia must desist.")).toBeLessThan(0);
    expect(tone("They keep spreading fiction.")).toBeLessThan(0);
    expect(towards("Russia must desist from these actions.", "RUS")!.score).toBeLessThan(-0.5);
    expect(towards("Let Moscow explain why its soldiers are there.", "RUS")!.words.map((w) => w.word)).toContain("explain why");
  });

  it("blames the country that acts more than the one it acts on", () => {
    const text = "Russia's illegal annexation of Crimea violates the territorial integrity of Ukraine.";
    expect(towards(text, "RUS")!.score).toBeLessThan(towards(text, "UKR")!.score);
  });

  it("does not read a condemnation voiced by a country, or naming only a place, as tone towards it", () => {
    // Brazil speaks: its condemnation is no tone towards Brazil at all.
    expect(towards("Brazil strongly condemns the attack.", "BRA")).toBeNull();
    expect(towards("We condemn the violence in Ukraine.", "UKR")!.score).toBeGreaterThan(towards("We condemn Ukraine.", "UKR")!.score);
  });
});
