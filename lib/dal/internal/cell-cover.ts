import { sql, type SQL } from "drizzle-orm";
import { CELL_TABLES, type CellGrain } from "@/db/schema";
import type { PeriodInterval } from "@/lib/engine/periods";

/** The coarsest cells a chart of this interval may read: a month cell cannot be split into weeks. */
export const COARSEST_GRAIN: Record<PeriodInterval, CellGrain> = { week: "day", month: "month", quarter: "month", year: "year" };
const FINER: Record<CellGrain, CellGrain | null> = { day: null, month: "day", year: "month", all: "year" };

export interface CellRange {
  grain: CellGrain;
  /** First day included, or null for no lower bound. */
  from: string | null;
  /** First day NOT included, or null for no upper bound. */
  until: string | null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** First day of the grain's period that holds `day`. */
function periodStart(day: string, grain: CellGrain): string {
  if (grain === "year") return `${day.slice(0, 4)}-01-01`;
  if (grain === "month") return `${day.slice(0, 7)}-01`;
  return day;
}

/** First day of the first whole period of this grain on or after `day`. */
function nextPeriodStart(day: string, grain: CellGrain): string {
  const start = periodStart(day, grain);
  if (start === day) return day;
  const d = new Date(`${start}T00:00:00Z`);
  if (grain === "year") d.setUTCFullYear(d.getUTCFullYear() + 1);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return iso(d);
}

export function dayAfter(day: string): string {
  return iso(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));
}

/**
 * Splits [from, until) into whole periods of the coarsest grain and, at the edges, finer ranges: a 30-year
 * monthly chart reads month cells only; one from 2005-03-15 also reads the days of 15–31 March.
 */
export function coverRange(grain: CellGrain, from: string | null, until: string | null): CellRange[] {
  const finer = FINER[grain];
  if (finer === null) return [{ grain, from, until }];
  if (grain === "all") return from === null && until === null ? [{ grain, from, until }] : coverRange(finer, from, until);
  const start = from === null ? null : nextPeriodStart(from, grain);
  const end = until === null ? null : periodStart(until, grain);
  if (start !== null && end !== null && start >= end) return coverRange(finer, from, until);
  return [
    { grain, from: start, until: end },
    ...(from !== null && start !== null && from < start ? coverRange(finer, from, start) : []),
    ...(until !== null && end !== null && end < until ? coverRange(finer, end, until) : []),
  ];
}

/** The cells of [from, to] (both optional, `to` included) at the coarsest grains that fit, as one row source. */
export function coveringCells(grain: CellGrain, range: { from?: string; to?: string }, where: SQL): SQL {
  const parts = coverRange(grain, range.from ?? null, range.to ? dayAfter(range.to) : null).map(
    (r) => sql`select * from ${sql.raw(CELL_TABLES[r.grain])} where ${where}
      ${r.from === null ? sql`` : sql`and day >= ${r.from}::date`} ${r.until === null ? sql`` : sql`and day < ${r.until}::date`}`,
  );
  return sql.join(parts, sql` union all `);
}
