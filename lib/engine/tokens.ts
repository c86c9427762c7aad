/** A word of the text with where it is; `key` is lowercased with diacritics folded (Qarabağ → qarabag). */
export interface Token {
  key: string;
  text: string;
  start: number;
  end: number;
}

const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

export function foldKey(word: string): string {
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/ı/g, "i");
}

/** Word-character test per UTF-16 unit, computed once per unit: far faster than a Unicode regex over every word. */
const wordUnit = new Uint8Array(65536);
function isWordUnit(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  if (code >= 0xd800 && code <= 0xdfff) return true; // halves of astral letters; rare in statements
  let known = wordUnit[code]!;
  if (known === 0) wordUnit[code] = known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

/** Words (letters, digits and combining marks) with offsets; everything else separates them. */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && isWordUnit(text.charCodeAt(i))) i++;
    const word = text.slice(start, i);
    tokens.push({ key: foldKey(word), text: word, start: start + offset, end: i + offset });
  }
  return tokens;
}
