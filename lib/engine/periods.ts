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
 * starts it, "2001-09-10".
 */
export function periodOf(day: string, interval: PeriodInterval): string {
  const [year, month] = day.split("-").map(Number) as [number, number];
  switch (interval) {
    case "year":
      return String(year);
    case "quarter":
      return `${year}-Q${Math.ceil(month / 3)}`;
    case "month":
      return day.slice(0, 7);
    case "week": {
      const date = new Date(`${day}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
      return date.toISOString().slice(0, 10);
    }
  }
}

/** The period after `period` ("2001" → "2002", "2001-12" → "2002-01", "2001-Q4" → "2002-Q1"). */
export function nextPeriod(period: string, interval: PeriodInterval): string {
  switch (interval) {
    case "year":
      return String(Number(period) + 1);
    case "quarter": {
      const [year, q] = period.split("-Q").map(Number) as [number, number];
      return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
    }
    case "month": {
      const [year, month] = period.split("-").map(Number) as [number, number];
      return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
    }
    case "week": {
      const date = new Date(`${period}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + 7);
      return date.toISOString().slice(0, 10);
    }
  }
}

/** Sorted points with every missing period between the first and last filled in by `empty`. */
export function fillPeriods<T extends { period: string }>(
  points: T[],
  interval: PeriodInterval,
  empty: (period: string) => T,
): T[] {
  const sorted = [...points].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return [];
  const byPeriod = new Map(sorted.map((p) => [p.period, p]));
  const filled: T[] = [];
  for (let p = first.period; p <= last.period; p = nextPeriod(p, interval)) {
    filled.push(byPeriod.get(p) ?? empty(p));
  }
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
