// Written by `npm run eval -- --train` (scripts/train-tone.ts); retrain rather than edit. Fitted on the
// 702 labelled units of 43 excerpts of UNSCon S/PV.7138 only (logistic regression on
// sentence sums; coefficients per unit of weight: lexicon − 0.558, lexicon + -0.360, AFINN − 0.241, AFINN + 0.073, situation − 0.032; training AUC 0.840).
import type { ToneModel } from "./tone";

export const TONE_MODEL: ToneModel = {
  positiveScale: 0.65,
  fallbackNegative: 0.43,
  fallbackPositive: 0,
  situationScale: 0.06,
};
