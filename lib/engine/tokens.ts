/** A word of the text with where it is; `key` is lowercased with diacritics folded (Qarabağ → qarabag). */
export interface Token {
  key: string;
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

const NON_ASCII = /[^\x00-\x7f]/;

export function foldKey(word: string): string {
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/ı/g, "i");
}

/** Words (letters and digits) with offsets; punctuation and space separate them. */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index + offset;
    tokens.push({ key: foldKey(match[0]), text: match[0], start, end: start + match[0].length });
  }
  return tokens;
}

/** The folded keys of a phrase, as the tokenizer would produce them. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}
