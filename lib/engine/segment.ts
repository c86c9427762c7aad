import type { Passage, Sentence } from "./types";

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "amb",
  "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "art", "para", "paras", "vol", "fig", "jan", "feb", "mar",
  "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.n", "u.k", "a.m", "p.m",
]);

/** Passages are paragraphs (separated by blank lines), each with its sentences; offsets into `text`. */
export function segment(text: string): Passage[] {
  const passages: Passage[] = [];
  const paragraph = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const match of text.matchAll(paragraph)) {
    const body = match[0];
    const lead = body.length - body.trimStart().length;
    const start = match.index + lead;
    const end = match.index + body.trimEnd().length;
    if (end <= start) continue;
    passages.push({ ordinal: passages.length, start, end, sentences: sentences(text, start, end) });
  }
  return passages;
}

/** Sentence boundaries inside [start, end): after . ! ? (and closing quotes) followed by space and a capital. */
export function sentences(text: string, start: number, end: number): Sentence[] {
  const result: Sentence[] = [];
  const boundary = /[.!?]+["')\]]*(?=\s+["'(\[]?[\p{Lu}\p{N}])/gu;
  const slice = text.slice(start, end);
  let from = 0;
  for (const match of slice.matchAll(boundary)) {
    const stop = match.index + match[0].length;
    if (match[0].startsWith(".") && !match[0].startsWith("..") && endsWithAbbreviation(slice, match.index)) continue;
    result.push(trimmed(slice, from, stop, start));
    from = stop;
  }
  if (from < slice.length) result.push(trimmed(slice, from, slice.length, start));
  return result.filter((s) => s.end > s.start);
}

/** "U.S.", "Mr.", single initials ("W. Burns") and numbers ("No. 5") do not end sentences. */
function endsWithAbbreviation(slice: string, dotIndex: number): boolean {
  const word = /([\p{L}.]+)$/u.exec(slice.slice(Math.max(0, dotIndex - 12), dotIndex))?.[1] ?? "";
  const bare = word.replace(/^\.+/, "").toLowerCase();
  return bare.length === 1 || ABBREVIATIONS.has(bare) || /^(\p{L}\.)+\p{L}$/u.test(bare);
}

function trimmed(slice: string, from: number, to: number, offset: number): Sentence {
  const piece = slice.slice(from, to);
  const lead = piece.length - piece.trimStart().length;
  return { start: offset + from + lead, end: offset + from + piece.trimEnd().length };
}
