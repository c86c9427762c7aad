import { inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf } from "@/db/client";
import { ALL_THEMES, ANY_COUNTERPART, themes as themeTable } from "@/db/schema";
import { fillPeriods, INTERVALS, PRECISIONS_FOR, type PeriodInterval } from "@/lib/engine/periods";
import { clusteredToneInterval, type ToneEstimate, type ToneSums } from "@/lib/engine/series-math";
import { requirePermission, type DalContext } from "./context";
import { cachedRead } from "./read-cache";
import { COARSEST_GRAIN, coveringCells } from "./internal/cell-cover";
import { CELL_SUMS } from "./internal/series-cells";
import { iso3Schema, languageSchema, themeSlugSchema } from "@/lib/validation";
import { EARLIEST_DAY, LATEST_DAY, usableDaySchema } from "@/lib/engine/dates";

export const pairSeriesQuerySchema = z.object({
  pairs: z
    .array(z.object({ speaker: iso3Schema, counterpart: iso3Schema }))
    .min(1)
    .max(4),
  bothDirections: z.boolean().default(false),
  themes: z.array(themeSlugSchema).min(1).max(12),
  from: usableDaySchema.optional(),
  to: usableDaySchema.optional(),
  interval: z.enum(INTERVALS).default("year"),
  measure: z.enum(["statements", "passages"]).default("statements"),
  scale: z.enum(["count", "share"]).default("count"),
  /** Only statements in this language (the cells keep each language apart); none: all of them. */
  language: languageSchema.optional(),
});
export type PairSeriesQuery = z.infer<typeof pairSeriesQuerySchema>;

export interface PairSeriesPoint {
  period: string;
  /** null: the speaker said nothing at all in the period (a gap). Otherwise count, or share 0..1 of the pair's passages/statements. */
  value: number | null;
  /** Statements of the pair carrying the theme through a passage. */
  statements: number;
  /** Passages carrying both the theme and the counterpart. */
  passages: number;
  /** What the corpus holds in the period: from the speaker to anyone, and from the speaker about the counterpart. */
  coverage: { speakerStatements: number; speakerPassages: number; pairStatements: number; pairPassages: number };
  /** Mean tone of the passages counted, with a cluster-robust 95% interval; low evidence under LOW_EVIDENCE_STATEMENTS statements. */
  tone: ToneEstimate | null;
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

type Sums = Record<(typeof CELL_SUMS)[number], number>;
const INTEGER = new Set(["statements", "passages", "tone_n", "tone_statements"]);

export interface PairSeriesResult {
  series: PairSeries[];
  /** Statements of the chosen pairs (in range) dated too coarsely for the interval, left out. */
  tooCoarse: number;
  /** Statements of the chosen pairs with no date at all, left out. */
  undated: number;
  /** Statements of the chosen speakers with no counterpart at all, in no pair's series. */
  unpaired: number;
}

/**
 * Frequency and tone per pair × theme × period, read from the pre-aggregated series cells at the coarsest grain
 * that fits, with the speaker's own cells for coverage: a period the speaker said nothing in is a gap (null).
 */
export function pairSeries(ctx: DalContext, query: PairSeriesQuery): Promise<PairSeriesResult> {
  const normal = pairSeriesQuerySchema.parse(query);
  return cachedRead(ctx, "series:read", "pairSeries", normal, () => readPairSeries(ctx, normal));
}

async function readPairSeries(ctx: DalContext, query: PairSeriesQuery): Promise<PairSeriesResult> {
  // The theme ids are looked up beside the permission check (one round trip less); nothing is returned on refusal.
  const [, themes] = await Promise.all([
    requirePermission(ctx, "series:read"),
    ctx.db.select({ id: themeTable.id, slug: themeTable.slug }).from(themeTable).where(inArray(themeTable.slug, query.themes)),
  ]);
  const themeIds = [ALL_THEMES, ...themes.map((t) => t.id)];
  const directed = query.pairs.flatMap(({ speaker, counterpart }) =>
    query.bothDirections
      ? [
          { speaker, counterpart },
          { speaker: counterpart, counterpart: speaker },
        ]
      : [{ speaker, counterpart }],
  );
  const speakers = [...new Set(directed.map((p) => p.speaker))];
  const list = (items: (string | number)[]) =>
    sql.join(
      items.map((x) => sql`${x}`),
      sql`, `,
    );
  const pairMatch = sql.join(
    directed.map(({ speaker, counterpart }) => sql`(speaker_iso3 = ${speaker} and counterpart_iso3 = ${counterpart})`),
    sql` or `,
  );
  const inLanguage = (column: SQL) => (query.language ? sql`and ${column} = ${query.language}` : sql``);
  const cellMatch = sql`((${pairMatch}) or (counterpart_iso3 = ${ANY_COUNTERPART} and speaker_iso3 in (${list(speakers)}))) and theme_id in (${list(themeIds)}) ${inLanguage(sql`language`)}`;
  const fine = sql`precision::text in (${list(PRECISIONS_FOR[query.interval])})`;
  const sum = (column: string, which: SQL) =>
    sql`coalesce(sum(${sql.raw(column)}) filter (where ${which}), 0)::${sql.raw(INTEGER.has(column) ? "int" : "float8")}`;
  // One JSON text instead of thousands of rows: parsing rows is most of the time on the embedded database.
  const cellsQuery = ctx.db.execute(sql`
    select coalesce(json_agg(json_build_array(speaker_iso3, counterpart_iso3, theme_id, period, coarse, ${sql.raw(CELL_SUMS.join(", "))})), '[]')::text as cells
    from (
      select speaker_iso3, counterpart_iso3, theme_id, ${PERIOD_SQL[query.interval](sql`day`)} as period,
        ${sum("statements", sql`not (${fine})`)} as coarse,
        ${sql.join(
          CELL_SUMS.map((c) => sql`${sum(c, fine)} as ${sql.raw(c)}`),
          sql`, `,
        )}
      from (${coveringCells(COARSEST_GRAIN[query.interval], usableRange(query), cellMatch)}) cells
      group by 1, 2, 3, 4
    ) sums`);
  // Left out of every series, so counted here from raw rows: few, and found by the pair and speaker indexes.
  const pairRows = sql.join(
    directed.map(({ speaker, counterpart }) => sql`(sp.speaker_iso3 = ${speaker} and sp.counterpart_iso3 = ${counterpart})`),
    sql` or `,
  );
  const missingQuery = ctx.db.execute(sql`select
    (select count(distinct s.id) from statement_pairs sp join statements s on s.id = sp.statement_id where (${pairRows}) and s.date is null ${inLanguage(sql`s.language`)})::int as undated,
    (select count(*) from statements s where s.speaker_country in (${list(speakers)}) ${inLanguage(sql`s.language`)}
      and not exists (select 1 from statement_pairs sp where sp.statement_id = s.id))::int as unpaired`);
  const [cellResult, missingResult] = [await cellsQuery, await missingQuery];
  const cells = JSON.parse(rowsOf<{ cells: string }>(cellResult)[0]!.cells) as [string, string, number, string, number, ...number[]][];
  const rows = cells.map(([speaker, counterpart, theme_id, period, coarse, ...sums]): CellSum => ({
    speaker,
    counterpart,
    theme_id,
    period,
    coarse,
    ...(Object.fromEntries(CELL_SUMS.map((c, i) => [c, sums[i]!])) as Sums),
  }));
  const missing = rowsOf<{ undated: number; unpaired: number }>(missingResult)[0]!;
  return { ...buildSeries(query, themes, rows), undated: missing.undated, unpaired: missing.unpaired };
}

/** The range asked for, within the usable years: a date stored before they were enforced never reaches a chart. */
function usableRange(range: { from?: string; to?: string }) {
  return { from: range.from ?? EARLIEST_DAY, to: range.to ?? LATEST_DAY };
}

interface CellSum extends Sums {
  speaker: string;
  /** ANY_COUNTERPART for the speaker's own cells. */
  counterpart: string;
  theme_id: number;
  period: string;
  /** Statements too coarsely dated for the interval (left out of the other sums). */
  coarse: number;
}

function buildSeries(query: PairSeriesQuery, themes: { id: number; slug: string }[], rows: CellSum[]) {
  const tooCoarse = rows.filter((r) => r.theme_id === ALL_THEMES && r.counterpart !== ANY_COUNTERPART).reduce((n, r) => n + r.coarse, 0);
  const usable = rows.filter((r) => r.statements > 0);
  const series: PairSeries[] = [];
  for (const { speaker, counterpart } of query.pairs) {
    const inPair = (r: CellSum) =>
      (r.speaker === speaker && r.counterpart === counterpart) ||
      (query.bothDirections && r.speaker === counterpart && r.counterpart === speaker);
    const bySpeaker = (r: CellSum) =>
      r.counterpart === ANY_COUNTERPART && (r.speaker === speaker || (query.bothDirections && r.speaker === counterpart));
    const spoken = sumByPeriod(usable.filter(bySpeaker));
    const totals = sumByPeriod(usable.filter((r) => inPair(r) && r.theme_id === ALL_THEMES));
    for (const theme of themes) {
      const sums = sumByPeriod(usable.filter((r) => inPair(r) && r.theme_id === theme.id));
      const periods = new Set([...spoken.keys(), ...sums.keys()]);
      const points = [...periods].map((period): PairSeriesPoint => {
        const s = sums.get(period);
        const total = totals.get(period);
        const said = spoken.get(period);
        const statements = s?.statements ?? 0;
        const passages = s?.passages ?? 0;
        const count = query.measure === "statements" ? statements : passages;
        const denominator = total ? (query.measure === "statements" ? total.statements : total.passages) : 0;
        const tone = s ? clusteredToneInterval(toneSums(s)) : null;
        return {
          period,
          value: query.scale === "share" ? (denominator > 0 ? fourPlaces(count / denominator) : 0) : count,
          statements,
          passages,
          coverage: {
            speakerStatements: said?.statements ?? 0,
            speakerPassages: said?.passages ?? 0,
            pairStatements: total?.statements ?? 0,
            pairPassages: total?.passages ?? 0,
          },
          tone:
            tone && s
              ? {
                  mean: fourPlaces(tone.mean),
                  low: fourPlaces(tone.low),
                  high: fourPlaces(tone.high),
                  statements: s.tone_statements,
                  passages: s.tone_n,
                  lowEvidence: tone.lowEvidence,
                }
              : null,
        };
      });
      series.push({
        pair: `${speaker}${query.bothDirections ? "↔" : "→"}${counterpart}`,
        speaker,
        counterpart,
        theme: theme.slug,
        points: fillPeriods(points, query.interval, gap),
      });
    }
  }
  return { series, tooCoarse };
}

/** A period the speaker said nothing in: no value at all, not a zero. */
function gap(period: string): PairSeriesPoint {
  return {
    period,
    value: null,
    statements: 0,
    passages: 0,
    coverage: { speakerStatements: 0, speakerPassages: 0, pairStatements: 0, pairPassages: 0 },
    tone: null,
  };
}

function toneSums(s: Sums): ToneSums {
  return {
    toneSum: s.tone_sum,
    toneSumSq: s.tone_sum_sq,
    toneN: s.tone_n,
    toneStatements: s.tone_statements,
    clusterSumSq: s.cluster_sum_sq,
    clusterCross: s.cluster_cross,
    clusterNSq: s.cluster_n_sq,
  };
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
    for (const c of CELL_SUMS) s[c] += r[c];
  }
  return sums;
}

/** Where the activity is: the busiest pairs in a period, and how many of their statements carry each theme. */
type OverviewRange = { from?: string; to?: string; language?: string };

export function pairThemeOverview(ctx: DalContext, range: OverviewRange, limit = 15) {
  const key = { from: range.from ?? null, to: range.to ?? null, language: range.language ?? null, limit };
  return cachedRead(ctx, "series:read", "pairThemeOverview", key, () => readPairThemeOverview(ctx, range, limit));
}

async function readPairThemeOverview(ctx: DalContext, range: OverviewRange, limit: number) {
  await requirePermission(ctx, "series:read");
  const language = range.language ? sql`and language = ${range.language}` : sql``;
  // All-time cells for an open range; else whole years from the year cells, the edges from months and days.
  // The busiest pairs are found from the all-themes cells, then only their cells are read per theme.
  const result = await ctx.db.execute(sql`
    with busiest as materialized (
      select speaker_iso3, counterpart_iso3, sum(statements)::int as total
      from (${coveringCells("all", range, sql`theme_id = ${ALL_THEMES} and counterpart_iso3 <> ${ANY_COUNTERPART} ${language}`)}) c
      group by 1, 2 order by total desc, 1, 2 limit ${limit}
    ),
    cells as (
      select b.speaker_iso3, b.counterpart_iso3, c.theme_id, sum(c.statements)::int as statements
      from busiest b
      cross join lateral (${coveringCells("all", range, sql`speaker_iso3 = b.speaker_iso3 and counterpart_iso3 = b.counterpart_iso3 ${language}`)}) c
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
  const rows = (JSON.parse(rowsOf<{ rows: string }>(result)[0]!.rows) as [string, string, number, string, number][]).map(
    ([speaker, counterpart, total, theme, statements]) => ({
      speaker,
      counterpart,
      total,
      theme,
      statements,
    }),
  );
  const pairs = new Map<string, { speaker: string; counterpart: string; total: number; byTheme: Record<string, number> }>();
  for (const r of rows) {
    const key = `${r.speaker}>${r.counterpart}`;
    const pair = pairs.get(key) ?? { speaker: r.speaker, counterpart: r.counterpart, total: r.total, byTheme: {} };
    pair.byTheme[r.theme] = r.statements;
    pairs.set(key, pair);
  }
  return [...pairs.values()];
}
