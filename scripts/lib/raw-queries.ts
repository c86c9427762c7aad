// The chart queries computed from raw rows, no cells: the baseline the scale bench sets the cells beside,
// and the reference a test holds the cells to. Postgres over the normalised tables; DuckDB over flat exports.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ALL_THEMES } from "@/db/schema";
import { PRECISIONS_FOR, type PeriodInterval } from "@/lib/engine/periods";

export interface RawSeriesQuery {
  speaker: string;
  counterpart: string;
  themeIds: number[];
  interval: PeriodInterval;
  from?: string;
  to?: string;
  /** Only statements in this language. */
  language?: string;
}

export interface RawSeriesRow {
  theme_id: number;
  period: string;
  statements: number;
  passages: number;
  tone_sum: number;
  tone_n: number;
}

const PERIOD: Record<PeriodInterval, string> = {
  year: "to_char(st.date, 'YYYY')",
  quarter: `to_char(st.date, 'YYYY-"Q"Q')`,
  month: "to_char(st.date, 'YYYY-MM')",
  week: "to_char(date_trunc('week', st.date), 'YYYY-MM-DD')",
};

/**
 * One directed pair's series from statements, statement_pairs, passage_counterparts, tags and passages, as
 * pairSeries counts it: the pair's passages are those addressed to the counterpart (all of them when staff set
 * the pair); a theme counts through them, or through a person's tag on the whole statement.
 */
export function rawSeriesSql(q: RawSeriesQuery): SQL {
  const precisions = sql.join(
    PRECISIONS_FOR[q.interval].map((p) => sql`${p}`),
    sql`, `,
  );
  const themes = sql.join(
    q.themeIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return sql`
    with chosen as (
      select st.id, sp.origin, ${sql.raw(PERIOD[q.interval])} as period
      from statements st join statement_pairs sp on sp.statement_id = st.id
      where sp.speaker_iso3 = ${q.speaker} and sp.counterpart_iso3 = ${q.counterpart} and st.date is not null
        and coalesce(st.date_precision, 'day')::text in (${precisions})
        ${q.from ? sql`and st.date >= ${q.from}::date` : sql``} ${q.to ? sql`and st.date <= ${q.to}::date` : sql``}
        ${q.language ? sql`and st.language = ${q.language}` : sql``}
    ),
    pair_passages as (
      select c.id as statement_id, c.period, p.id as passage_id, p.tone
      from chosen c join passages p on p.statement_id = c.id
      where c.origin <> 'mention' or p.id in (select passage_id from passage_counterparts where iso3 = ${q.counterpart} and addressed)
    ),
    themed as (
      select distinct c.period, t.statement_id, t.theme_id, t.passage_id
      from chosen c join tags t on t.statement_id = c.id
      where t.theme_id in (${themes}) and t.status <> 'rejected'
    )
    select th.theme_id, th.period, count(distinct th.statement_id)::int as statements, count(pp.passage_id)::int as passages,
      coalesce(sum(pp.tone), 0)::float8 as tone_sum, count(pp.tone)::int as tone_n
    from themed th left join pair_passages pp on pp.passage_id = th.passage_id
    where th.passage_id is null or pp.passage_id is not null
    group by 1, 2
    union all
    select ${ALL_THEMES}::int, c.period, count(distinct c.id)::int, count(pp.passage_id)::int, coalesce(sum(pp.tone), 0)::float8, count(pp.tone)::int
    from chosen c left join pair_passages pp on pp.statement_id = c.id
    group by 1, 2`;
}

/** Statements and passages a speaker's country has per period, to anyone: the coverage beside a pair's series. */
export function rawSpeakerSql(q: Pick<RawSeriesQuery, "speaker" | "interval" | "from" | "to">): SQL {
  const precisions = sql.join(
    PRECISIONS_FOR[q.interval].map((p) => sql`${p}`),
    sql`, `,
  );
  return sql`
    select ${sql.raw(PERIOD[q.interval])} as period, count(distinct st.id)::int as statements, count(p.id)::int as passages
    from statements st left join passages p on p.statement_id = st.id
    where st.speaker_country = ${q.speaker} and st.date is not null and coalesce(st.date_precision, 'day')::text in (${precisions})
      ${q.from ? sql`and st.date >= ${q.from}::date` : sql``} ${q.to ? sql`and st.date <= ${q.to}::date` : sql``}
    group by 1 order by 1`;
}

export async function rawSeries(db: Db, q: RawSeriesQuery): Promise<RawSeriesRow[]> {
  const result = await db.execute(rawSeriesSql(q));
  return (result as unknown as { rows: RawSeriesRow[] }).rows;
}

/** Statements per directed pair × theme (the all-pairs overview) dated within [from, to], from raw rows. */
export function rawOverviewSql(range: { from?: string; to?: string } = {}): SQL {
  const dated = sql`st.date is not null and st.date >= ${range.from ?? "0001-01-01"}::date and st.date <= ${range.to ?? "9999-12-31"}::date`;
  return sql`
    select sp.speaker_iso3, sp.counterpart_iso3, t.theme_id, count(distinct t.statement_id)::int as statements
    from tags t join statement_pairs sp on sp.statement_id = t.statement_id join statements st on st.id = t.statement_id
    where t.status <> 'rejected' and ${dated} and (t.passage_id is null or sp.origin <> 'mention'
      or exists (select 1 from passage_counterparts pc where pc.passage_id = t.passage_id and pc.iso3 = sp.counterpart_iso3 and pc.addressed))
    group by 1, 2, 3
    union all
    select sp.speaker_iso3, sp.counterpart_iso3, ${ALL_THEMES}::int, count(*)::int
    from statement_pairs sp join statements st on st.id = sp.statement_id where ${dated}
    group by 1, 2`;
}

/** The flat rows DuckDB reads: one per tag with its pair, date and tone; one per statement and pair. */
export const EXPORTS = {
  tag_rows: `select sp.speaker_iso3 as speaker, sp.counterpart_iso3 as counterpart, t.statement_id, t.passage_id, t.theme_id, p.tone,
      st.date as day, coalesce(st.date_precision, 'day')::text as precision
    from tags t join statement_pairs sp on sp.statement_id = t.statement_id join statements st on st.id = t.statement_id
    left join passages p on p.id = t.passage_id
    where t.status <> 'rejected' and st.date is not null and (t.passage_id is null or sp.origin <> 'mention'
      or exists (select 1 from passage_counterparts pc where pc.passage_id = t.passage_id and pc.iso3 = sp.counterpart_iso3 and pc.addressed))`,
  statement_rows: `select sp.speaker_iso3 as speaker, sp.counterpart_iso3 as counterpart, st.id as statement_id, st.date as day,
      coalesce(st.date_precision, 'day')::text as precision
    from statements st join statement_pairs sp on sp.statement_id = st.id where st.date is not null`,
};

/** DuckDB: the one-pair monthly series (themes + the pair's totals) over the flat rows. */
export function duckSeriesSql(q: RawSeriesQuery): string {
  const esc = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const precisions = PRECISIONS_FOR[q.interval].map(esc).join(", ");
  const period =
    q.interval === "month"
      ? "strftime(day, '%Y-%m')"
      : q.interval === "year"
        ? "strftime(day, '%Y')"
        : "strftime(date_trunc('" + q.interval + "', day), '%Y-%m-%d')";
  const pair = `speaker = ${esc(q.speaker)} and counterpart = ${esc(q.counterpart)} and precision in (${precisions})`;
  return `
    select theme_id, ${period} as period, count(distinct statement_id) as statements, count(passage_id) as passages,
      coalesce(sum(tone), 0) as tone_sum, count(tone) as tone_n
    from tag_rows where ${pair} and theme_id in (${q.themeIds.join(", ")}) group by all
    union all
    select ${ALL_THEMES}, ${period}, count(distinct statement_id), 0, 0, 0 from statement_rows where ${pair} group by all`;
}

export const DUCK_OVERVIEW_SQL = `
  select speaker, counterpart, theme_id, count(distinct statement_id) as statements from tag_rows group by all
  union all
  select speaker, counterpart, ${ALL_THEMES}, count(distinct statement_id) from statement_rows group by all`;
