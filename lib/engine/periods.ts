import { dayProblem, EARLIEST_DAY, EARLIEST_YEAR, LATEST_DAY, LATEST_YEAR } from "./dates";

export const INTERVALS = ["week", "month", "quarter", "year"] as const;
export type PeriodInterval = (typeof INTERVALS)[number];

/** Date precisions fine enough to place a statement in a period of this interval. */
export const PRECISIONS_FOR: Record<PeriodInterval, ("day" | "month" | "year")[]> = {
  week: ["day"],
  month: ["day", "month"],
  quarter: ["day", "month"],
  year: ["day", "month", "year"],
};

/**
 * Period labels: "2001" (year), "2001-Q3" (quarter), "2001-09" (month), and for weeks the Monday that
 * starts it, "2001-09-10". `day` must be a usable day (lib/engine/dates.ts).
 */
export function periodOf(day: string, interval: PeriodInterval): string {
  const problem = dayProblem(day);
  if (problem) throw new RangeError(problem);
  return periodAt(indexOfDay(day, interval), interval);
}

/** The period after `period` ("2001" → "2002", "2001-12" → "2002-01", "2001-Q4" → "2002-Q1"). */
export function nextPeriod(period: string, interval: PeriodInterval): string {
  return periodAt(periodIndex(period, interval) + 1, interval);
}

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: shifting day numbers by 3 makes weeks start on Mondays. */
const THURSDAY_TO_MONDAY = 3;
const LABEL: Record<PeriodInterval, RegExp> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  week: /^(\d{4})-(\d{2})-(\d{2})$/,
};

function indexOfDay(day: string, interval: PeriodInterval): number {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  switch (interval) {
    case "year":
      return year;
    case "quarter":
      return year * 4 + Math.floor((month - 1) / 3);
    case "month":
      return year * 12 + month - 1;
    case "week":
      return Math.floor((Date.UTC(year, month - 1, date) / DAY_MS + THURSDAY_TO_MONDAY) / 7);
  }
}

/**
 * Periods as consecutive integers, so stepping and spans are arithmetic rather than string comparison (which
 * put "+010000-01" before "9999-12-27" and never ended). Throws on a label that is not one of `interval`'s.
 */
export function periodIndex(period: string, interval: PeriodInterval): number {
  const m = LABEL[interval].exec(period);
  if (!m) throw new RangeError(`"${period.slice(0, 40)}" is not a ${interval} period`);
  const [year, second] = [Number(m[1]), Number(m[2])];
  switch (interval) {
    case "year":
      return year;
    case "quarter":
      return year * 4 + second - 1;
    case "month":
      return year * 12 + second - 1;
    case "week": {
      const index = indexOfDay(period, "week");
      if (periodAt(index, "week") !== period) throw new RangeError(`${period} is not the Monday that starts a week`);
      return index;
    }
  }
}

/** The label of the period with this index (inverse of periodIndex). */
export function periodAt(index: number, interval: PeriodInterval): string {
  switch (interval) {
    case "year":
      return String(index);
    case "quarter":
      return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
    case "month":
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
    case "week":
      return new Date((index * 7 - THURSDAY_TO_MONDAY) * DAY_MS).toISOString().slice(0, 10);
  }
}

/** How many periods of `interval` the usable days span: no fill can be longer. */
export function maxPeriods(interval: PeriodInterval): number {
  return indexOfDay(LATEST_DAY, interval) - indexOfDay(EARLIEST_DAY, interval) + 1;
}

/**
 * Sorted points with every missing period between the first and last filled in by `empty`. Bounded by
 * construction: a span longer than the usable days allow is refused, never walked.
 */
export function fillPeriods<T extends { period: string }>(points: T[], interval: PeriodInterval, empty: (period: string) => T): T[] {
  if (points.length === 0) return [];
  const byIndex = new Map(points.map((p) => [periodIndex(p.period, interval), p]));
  let [first, last] = [Infinity, -Infinity];
  for (const i of byIndex.keys()) [first, last] = [Math.min(first, i), Math.max(last, i)];
  if (last - first + 1 > maxPeriods(interval)) {
    throw new RangeError(
      `${points[0]!.period}…: a span of ${last - first + 1} ${interval}s is longer than ${EARLIEST_YEAR}–${LATEST_YEAR}`,
    );
  }
  const filled: T[] = [];
  for (let i = first; i <= last; i++) filled.push(byIndex.get(i) ?? empty(periodAt(i, interval)));
  return filled;
}

/** The first day of a period. */
export function firstDay(period: string, interval: PeriodInterval): string {
  switch (interval) {
    case "year":
      return `${period}-01-01`;
    case "quarter": {
      const [year, q] = period.split("-Q").map(Number) as [number, number];
      return `${year}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
    }
    case "month":
      return `${period}-01`;
    case "week":
      return period;
  }
}

/** The days a period covers, as [first day, first day of the next period). */
export function periodRange(period: string, interval: PeriodInterval): { from: string; until: string } {
  return { from: firstDay(period, interval), until: firstDay(nextPeriod(period, interval), interval) };
}
