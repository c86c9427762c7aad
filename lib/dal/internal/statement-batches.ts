import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { themes as themeTable } from "@/db/schema";
import type { ReportStatementRow } from "@/lib/export/report-model";

/** Rows read and written at a time by every statement export. */
export const STATEMENT_BATCH = 2000;

/**
 * The statements matching `where` (a condition on the `statements` table) with their pairs, themes and tone,
 * oldest first (undated last), STATEMENT_BATCH at a time, so an export of any size holds one batch of rows.
 *
 * The ids come first, in date order, in one query (a few bytes each; the filter and the sort run once); rows
 * then follow by primary key, the next batch already on its way while the caller writes this one. Keyset
 * paging on (date, id) re-ran the filter and the sort for every batch (10× slower).
 */
export async function* statementBatches(db: Db, where: SQL): AsyncGenerator<ReportStatementRow[]> {
  const [found] = rowsOf<{ ids: number[] | null }>(
    await db.execute(sql`select array_agg(statements.id order by coalesce(statements.date, '9999-12-31'::date), statements.id) as ids
      from statements where ${where}`),
  );
  const ids = found?.ids ?? [];
  // theme ids are turned into slugs here: joining themes for every statement cost more than the rest of the row
  const slugOf = new Map((await db.select({ id: themeTable.id, slug: themeTable.slug }).from(themeTable)).map((t) => [t.id, t.slug]));
  const batch = (start: number) => statementRows(db, ids.slice(start, start + STATEMENT_BATCH), slugOf);
  let next = ids.length > 0 ? batch(0) : null;
  try {
    for (let start = 0; next; start += STATEMENT_BATCH) {
      const rows = await next;
      next = start + STATEMENT_BATCH < ids.length ? batch(start + STATEMENT_BATCH) : null;
      yield rows;
    }
  } finally {
    next?.catch(() => undefined); // the reader left early: nobody waits for the batch in flight
  }
}

/**
 * One batch, in the order of `chunk` (date, then id), as a single JSON value: one row to decode instead of
 * thousands is 2–3× faster on PGlite, whose rows are decoded in JavaScript. The ids go as one array parameter.
 */
async function statementRows(db: Db, chunk: number[], slugOf: Map<number, string>): Promise<ReportStatementRow[]> {
  const [row] = rowsOf<{ rows: StatementJsonRow[] | string | null }>(
    await db.execute(sql`
      select json_agg(json_build_array(statements.id, to_char(statements.date, 'YYYY-MM-DD'), statements.date_precision,
        statements.title, statements.speaker_name, statements.speaker_title, statements.speaker_country, statements.tone, statements.source_url,
        (select string_agg(sp.speaker_iso3 || '>' || sp.counterpart_iso3, '; ' order by sp.is_primary desc, sp.mentions desc, sp.counterpart_iso3)
          from statement_pairs sp where sp.statement_id = statements.id),
        (select array_agg(t.theme_id) from tags t where t.statement_id = statements.id and t.status <> 'rejected'))
        order by coalesce(statements.date, '9999-12-31'::date), statements.id) as rows
      from statements
      where statements.id = any(${`{${chunk.join(",")}}`}::int[])`),
  );
  const rows = typeof row?.rows === "string" ? (JSON.parse(row.rows) as StatementJsonRow[]) : (row?.rows ?? []);
  return rows.map(([id, date, datePrecision, title, speakerName, speakerTitle, speakerCountry, tone, sourceUrl, pairs, themes]) => ({
    id,
    date,
    datePrecision,
    title,
    speakerName,
    speakerTitle,
    speakerCountry,
    pairs: pairs ?? "",
    themes: [...new Set((themes ?? []).map((id) => slugOf.get(id) ?? String(id)))].sort().join("; "),
    tone,
    sourceUrl,
  }));
}

type StatementJsonRow = [
  number,
  string | null,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  number | null,
  string | null,
  string | null,
  number[] | null,
];
