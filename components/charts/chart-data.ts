import type { ChartData, ChartRow, ChartSeries, ChartTone } from "./types";

export interface SeriesPoints extends ChartSeries {
  points: { period: string; value: number; statements: number; tone: ChartTone | null }[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Every series on one sorted period axis, as columns. A 30-year monthly view as recharts rows repeats each
 * series key in every row (≈ 190 kB for four themes); as columns it is a fraction of that.
 */
export function chartData(series: SeriesPoints[]): ChartData {
  const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const index = new Map(periods.map((period, i) => [period, i]));
  return {
    periods,
    series: series.map(({ points, ...meta }) => {
      const value = periods.map(() => 0);
      const statements = periods.map(() => 0);
      const tone: (ChartTone | null)[] = periods.map(() => null);
      for (const p of points) {
        const i = index.get(p.period)!;
        value[i] = round(p.value);
        statements[i] = p.statements;
        tone[i] = p.tone && { mean: round(p.tone.mean), low: round(p.tone.low), high: round(p.tone.high), n: p.tone.n };
      }
      return { ...meta, value, statements, tone };
    }),
  };
}

/** The rows recharts draws, keyed `${key}`, `${key}:tone`, `${key}:band` and `${key}:n`. */
export function chartRows(data: ChartData): ChartRow[] {
  return data.periods.map((period, i) => {
    const row: ChartRow = { period };
    for (const s of data.series) {
      const tone = s.tone[i];
      row[s.key] = s.value[i] ?? 0;
      row[`${s.key}:tone`] = tone?.mean ?? null;
      row[`${s.key}:band`] = tone ? [tone.low, tone.high] : null;
      row[`${s.key}:n`] = tone?.n ?? 0;
    }
    return row;
  });
}

/** The filters a drill-down keeps from a chart: its first pair, the directions and the interval. */
export function drillQueryOf(query: { pairs: { speaker: string; counterpart: string }[]; bothDirections: boolean; interval: string }): string {
  const first = query.pairs[0]!;
  return new URLSearchParams({ speaker: first.speaker, counterpart: first.counterpart, both: query.bothDirections ? "1" : "0", interval: query.interval }).toString();
}

/** The drill-down page for one point of a series: the statements and passages behind it. */
export function drillHref(drillQuery: string, series: ChartSeries, period: string): string {
  const [speaker = "", counterpart = ""] = series.pair.split(/→|↔/);
  const query = new URLSearchParams(drillQuery);
  query.set("speaker", speaker);
  query.set("counterpart", counterpart);
  query.set("theme", series.theme);
  query.set("period", period);
  return `/drill?${query}`;
}
