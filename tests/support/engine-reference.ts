/**
 * Parts of lib/engine as they were before the speed work of issue 16, kept only so
 * tests/unit/engine-equivalence.test.ts can check the faster ones against them on arbitrary input, which the
 * corpora alone do not reach: the sentence splitter (it copied every span out before reading it) and cleaning's
 * character normalisation (two passes, "\r\n" matched first).
 */
import { ABBREVIATIONS, SENTENCE_STARTERS } from "@/lib/engine/segment";
import type { Sentence } from "@/lib/engine/types";
const BOUNDARY = /[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])/gu;

export function referenceSentences(text: string, start: number, end: number): Sentence[] {
  const result: Sentence[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  for (const match of slice.matchAll(BOUNDARY)) {
    const stop = match.index + match[0].length;
    if (match[0][0] === "." && match[0].length === 1 + trailingClosers(match[0]) && !endsSentence(slice, match.index, stop)) continue;
    push(result, slice, from, stop, start);
    from = stop;
  }
  if (from < slice.length) push(result, slice, from, slice.length, start);
  return result;
}

function trailingClosers(punctuation: string): number {
  return punctuation.length - punctuation.replace(/["'”’)\]]+$/, "").length;
}

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

/** Whether the single dot at `dot` ends a sentence, judging by the word before it and the word after. */
function endsSentence(slice: string, dot: number, stop: number): boolean {
  let from = dot;
  const limit = Math.max(0, dot - 16);
  while (from > limit && isWordOrDot(slice.charCodeAt(from - 1))) from--;
  const word = slice.slice(from, dot).replace(/^\.+/, "");
  const lower = word.toLowerCase();
  if (/^\p{L}$/u.test(word)) return false; // an initial: "W. Burns"
  if (lower === "u.s" || lower === "u.k" || lower === "u.n") {
    const next = /^\s+["'“‘(]?(\p{L}+)/u.exec(slice.slice(stop))?.[1] ?? "";
    return SENTENCE_STARTERS.has(next);
  }
  return !ABBREVIATIONS.has(lower) && !/^(\p{L}\.)+\p{L}$/u.test(word);
}

function push(result: Sentence[], slice: string, from: number, to: number, offset: number): void {
  const piece = slice.slice(from, to);
  const lead = piece.length - piece.trimStart().length;
  const trimmedEnd = piece.trimEnd().length;
  if (trimmedEnd > lead) result.push({ start: offset + from + lead, end: offset + from + trimmedEnd });
}

const PAGE_BREAK = "\uE000";
const TO_NORMALISE =
  /[\uFEFF\r\f\u00A0\u2000-\u200D\u202F\u205F\u3000\u00AD\u2060\u2018-\u201F\u2032\u2033\u00AB\u00BB\u2026\u2028\u2029\v]/;
const NORMALISED = new Map<string, string>([
  ["\r", "\n"],
  ["\r\n", "\n"],
  ["\f", `\n${PAGE_BREAK}\n`],
  ["\u2026", "..."],
  ["\u2028", "\n"],
  ["\u2029", "\n"],
  ["\v", "\n"],
  ...[..."\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000"].map((c): [string, string] => [
    c,
    " ",
  ]),
  ...[..."\u00AD\u200B\u200C\u200D\u2060\uFEFF"].map((c): [string, string] => [c, ""]),
  ...[..."\u2018\u2019\u201A\u201B\u2032"].map((c): [string, string] => [c, "'"]),
  ...[..."\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB"].map((c): [string, string] => [c, '"']),
]);
const TO_NORMALISE_ALL = new RegExp(`\\r\\n?|${TO_NORMALISE.source}`, "g");

export function referenceNormalise(raw: string): string {
  if (!TO_NORMALISE.test(raw)) return raw;
  return raw.replace(TO_NORMALISE_ALL, (c) => NORMALISED.get(c)!);
}
