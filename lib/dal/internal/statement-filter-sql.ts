import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { statements } from "@/db/schema";
import type { StatementFilter } from "@/lib/dal/filters";

/** The WHERE clause for a statement filter; every value is bound as a parameter, never spliced. */
export function statementWhere(filter: StatementFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filter.counterpart) {
    conditions.push(sql`exists (select 1 from statement_pairs sp where sp.statement_id = ${statements.id}
      and sp.counterpart_iso3 = ${filter.counterpart}
      ${filter.speaker ? sql`and sp.speaker_iso3 = ${filter.speaker}` : sql``})`);
  } else if (filter.speaker) {
    conditions.push(eq(statements.speakerCountry, filter.speaker));
  }
  if (filter.theme) {
    conditions.push(sql`exists (select 1 from tags t join themes th on th.id = t.theme_id
      where t.statement_id = ${statements.id} and t.status <> 'rejected' and th.slug = ${filter.theme})`);
  }
  if (filter.from) conditions.push(gte(statements.date, filter.from));
  if (filter.to) conditions.push(lte(statements.date, filter.to));
  if (filter.language) conditions.push(eq(statements.language, filter.language));
  return and(...conditions);
}
