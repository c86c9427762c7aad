import { z } from "zod";

/**
 * The days a statement, an event or a filter may name. Everything that takes a date checks it against this
 * range, so period arithmetic works on a bounded span by construction: a year 9999 or 10000 never reaches a
 * chart (a weekly fill from 1800 to 2100 is at most 15,700 periods).
 */
export const EARLIEST_YEAR = 1800;
export const LATEST_YEAR = 2100;
export const EARLIEST_DAY = `${EARLIEST_YEAR}-01-01`;
export const LATEST_DAY = `${LATEST_YEAR}-12-31`;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `day` is not a usable date, in words a person understands; null when it is one. */
export function dayProblem(day: string): string | null {
  const m = ISO_DAY.exec(day);
  if (!m) return "dates are written YYYY-MM-DD";
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(year, month - 1, date));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== date) return `${day} does not exist`;
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return `${day} is outside ${EARLIEST_YEAR}–${LATEST_YEAR}, the years Dyad charts`;
  return null;
}

export function isUsableDay(day: string): boolean {
  return dayProblem(day) === null;
}

export function isUsableYear(year: number): boolean {
  return Number.isInteger(year) && year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** A YYYY-MM-DD string that names a usable day; the one check every date input goes through. */
export const usableDaySchema = z.string().superRefine((day, ctx) => {
  const problem = dayProblem(day);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
