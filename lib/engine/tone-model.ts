// Written by `npm run eval -- --train` (scripts/train-tone.ts); retrain rather than edit. Fitted on the
// 702 labelled units of 43 excerpts of UNSCon S/PV.7138 only (logistic regression on
// sentence sums; coefficients per unit of weight: lexicon − 0.429, lexicon + -0.361, AFINN − 0.247, AFINN + -0.042; training AUC 0.810).
import type { ToneModel } from "./tone";

export const TONE_MODEL: ToneModel = {
  positiveScale: 0.84,
  fallbackNegative: 0.58,
  fallbackPositive: 0.1,
};
