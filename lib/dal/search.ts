import { and, sql } from "drizzle-orm";
import { statements } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";
import type { StatementFilter } from "./filters";
import { statementWhere } from "./statement-filter-sql";

export const SEARCH_PAGE_SIZE = 25;


/** Full-text search (Postgres, websearch syntax: "quoted phrases", -not, or) with the statement filters. */
export async function searchStatements(ctx: DalContext, q: string, filter: StatementFilter, page = 1) {
  await requirePermission(ctx, "statements:read");
  // Postgres text cannot hold NUL; a pasted one would fail the query instead of matching nothing.
  const query = sql`websearch_to_tsquery('simple', ${q.replaceAll("\u0000", " ")})`;
  const where = and(sql`${statements.searchVector} @@ ${query}`, statementWhere(filter));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: statements.id,
        title: statements.title,
        date: statements.date,
        datePrecision: statements.datePrecision,
        speakerCountry: statements.speakerCountry,
        snippet: sql<string>`ts_headline('simple', ${statements.text}, ${query}, 'StartSel=«, StopSel=», MaxFragments=2, MaxWords=30, MinWords=10')`,
      })
      .from(statements)
      .where(where)
      .orderBy(sql`ts_rank(${statements.searchVector}, ${query}) desc`, sql`${statements.id} desc`)
      .limit(SEARCH_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * SEARCH_PAGE_SIZE),
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(statements).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page, pageSize: SEARCH_PAGE_SIZE };
}
