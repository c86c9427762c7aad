/**
 * Fits the tone model (lib/engine/data/tone-model.json, read by lib/engine/tone-model.ts) on the labelled units of ONE UNSCon meeting (TRAINING_MEETING);
 * the other meetings are left for `npm run eval` to report on. Run: `npm run eval -- --train`.
 *
 * A logistic regression predicts "this unit is a negative evaluation" from five sums over the unit's sentence
 * (evaluation is voiced per sentence; a unit is often a clause of it): the negative and the positive weight of
 * hand-lexicon words and patterns, the negative and positive weight of words only AFINN knows, and the weight of
 * situation words, each with negation, intensifiers and the shared-enemy rule applied, and each word counted under
 * the scale the scorer itself gave it (`toneEvidence`: "fight terrorism" is a hand rule, not AFINN). The scorer is linear in
 * those sums, so the fitted coefficients, divided by the one for hand-lexicon negatives, become the model's
 * scales: the score stays a weighted sum of words, and every weight shown in the UI is the one that was used.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sentences } from "@/lib/engine/segment";
import { rocAuc } from "@/lib/engine/stats";
import { toneEvidence, type ToneModel } from "@/lib/engine/tone";
import { layout, readExcerpts, TRAINING_MEETING, type Excerpt } from "@/scripts/lib/unscon";

/** Every scale at 1: the features are the raw sums. */
const UNSCALED: ToneModel = { positiveScale: 1, fallbackNegative: 1, fallbackPositive: 1, situationScale: 1 };
const FEATURES = ["lexicon −", "lexicon +", "AFINN −", "AFINN +", "situation −"];

interface Sample {
  x: number[];
  label: boolean;
}

/** For each unit: the five sums over the sentence its first character falls in. */
function samplesOf(excerpt: Excerpt, splitSituation: boolean): Sample[] {
  const { text, spans } = layout(excerpt);
  const { words, sources } = toneEvidence(text, UNSCALED);
  const sums = sentences(text, 0, text.length).map((s) => {
    const x = [0, 0, 0, 0, 0];
    for (const [k, w] of words.entries()) {
      if (w.start < s.start || w.start >= s.end) continue;
      const source = sources[k] === "situation" && !splitSituation ? "lexicon" : sources[k];
      // a negated situation word ("no violence") counts with the situation words, whatever its sign
      if (source === "situation") x[4]! -= w.weight;
      else x[(source === "fallback" ? 2 : 0) + (w.weight > 0 ? 1 : 0)]! += Math.abs(w.weight);
    }
    return { ...s, x };
  });
  return spans.map((span, i) => ({
    x: (sums.find((s) => span.start >= s.start && span.start < s.end) ?? sums[sums.length - 1])?.x ?? [0, 0, 0, 0, 0],
    label: excerpt.edus[i]!.neg_eval !== null,
  }));
}

/** Plain logistic regression by gradient descent on standardised features; coefficients in raw units. */
function logistic(samples: Sample[], rounds = 4000, rate = 0.5): { bias: number; coefficients: number[] } {
  const k = samples[0]!.x.length;
  const scale = Array.from({ length: k }, (_, j) => Math.sqrt(samples.reduce((sum, s) => sum + s.x[j]! ** 2, 0) / samples.length) || 1);
  let bias = 0;
  const w = new Array<number>(k).fill(0);
  for (let round = 0; round < rounds; round++) {
    let gBias = 0;
    const g = new Array<number>(k).fill(0);
    for (const s of samples) {
      const z = bias + s.x.reduce((sum, x, j) => sum + (w[j]! * x) / scale[j]!, 0);
      const r = 1 / (1 + Math.exp(-z)) - (s.label ? 1 : 0);
      gBias += r;
      s.x.forEach((x, j) => (g[j]! += (r * x) / scale[j]!));
    }
    bias -= (rate * gBias) / samples.length;
    w.forEach((_, j) => (w[j]! -= (rate * g[j]!) / samples.length));
  }
  return { bias, coefficients: w.map((c, j) => c / scale[j]!) };
}

export interface Training {
  model: ToneModel;
  coefficients: number[];
  trainingAuc: number;
  units: number;
  excerpts: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Fits the model on `excerpts` (by default every excerpt of the training meeting, and nothing else).
 * `splitSituation: false` fits the earlier model, in which situation words count as evaluative ones (scale 1).
 */
export function trainToneModel(
  excerpts = readExcerpts().filter((e) => e.meeting === TRAINING_MEETING),
  { splitSituation = true } = {},
): Training {
  const samples = excerpts.flatMap((e) => samplesOf(e, splitSituation));
  const { coefficients } = logistic(samples);
  const [lexNeg, lexPos, fbNeg, fbPos, situation] = coefficients as [number, number, number, number, number];
  // Positive coefficients predict negative evaluation: a negative sum counts +c, a positive sum −c.
  const model: ToneModel = {
    positiveScale: round2(Math.max(0, -lexPos / lexNeg)),
    fallbackNegative: round2(Math.max(0, fbNeg / lexNeg)),
    fallbackPositive: round2(Math.max(0, -fbPos / lexNeg)),
    situationScale: splitSituation ? round2(Math.max(0, situation / lexNeg)) : 1,
  };
  const trainingAuc = rocAuc(
    samples.map((s) => s.x.reduce((sum, x, j) => sum + coefficients[j]! * x, 0)),
    samples.map((s) => s.label),
  );
  return { model, coefficients, trainingAuc, units: samples.length, excerpts: excerpts.length };
}

const MODEL_FILE = join(process.cwd(), "lib", "engine", "data", "tone-model.json");

/** Writes the fitted model where lib/engine/tone-model.ts reads it, keeping the file's note. */
export function writeToneModel(training: Training, path = MODEL_FILE): void {
  const previous = JSON.parse(readFileSync(path, "utf8")) as { $comment: string };
  const file = {
    $comment: previous.$comment,
    fittedOn: TRAINING_MEETING,
    units: training.units,
    excerpts: training.excerpts,
    coefficients: Object.fromEntries(FEATURES.map((f, j) => [f, Math.round(training.coefficients[j]! * 1000) / 1000])),
    trainingAuc: Math.round(training.trainingAuc * 1000) / 1000,
    scales: training.model,
  };
  writeFileSync(path, JSON.stringify(file, null, 2) + "\n");
}

/** Refits the model on the training meeting and writes it; returns it with a line saying what was fitted. */
export function retrain(): { model: ToneModel; summary: string } {
  const training = trainToneModel();
  writeToneModel(training);
  const m = training.model;
  return {
    model: m,
    summary: `Tone model fitted on ${TRAINING_MEETING} (${training.units} units): positive lexicon ×${m.positiveScale}, AFINN negative ×${m.fallbackNegative}, AFINN positive ×${m.fallbackPositive}, situation words ×${m.situationScale} (training AUC ${training.trainingAuc.toFixed(3)}); written to lib/engine/data/tone-model.json`,
  };
}
