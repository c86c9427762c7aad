// Written by `npm run eval -- --train` (scripts/train-tone.ts); retrain rather than edit. Fitted on the
// 702 labelled units of 43 excerpts of UNSCon S/PV.7138 only (logistic regression on
// sentence sums; coefficients per unit of weight: lexicon − 0.508, lexicon + -0.413, AFINN − 0.299, AFINN + 0.115, situation − 0.083; training AUC 0.833).
import type { ToneModel } from "./tone";

export const TONE_MODEL: ToneModel = {
  positiveScale: 0.81,
  fallbackNegative: 0.59,
  fallbackPositive: 0,
  situationScale: 0.16,
};
