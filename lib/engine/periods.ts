export type PeriodInterval = "year" | "month";

/** The period after `period` ("2001" → "2002", "2001-12" → "2002-01"). */
export function nextPeriod(period: string, interval: PeriodInterval): string {
  if (interval === "year") return String(Number(period) + 1);
  const [year, month] = period.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
}

/** Sorted points with every missing period between the first and last filled in by `empty`. */
export function fillPeriods<T extends { period: string }>(
  points: T[],
  interval: PeriodInterval,
  empty: (period: string) => T,
): T[] {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return [];
  const byPeriod = new Map(points.map((p) => [p.period, p]));
  const filled: T[] = [];
  for (let p = first.period; p <= last.period; p = nextPeriod(p, interval)) {
    filled.push(byPeriod.get(p) ?? empty(p));
  }
  return filled;
}
