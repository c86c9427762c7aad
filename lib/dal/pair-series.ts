import { inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf } from "@/db/client";
import { ALL_THEMES, themes as themeTable } from "@/db/schema";
import { fillPeriods, INTERVALS, PRECISIONS_FOR, type PeriodInterval } from "@/lib/engine/periods";
import { meanWithInterval } from "@/lib/engine/series-math";
import { requirePermission, type DalContext } from "./context";
import { COARSEST_GRAIN, coveringCells } from "./cell-cover";
import { iso3Schema, themeSlugSchema } from "./filters";

/** Tone of a period with fewer statements than this is still a point, marked as low evidence. */
export const MIN_STATEMENTS_FOR_TONE = 3;

export const pairSeriesQuerySchema = z.object({
  pairs: z.array(z.object({ speaker: iso3Schema, counterpart: iso3Schema })).min(1).max(4),
  bothDirections: z.boolean().default(false),
  themes: z.array(themeSlugSchema).min(1).max(12),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  interval: z.enum(INTERVALS).default("year"),
  measure: z.enum(["statements", "passages"]).default("statements"),
  scale: z.enum(["count", "share"]).default("count"),
});
export type PairSeriesQuery = z.infer<typeof pairSeriesQuerySchema>;

export interface PairSeriesPoint {
  period: string;
  /** null: the speaker said nothing at all in the period (a gap). Otherwise count, or share 0..1 of the pair's passages/statements. */
  value: number | null;
  statements: number;
  passages: number;
  coverage: { speakerStatements: number; speakerPassages: number; pairStatements: number; pairPassages: number };
  tone: { mean: number; low: number; high: number; statements: number; passages: number; lowEvidence: boolean } | null;
}

export interface PairSeriesResult {
  series: PairSeries[];
  /** Statements dated too coarsely for the interval. */
  tooCoarse: number;
  /** Statements of the chosen pairs with no date: in no period. */
  undated: number;
  /** Statements of the chosen pairs' speakers that name no counterpart: in no pair. */
  unpaired: number;
}

export interface PairSeries {
  pair: string;
  speaker: string;
  counterpart: string;
  theme: string;
  points: PairSeriesPoint[];
}

// On `timestamp`, not the `timestamptz` a bare date becomes: no time-zone work per cell.
const PERIOD_SQL: Record<PeriodInterval, (day: SQL) => SQL> = {
  year: (day) => sql`to_char(${day}::timestamp, 'YYYY')`,
  quarter: (day) => sql`to_char(${day}::timestamp, 'YYYY-"Q"Q')`,
  month: (day) => sql`to_char(${day}::timestamp, 'YYYY-MM')`,
  week: (day) => sql`to_char(date_trunc('week', ${day}::timestamp), 'YYYY-MM-DD')`,
};

/** Frequency and tone per pair × theme × period, read from the pre-aggregated series cells at the coarsest grain that fits. */
export async function pairSeries(ctx: DalContext, query: PairSeriesQuery): Promise<PairSeriesResult> {
  // The theme ids are looked up beside the permission check (one round trip less); nothing is returned on refusal.
  const [, themes] = await Promise.all([
    requirePermission(ctx, "series:read"),
    ctx.db.select({ id: themeTable.id, slug: themeTable.slug }).from(themeTable).where(inArray(themeTable.slug, query.themes)),
  ]);
  const themeIds = [ALL_THEMES, ...themes.map((t) => t.id)];
  const pairMatch = sql.join(
    query.pairs.flatMap(({ speaker, counterpart }) => {
      const one = sql`(speaker_iso3 = ${speaker} and counterpart_iso3 = ${counterpart})`;
      return query.bothDirections ? [one, sql`(speaker_iso3 = ${counterpart} and counterpart_iso3 = ${speaker})`] : [one];
    }),
    sql` or `,
  );
  const themeMatch = sql`(${pairMatch}) and theme_id in (${sql.join(themeIds.map((id) => sql`${id}`), sql`, `)})`;
  const fine = sql`precision::text in (${sql.join(PRECISIONS_FOR[query.interval].map((p) => sql`${p}`), sql`, `)})`;
  const sum = (column: string, type: string, which: SQL) => sql`coalesce(sum(${sql.raw(column)}) filter (where ${which}), 0)::${sql.raw(type)}`;
  // One JSON text instead of thousands of rows: parsing rows is most of the time on the embedded database.
  const result = await ctx.db.execute(sql`
    select coalesce(json_agg(json_build_array(speaker_iso3, counterpart_iso3, theme_id, period, statements, passages, tone_sum, tone_sum_sq, tone_n, coarse)), '[]')::text as cells
    from (
      select speaker_iso3, counterpart_iso3, theme_id, ${PERIOD_SQL[query.interval](sql`day`)} as period,
        ${sum("statements", "int", fine)} as statements, ${sum("passages", "int", fine)} as passages,
        ${sum("tone_sum", "float8", fine)} as tone_sum, ${sum("tone_sum_sq", "float8", fine)} as tone_sum_sq,
        ${sum("tone_n", "int", fine)} as tone_n, ${sum("statements", "int", sql`not (${fine})`)} as coarse
      from (${coveringCells(COARSEST_GRAIN[query.interval], query, themeMatch)}) cells
      group by 1, 2, 3, 4
    ) sums`);
  const cells = JSON.parse(rowsOf<{ cells: string }>(result)[0]!.cells) as [string, string, number, string, number, number, number, number, number, number][];
  const rows = cells.map(([speaker, counterpart, theme_id, period, statements, passages, tone_sum, tone_sum_sq, tone_n, coarse]): CellSum => ({
    speaker,
    counterpart,
    theme_id,
    period,
    statements,
    passages,
    tone_sum,
    tone_sum_sq,
    tone_n,
    coarse,
  }));
  return { ...buildSeries(query, themes, rows), ...(await leftOut(ctx, query)) };
}

/** Statements of the chosen pairs that no series can show: undated ones, and the speakers' statements that name no counterpart. */
async function leftOut(ctx: DalContext, query: PairSeriesQuery): Promise<{ undated: number; unpaired: number }> {
  const speakers = [...new Set(query.pairs.flatMap((p) => (query.bothDirections ? [p.speaker, p.counterpart] : [p.speaker])))];
  const pairMatch = sql.join(
    query.pairs.flatMap(({ speaker, counterpart }) => {
      const one = sql`(sp.speaker_iso3 = ${speaker} and sp.counterpart_iso3 = ${counterpart})`;
      return query.bothDirections ? [one, sql`(sp.speaker_iso3 = ${counterpart} and sp.counterpart_iso3 = ${speaker})`] : [one];
    }),
    sql` or `,
  );
  const result = await ctx.db.execute(sql`
    select
      (select count(distinct s.id) from statements s join statement_pairs sp on sp.statement_id = s.id where s.date is null and (${pairMatch}))::int as undated,
      (select count(*) from statements s where s.speaker_country in (${sql.join(speakers.map((c) => sql`${c}`), sql`, `)})
        and not exists (select 1 from statement_pairs sp where sp.statement_id = s.id))::int as unpaired`);
  const [row] = rowsOf<{ undated: number; unpaired: number }>(result);
  return { undated: row?.undated ?? 0, unpaired: row?.unpaired ?? 0 };
}

interface CellSum {
  speaker: string;
  counterpart: string;
  theme_id: number;
  period: string;
  statements: number;
  passages: number;
  tone_sum: number;
  tone_sum_sq: number;
  tone_n: number;
  /** Statements too coarsely dated for the interval (left out of the other sums). */
  coarse: number;
}

function buildSeries(query: PairSeriesQuery, themes: { id: number; slug: string }[], rows: CellSum[]) {
  const tooCoarse = rows.filter((r) => r.theme_id === ALL_THEMES).reduce((n, r) => n + r.coarse, 0);
  const usable = rows.filter((r) => r.statements > 0);
  const series: PairSeries[] = [];
  for (const { speaker, counterpart } of query.pairs) {
    const inPair = (r: CellSum) =>
      (r.speaker === speaker && r.counterpart === counterpart) ||
      (query.bothDirections && r.speaker === counterpart && r.counterpart === speaker);
    const totals = sumByPeriod(usable.filter((r) => inPair(r) && r.theme_id === ALL_THEMES));
    for (const theme of themes) {
      const sums = sumByPeriod(usable.filter((r) => inPair(r) && r.theme_id === theme.id));
      // A period where the pair has statements but none on this theme is a zero; one with none at all is a gap.
      // The cells here know only the pair, so the pair's statements stand in for the speaker's.
      const points = [...totals.values()].map((total): PairSeriesPoint => {
        const s = sums.get(total.period);
        const statements = s?.statements ?? 0;
        const passages = s?.passages ?? 0;
        const count = query.measure === "statements" ? statements : passages;
        const denominator = query.measure === "statements" ? total.statements : total.passages;
        const tone = s ? meanWithInterval(s.tone_sum, s.tone_sum_sq, s.tone_n) : null;
        return {
          period: total.period,
          value: query.scale === "share" ? (denominator > 0 ? fourPlaces(count / denominator) : null) : count,
          statements,
          passages,
          coverage: { speakerStatements: total.statements, speakerPassages: total.passages, pairStatements: total.statements, pairPassages: total.passages },
          tone: tone && {
            mean: fourPlaces(tone.mean),
            low: fourPlaces(tone.low),
            high: fourPlaces(tone.high),
            statements,
            passages: s!.tone_n,
            lowEvidence: statements < MIN_STATEMENTS_FOR_TONE,
          },
        };
      });
      series.push({
        pair: `${speaker}${query.bothDirections ? "↔" : "→"}${counterpart}`,
        speaker,
        counterpart,
        theme: theme.slug,
        points: fillPeriods(points, query.interval, (period) => ({
          period,
          value: null,
          statements: 0,
          passages: 0,
          coverage: { speakerStatements: 0, speakerPassages: 0, pairStatements: 0, pairPassages: 0 },
          tone: null,
        })),
      });
    }
  }
  return { series, tooCoarse };
}

/** Shares and tone to four decimals: more would be noise in a chart or a download, and doubles the JSON. */
function fourPlaces(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function sumByPeriod(rows: CellSum[]): Map<string, CellSum> {
  const sums = new Map<string, CellSum>();
  for (const r of rows) {
    const s = sums.get(r.period);
    if (!s) {
      sums.set(r.period, { ...r });
      continue;
    }
    s.statements += r.statements;
    s.passages += r.passages;
    s.tone_sum += r.tone_sum;
    s.tone_sum_sq += r.tone_sum_sq;
    s.tone_n += r.tone_n;
  }
  return sums;
}

/** Where the activity is: the busiest pairs in a period, and how many of their statements carry each theme. */
export async function pairThemeOverview(ctx: DalContext, range: { from?: string; to?: string }, limit = 15) {
  await requirePermission(ctx, "series:read");
  // All-time cells for an open range; else whole years from the year cells, the edges from months and days.
  // The busiest pairs are found from the all-themes cells, then only their cells are read per theme.
  const result = await ctx.db.execute(sql`
    with busiest as materialized (
      select speaker_iso3, counterpart_iso3, sum(statements)::int as total
      from (${coveringCells("all", range, sql`theme_id = ${ALL_THEMES}`)}) c
      group by 1, 2 order by total desc, 1, 2 limit ${limit}
    ),
    cells as (
      select b.speaker_iso3, b.counterpart_iso3, c.theme_id, sum(c.statements)::int as statements
      from busiest b
      cross join lateral (${coveringCells("all", range, sql`speaker_iso3 = b.speaker_iso3 and counterpart_iso3 = b.counterpart_iso3`)}) c
      group by 1, 2, 3
    )
    select coalesce(json_agg(json_build_array(speaker, counterpart, total, theme, statements) order by total desc, speaker, counterpart, theme), '[]')::text as rows
    from (
      select b.speaker_iso3 as speaker, b.counterpart_iso3 as counterpart, b.total, t.slug as theme, coalesce(c.statements, 0)::int as statements
      from busiest b
      cross join themes t
      left join cells c on c.speaker_iso3 = b.speaker_iso3 and c.counterpart_iso3 = b.counterpart_iso3 and c.theme_id = t.id
      where t.enabled
    ) o`);
  const rows = (JSON.parse(rowsOf<{ rows: string }>(result)[0]!.rows) as [string, string, number, string, number][]).map(([speaker, counterpart, total, theme, statements]) => ({
    speaker,
    counterpart,
    total,
    theme,
    statements,
  }));
  const pairs = new Map<string, { speaker: string; counterpart: string; total: number; byTheme: Record<string, number> }>();
  for (const r of rows) {
    const key = `${r.speaker}>${r.counterpart}`;
    const pair = pairs.get(key) ?? { speaker: r.speaker, counterpart: r.counterpart, total: r.total, byTheme: {} };
    pair.byTheme[r.theme] = r.statements;
    pairs.set(key, pair);
  }
  return [...pairs.values()];
}
