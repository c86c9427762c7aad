import type { ChartData, ChartRow, ChartSeries, ChartTone } from "./types";

export interface SeriesPoints extends ChartSeries {
  points: { period: string; value: number; tone: ChartTone | null }[];
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
      const tone: (ChartTone | null)[] = periods.map(() => null);
      for (const p of points) {
        const i = index.get(p.period)!;
        value[i] = round(p.value);
        tone[i] = p.tone && { mean: round(p.tone.mean), low: round(p.tone.low), high: round(p.tone.high), n: p.tone.n };
      }
      return { ...meta, value, tone };
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
