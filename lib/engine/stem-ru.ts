import { StemmerRu } from "@nlpjs/lang-ru";

/**
 * Russian morphology: the Snowball Russian stemmer as packaged by nlp.js (@nlpjs/lang-ru, MIT; decision 0010).
 * Case forms share a stem (Украины, Украине, Украиной → украин); cached per word, as statements repeat them.
 */
const stemmer = new StemmerRu();
const cache = new Map<string, string>();

/** Lowercase with ё read as е, as Russian print mostly does. */
export function lowerRu(word: string): string {
  return word.toLowerCase().replace(/ё/g, "е");
}

export function stemRu(word: string): string {
  const lower = lowerRu(word);
  let stem = cache.get(lower);
  if (stem === undefined) {
    stem = /[а-я]/.test(lower) ? (stemmer.stemWord(lower) as string) : lower;
    if (cache.size > 200_000) cache.clear();
    cache.set(lower, stem);
  }
  return stem;
}
