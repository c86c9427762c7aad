/** Checks of a hand-made span against the text it points into. Pure: the DAL and the browser share it. */

import type { Span } from "./types";

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when an offset falls between the two halves of a surrogate pair (an emoji, a rare CJK character…). */
export function splitsCharacter(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  return isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/**
 * Why a span cannot be tagged inside `within` of `text`, or null when it can. Offsets are UTF-16 code units,
 * as JavaScript strings and the browser's selection count them.
 */
export function spanProblem(text: string, span: Span, within: Span = { start: 0, end: text.length }): string | null {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return "Span offsets must be whole numbers.";
  if (start >= end) return `The span ${start}–${end} is empty; select some text.`;
  if (start < within.start || end > within.end) {
    return `The span ${start}–${end} is outside the passage (${within.start}–${within.end}).`;
  }
  if (splitsCharacter(text, start) || splitsCharacter(text, end)) {
    return `The span ${start}–${end} would cut a character in half; select whole characters.`;
  }
  if (text.slice(start, end).trim() === "") return "The span holds only spaces; select some words.";
  return null;
}
