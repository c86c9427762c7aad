import type { Passage, Sentence } from "./types";
import { isTrimSpace } from "./whitespace";

/** Words after which a full stop does not end a sentence (compared lower-cased, inner dots kept). */
export const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "messrs",
  "dr",
  "prof",
  "st",
  "mt",
  "no",
  "nos",
  "gen",
  "lt",
  "col",
  "maj",
  "capt",
  "sgt",
  "adm",
  "sen",
  "rep",
  "gov",
  "amb",
  "hon",
  "rev",
  "pres",
  "jr",
  "sr",
  "vs",
  "v",
  "etc",
  "inc",
  "ltd",
  "co",
  "corp",
  "dept",
  "art",
  "arts",
  "para",
  "paras",
  "sec",
  "ch",
  "vol",
  "pp",
  "p",
  "fig",
  "op",
  "cf",
  "ibid",
  "approx",
  "est",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "e.g",
  "i.e",
  "u.s",
  "u.n",
  "u.k",
  "u.s.a",
  "u.s.s.r",
  "a.m",
  "p.m",
  "d.c",
  "n.y",
  // Russian: г. (year, city), гг., т.е., т.д., т.п., им., ул., см., стр., тыс., млн., млрд., руб.
  "г",
  "гг",
  "т.е",
  "т.д",
  "т.п",
  "т",
  "им",
  "ул",
  "см",
  "стр",
  "тыс",
  "млн",
  "млрд",
  "руб",
  "ст",
  "п",
]);

/** After "U.S." these words start a new sentence ("…to the U.S. We agreed…"); other words continue it ("U.S. Government"). */
export const SENTENCE_STARTERS = new Set([
  "The",
  "We",
  "I",
  "It",
  "This",
  "That",
  "These",
  "Those",
  "They",
  "He",
  "She",
  "In",
  "But",
  "And",
  "As",
  "At",
  "On",
  "Our",
  "There",
  "Mr",
  "Today",
  "Now",
  "So",
  "If",
  "When",
  "A",
]);

const PARAGRAPH = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
/** A candidate boundary: terminal punctuation, closing quotes or brackets, space, then something that can open a sentence. */
const BOUNDARY = /[.!?]+["'”’»)\]]*(?=\s+["'“‘«„(\[]?[\p{Lu}\p{N}])/gu;

/** Passages are paragraphs (text between blank lines), each with its sentences; offsets into `text`. */
export function segment(text: string): Passage[] {
  const passages: Passage[] = [];
  for (const match of text.matchAll(PARAGRAPH)) {
    const { start, end } = trimmed(text, match.index, match.index + match[0].length);
    if (end > start) passages.push({ ordinal: passages.length, start, end, sentences: sentences(text, start, end) });
  }
  return passages;
}

/** Sentences inside [start, end) of `text`; abbreviations, initials, "No. 5" and decimals do not end one. */
export function sentences(text: string, start: number, end: number): Sentence[] {
  // A span with a non-space at its end and a space (or nothing) after it is read in place: no pattern can look past
  // its end there. Any other span is copied out first, so nothing beyond it is ever seen.
  if (end > start && /\S/.test(text.charAt(end - 1)) && (end >= text.length || /\s/.test(text.charAt(end))))
    return sentencesIn(text, start, end, 0);
  return sentencesIn(text.slice(start, end), 0, end - start, start);
}

/** Sentences of source[from, to), offsets shifted by `shift`. */
function sentencesIn(source: string, from: number, to: number, shift: number): Sentence[] {
  const result: Sentence[] = [];
  let sentenceFrom = from;
  BOUNDARY.lastIndex = from;
  for (let match = BOUNDARY.exec(source); match !== null && match.index < to; match = BOUNDARY.exec(source)) {
    const stop = match.index + match[0].length;
    // Read from the span's end, a boundary ending there divides nothing (the span would end the sentence anyway).
    if (stop >= to) break;
    if (match[0][0] === "." && match[0].length === 1 + trailingClosers(match[0]) && !endsSentence(source, from, match.index, stop))
      continue;
    push(result, source, sentenceFrom, stop, shift);
    sentenceFrom = stop;
  }
  if (sentenceFrom < to) push(result, source, sentenceFrom, to, shift);
  return result;
}

function trailingClosers(punctuation: string): number {
  let n = 0;
  while (n < punctuation.length && CLOSERS.includes(punctuation[punctuation.length - 1 - n]!)) n++;
  return n;
}
const CLOSERS = "\"'”’»)]";

const WORD_OR_DOT = /^[\p{L}\p{N}.]$/u;
const wordOrDot = new Uint8Array(65536);
/** A letter, digit or dot, per UTF-16 unit and cached (halves of astral letters count as letters). */
function isWordOrDot(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46;
  if (code >= 0xd800 && code <= 0xdfff) return true;
  let known = wordOrDot[code]!;
  if (known === 0) wordOrDot[code] = known = WORD_OR_DOT.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

const NEXT_WORD = /\s+["'“‘(]?(\p{L}+)/uy;

/** Whether the single dot at `dot` of `source` (not before `floor`) ends a sentence, judging by the word before it and the word after. */
function endsSentence(source: string, floor: number, dot: number, stop: number): boolean {
  let from = dot;
  const limit = Math.max(floor, dot - 16);
  while (from > limit && isWordOrDot(source.charCodeAt(from - 1))) from--;
  while (from < dot && source.charCodeAt(from) === 46) from++;
  const word = source.slice(from, dot);
  if (word.length <= 2 && /^\p{L}$/u.test(word)) return false; // an initial: "W. Burns"
  const lower = word.toLowerCase();
  if (lower === "u.s" || lower === "u.k" || lower === "u.n") {
    NEXT_WORD.lastIndex = stop;
    return SENTENCE_STARTERS.has(NEXT_WORD.exec(source)?.[1] ?? "");
  }
  return !ABBREVIATIONS.has(lower) && !(word.includes(".") && /^(\p{L}\.)+\p{L}$/u.test(word));
}

function push(result: Sentence[], source: string, from: number, to: number, shift: number): void {
  const { start, end } = trimmed(source, from, to);
  if (end > start) result.push({ start: shift + start, end: shift + end });
}

/** source[from, to) without the white space String.prototype.trim removes at either end, found without copying. */
function trimmed(source: string, from: number, to: number): { start: number; end: number } {
  let start = from;
  while (start < to && isTrimSpace(source.charCodeAt(start))) start++;
  let end = to;
  while (end > start && isTrimSpace(source.charCodeAt(end - 1))) end--;
  return { start, end };
}
