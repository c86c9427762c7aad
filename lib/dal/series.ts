import { and, asc, count, eq, isNotNull, ne, sql } from "drizzle-orm";
import { statements } from "@/db/schema";
import { fillPeriods } from "@/lib/engine/periods";
import { requirePermission, type DalContext } from "./context";
import type { SeriesQuery } from "./filters";
import { statementWhere } from "./statement-filter-sql";

export interface SeriesPoint {
  period: string;
  statements: number;
}

export interface ThemeSeries {
  points: SeriesPoint[];
  /** Statements matching the filter whose date is too coarse for the interval (e.g. year-only dates monthly). */
  undatedForInterval: number;
}

/** Count of statements matching the filter (pair, theme, period) per year or month, with empty periods as 0. */
export async function themeFrequency(ctx: DalContext, query: SeriesQuery): Promise<ThemeSeries> {
  await requirePermission(ctx, "series:read");
  const { interval, ...filter } = query;
  const format = interval === "year" ? "YYYY" : "YYYY-MM";
  const period = sql<string>`to_char(${statements.date}, ${format})`;
  const fineEnough = interval === "month" ? ne(statements.datePrecision, "year") : undefined;
  const where = statementWhere(filter);
  const [rows, [coarse]] = await Promise.all([
    ctx.db
      .select({ period, statements: count() })
      .from(statements)
      .where(and(where, isNotNull(statements.date), fineEnough))
      .groupBy(period)
      .orderBy(asc(period)),
    interval === "month"
      ? ctx.db
          .select({ n: count() })
          .from(statements)
          .where(and(where, eq(statements.datePrecision, "year")))
      : Promise.resolve([{ n: 0 }]),
  ]);
  return { points: fillPeriods(rows, interval, (p) => ({ period: p, statements: 0 })), undatedForInterval: coarse?.n ?? 0 };
}
