import fitted from "./data/tone-model.json";

/**
 * The fitted part of the tone scorer (written to lib/engine/data/tone-model.json by `npm run eval -- --train` from
 * one UNSCon meeting): how much the hand lexicon's positive words and its situation words count beside its
 * evaluative negative ones, and how much a word that only the general-purpose AFINN list knows counts, by sign.
 * The hand lexicon always wins where it has an entry (an entry of 0 declares a word neutral), so AFINN only fills
 * gaps ("kidnapped", "fraud", "problem"). Every scorer takes a model as a parameter, this one by default.
 */
export interface ToneModel {
  positiveScale: number;
  fallbackNegative: number;
  fallbackPositive: number;
  /** How much a situation word (violence, troops, crisis) counts beside an evaluative one. */
  situationScale: number;
}

/** The shipped model. */
export const TONE_MODEL: ToneModel = {
  positiveScale: fitted.scales.positiveScale,
  fallbackNegative: fitted.scales.fallbackNegative,
  fallbackPositive: fitted.scales.fallbackPositive,
  situationScale: fitted.scales.situationScale,
};
