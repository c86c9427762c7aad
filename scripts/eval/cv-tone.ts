/**
 * `npx tsx scripts/eval/cv-tone.ts`: cross-validation of the tone model INSIDE the training meeting (UNSCon
 * S/PV.7138), so that choices can be made without looking at the held-out meetings. Speeches are dealt into five
 * folds; the model is fitted on four and scores the fifth, and the figures are pooled over the five. Printed for
 * the model with situation words apart (as shipped) and with them counted as evaluative words (as before).
 */
import { findCountryMentions } from "@/lib/engine/gazetteer";
import { segment, sentences } from "@/lib/engine/segment";
import { mean, rocAuc, spearman } from "@/lib/engine/stats";
import { scoreStatementTone, scoreTone, toneTowards } from "@/lib/engine/tone";
import { trainToneModel } from "./train-tone";
import { layout, readExcerpts, TRAINING_MEETING, type Excerpt } from "@/scripts/lib/unscon";
import { cliArgs } from "@/scripts/lib/cli";

const FOLDS = 5;
const speechOf = (e: Excerpt) => e.id.split("_")[3] ?? e.id;

function crossValidate(excerpts: Excerpt[], splitSituation: boolean): string {
  const speeches = [...new Set(excerpts.map(speechOf))].sort();
  const unitScores: number[] = [];
  const unitLabels: boolean[] = [];
  const excerptTone: number[] = [];
  const negativeShare: number[] = [];
  const directedScores: number[] = [];
  const directedLabels: boolean[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const test = new Set(speeches.filter((_, i) => i % FOLDS === fold));
    const { model } = trainToneModel(
      excerpts.filter((e) => !test.has(speechOf(e))),
      { splitSituation },
    );
    for (const excerpt of excerpts.filter((e) => test.has(speechOf(e)))) {
      const { text, spans } = layout(excerpt);
      const scored = sentences(text, 0, text.length).map((s) => ({
        ...s,
        tone: scoreTone(text.slice(s.start, s.end), s.start, undefined, model),
      }));
      spans.forEach((span, i) => {
        const sentence = scored.find((s) => span.start >= s.start && span.start < s.end) ?? scored[scored.length - 1];
        unitScores.push(-(sentence?.tone.words.reduce((sum, w) => sum + w.weight, 0) ?? 0));
        unitLabels.push(excerpt.edus[i]!.neg_eval !== null);
      });
      excerptTone.push(mean(scored.map((s) => s.tone.score)));
      negativeShare.push(excerpt.summary.n_neg_eval / excerpt.summary.n_edus);
      // tone towards each country the excerpt names (not the speaker): is it a labelled target?
      const passages = segment(text);
      const words = scoreStatementTone(text, passages, undefined, model).passages.flatMap((p) => p.words);
      const mentions = findCountryMentions(text);
      for (const iso3 of new Set(mentions.map((m) => m.iso3).filter((c) => c !== excerpt.speaker_country_iso3))) {
        directedScores.push(
          -(
            toneTowards(
              text,
              passages.flatMap((p) => p.sentences),
              mentions,
              iso3,
              words,
            )?.score ?? 0
          ),
        );
        directedLabels.push(iso3 in excerpt.summary.neg_eval_target_countries);
      }
    }
  }
  return `unit AUC ${rocAuc(unitScores, unitLabels).toFixed(3)}, excerpt ρ ${spearman(excerptTone, negativeShare).toFixed(3)}, directed AUC ${rocAuc(directedScores, directedLabels).toFixed(3)}`;
}

cliArgs("usage: npx tsx scripts/eval/cv-tone.ts (tone cross-validated by speech inside the training meeting; needs ../shared/data)", {});
const excerpts = readExcerpts().filter((e) => e.meeting === TRAINING_MEETING);
console.log(`${TRAINING_MEETING}, ${FOLDS}-fold cross-validation by speech (${excerpts.length} excerpts)`);
console.log(`  situation words apart (shipped):  ${crossValidate(excerpts, true)}`);
console.log(`  situation words as evaluative:    ${crossValidate(excerpts, false)}`);
