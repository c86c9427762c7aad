import { and, sql, type SQL } from "drizzle-orm";
import { statements } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";
import type { StatementFilter } from "./filters";
import { statementWhere } from "./internal/statement-filter-sql";

export const SEARCH_PAGE_SIZE = 25;

/** A word ending in * (pipel*, -pipel*): websearch syntax has no prefixes, so these become tsquery prefix terms. */
const PREFIX_WORD = /(^|\s)(-?)([\p{L}\p{N}]+)\*(?=\s|$)/gu;

type SearchConfig = "simple" | "russian";

/**
 * The search as one tsquery in a text-search configuration: websearch syntax ("quoted phrases", -not, or) for the
 * words, and word* for every word that starts with it. Postgres text cannot hold NUL; a pasted one would fail the
 * query instead of matching nothing.
 */
export function searchQuery(q: string, config: SearchConfig = "simple"): SQL {
  const text = q.replaceAll("\u0000", " ");
  const cfg = sql.raw(`'${config}'`);
  const prefixes = [...text.matchAll(PREFIX_WORD)].map(
    ([, , not, word]) => sql`${sql.raw(not ? "!!" : "")}to_tsquery(${cfg}, ${`${word!.toLowerCase()}:*`})`,
  );
  const rest = text.replace(PREFIX_WORD, " ").trim();
  const parts = rest || prefixes.length === 0 ? [sql`websearch_to_tsquery(${cfg}, ${rest})`, ...prefixes] : prefixes;
  return sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * The query as a statement's search vector was made (db/schema/statements.ts): Russian statements by the
 * 'russian' configuration, so a word finds its other case forms there, every other one by 'simple'.
 */
function queryFor(q: string): { match: SQL; query: SQL } {
  const [russian, simple] = [searchQuery(q, "russian"), searchQuery(q)];
  return {
    // Two matches joined by or, each of which the search index serves; the case only ranks the rows found.
    match: sql`((${statements.language} = 'ru' and ${statements.searchVector} @@ ${russian}) or (${statements.language} <> 'ru' and ${statements.searchVector} @@ ${simple}))`,
    query: sql`(case when ${statements.language} = 'ru' then ${russian} else ${simple} end)`,
  };
}

/** Full-text search with the statement filters; see searchQuery for the syntax. */
export async function searchStatements(ctx: DalContext, q: string, filter: StatementFilter, page = 1) {
  await requirePermission(ctx, "statements:read");
  const { match, query } = queryFor(q);
  const where = and(match, statementWhere(filter));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: statements.id,
        title: statements.title,
        date: statements.date,
        datePrecision: statements.datePrecision,
        speakerCountry: statements.speakerCountry,
        snippet: sql<string>`ts_headline(case when ${statements.language} = 'ru' then 'russian'::regconfig else 'simple'::regconfig end, ${statements.text}, ${query}, 'StartSel=«, StopSel=», MaxFragments=2, MaxWords=30, MinWords=10')`,
      })
      .from(statements)
      .where(where)
      .orderBy(sql`ts_rank(${statements.searchVector}, ${query}) desc`, sql`${statements.id} desc`)
      .limit(SEARCH_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * SEARCH_PAGE_SIZE),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(statements)
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0, page, pageSize: SEARCH_PAGE_SIZE };
}
