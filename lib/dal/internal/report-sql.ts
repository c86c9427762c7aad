import { sql, type SQL } from "drizzle-orm";
import type { ReportSpec } from "@/lib/export/report-spec";

/** Statements of a report: on one of its pairs, carrying one of its themes, within its period. Values are bound. */
export function reportStatementWhere(spec: ReportSpec, statement: SQL = sql.raw("statements")): SQL {
  const pairs = sql.join(
    spec.pairs.flatMap(({ speaker, counterpart }) => {
      const one = sql`(sp.speaker_iso3 = ${speaker} and sp.counterpart_iso3 = ${counterpart})`;
      return spec.bothDirections ? [one, sql`(sp.speaker_iso3 = ${counterpart} and sp.counterpart_iso3 = ${speaker})`] : [one];
    }),
    sql` or `,
  );
  const themes = sql.join(
    spec.themes.map((t) => sql`${t}`),
    sql`, `,
  );
  return sql`exists (select 1 from statement_pairs sp where sp.statement_id = ${statement}.id and (${pairs}))
    and exists (select 1 from tags t join themes th on th.id = t.theme_id
      where t.statement_id = ${statement}.id and t.status <> 'rejected' and th.slug in (${themes}))
    ${spec.from ? sql`and ${statement}.date >= ${spec.from}` : sql``}
    ${spec.to ? sql`and ${statement}.date <= ${spec.to}` : sql``}
    ${spec.language ? sql`and ${statement}.language = ${spec.language}` : sql``}`;
}

/** Series cells of a report's pairs (both directions when asked) and period. */
export function reportCellWhere(spec: ReportSpec): SQL {
  const pairs = sql.join(
    spec.pairs.flatMap(({ speaker, counterpart }) => {
      const one = sql`(speaker_iso3 = ${speaker} and counterpart_iso3 = ${counterpart})`;
      return spec.bothDirections ? [one, sql`(speaker_iso3 = ${counterpart} and counterpart_iso3 = ${speaker})`] : [one];
    }),
    sql` or `,
  );
  return sql`(${pairs}) ${spec.from ? sql`and day >= ${spec.from}` : sql``} ${spec.to ? sql`and day <= ${spec.to}` : sql``} ${spec.language ? sql`and language = ${spec.language}` : sql``}`;
}
