import type { ToneEstimate } from "@/lib/engine/series-math";
import type { ChartColumn, ChartData, ChartRow, ChartSeries } from "./types";

/** One series as the DAL gives it (lib/dal/pair-series.ts PairSeriesPoint), with how to draw it. */
export interface SeriesPoints extends ChartSeries {
  points: {
    period: string;
    value: number | null;
    statements: number;
    passages: number;
    coverage: { speakerStatements: number };
    tone: ToneEstimate | null;
  }[];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Every series on one sorted period axis, as columns. A 30-year monthly view as recharts rows repeats each
 * series key in every row (≈ 190 kB for four themes); as columns it is a fraction of that. A period a series
 * has no point for is a gap (null), never a zero.
 */
export function chartData(series: SeriesPoints[]): ChartData {
  const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const index = new Map(periods.map((period, i) => [period, i]));
  return {
    periods,
    series: series.map(({ points, ...meta }) => {
      const value: (number | null)[] = periods.map(() => null);
      const statements = periods.map(() => 0);
      const passages = periods.map(() => 0);
      const coverage = periods.map(() => 0);
      const tone: (ToneEstimate | null)[] = periods.map(() => null);
      for (const p of points) {
        const i = index.get(p.period)!;
        value[i] = p.value === null ? null : round(p.value);
        statements[i] = p.statements;
        passages[i] = p.passages;
        coverage[i] = p.coverage.speakerStatements;
        tone[i] = p.tone && { ...p.tone, mean: round(p.tone.mean), low: round(p.tone.low), high: round(p.tone.high) };
      }
      return { ...meta, value, statements, passages, coverage, tone };
    }),
  };
}

/** The pairs of a chart in the order they first appear: a pair's place decides its dash and marker. */
export function pairsOf(data: ChartData): string[] {
  return [...new Set(data.series.map((s) => s.pair))];
}

/** recharts key of a pair's coverage (statements of its speaker) in a row. */
export const coverageKey = (pair: string) => `coverage:${pair}`;

/** The rows recharts draws, keyed `${key}`, `${key}:tone`, `${key}:band`, and `coverage:${pair}` per pair. */
export function chartRows(data: ChartData): ChartRow[] {
  const firstOfPair = pairsOf(data).map((pair) => data.series.find((s) => s.pair === pair)!);
  return data.periods.map((period, i) => {
    const row: ChartRow = { period };
    for (const s of data.series) {
      const tone = s.tone[i];
      row[s.key] = s.value[i] ?? null;
      row[`${s.key}:tone`] = tone?.mean ?? null;
      row[`${s.key}:band`] = tone ? [tone.low, tone.high] : null;
    }
    for (const s of firstOfPair) row[coverageKey(s.pair)] = s.coverage[i] ? s.coverage[i]! : null;
    return row;
  });
}

/** The value axis: 0 to a round number above the largest value, in four or five whole steps (or quarters for shares). */
export function valueTicks(data: ChartData, share: boolean): number[] {
  if (share) return [0, 0.25, 0.5, 0.75, 1];
  const max = Math.max(0, ...data.series.flatMap((s) => s.value.map((v) => v ?? 0)));
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, Math.round([1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((x) => x >= rough) ?? rough));
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}

/** What a reader sees for one series at one period, in the tooltip and the table. */
export function describeValue(column: ChartColumn, at: number, unit: string): string {
  const value = column.value[at];
  if (value === null || value === undefined) return "no statement in this period (gap)";
  return `${value} ${unit} · from ${plural(column.statements[at] ?? 0, "statement")}, ${plural(column.passages[at] ?? 0, "passage")} · speaker made ${column.coverage[at] ?? 0} in all`;
}

export function describeTone(tone: ToneEstimate | null): string {
  if (!tone) return "no scored passage (gap)";
  const sign = (x: number) => `${x > 0 ? "+" : ""}${x.toFixed(2)}`;
  return `${sign(tone.mean)} (95% interval ${sign(tone.low)} to ${sign(tone.high)}) · n = ${plural(tone.statements, "statement")}, ${plural(tone.passages, "passage")}${tone.lowEvidence ? " · low evidence" : ""}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export interface BlankContext {
  /** "from USA about AZE" per pair, with country names. */
  pairs: { speaker: string; counterpart: string }[];
  bothDirections: boolean;
  /** "in 2000–2024" or "at any date". */
  range: string;
  interval: string;
  themes: string[];
  undated: number;
  unpaired: number;
  tooCoarse: number;
}

/**
 * Why a chart would be blank, and what to change, as one sentence; null when the chart has something to draw.
 * A chart is never left empty without it.
 */
export function blankReason(kind: "frequency" | "tone", data: ChartData, c: BlankContext): string | null {
  const anyValue = data.series.some((s) => s.value.some((v) => v !== null));
  const anyTone = data.series.some((s) => s.tone.some((t) => t !== null));
  if (kind === "tone" ? anyTone : anyValue) return null;
  const who = c.pairs
    .map((p) => (c.bothDirections ? `between ${p.speaker} and ${p.counterpart}` : `from ${p.speaker} about ${p.counterpart}`))
    .join(" or ");
  const fixes: string[] = [];
  if (c.undated > 0) fixes.push(`${plural(c.undated, "undated statement")} — set ${c.undated === 1 ? "its date" : "their dates"}`);
  if (c.tooCoarse > 0) fixes.push(`${c.tooCoarse} dated only by year or month — choose “year”`);
  if (c.unpaired > 0) fixes.push(`${c.unpaired} from the speaker name no counterpart — add one`);
  const tail = fixes.length > 0 ? `; ${fixes.join("; ")}.` : "; widen the dates or choose another pair.";
  if (!anyValue) return `No statement ${who} is dated ${c.range}${tail}`;
  const statements = data.series.reduce((n, s) => n + s.statements.reduce((m, x) => m + x, 0), 0);
  const themes = c.themes.join(", ");
  if (statements === 0)
    return `There are statements ${who} ${c.range}, but no passage of them is tagged ${themes}; choose other themes, or tag passages on the statements' pages.`;
  return `The passages tagged ${themes} ${who} ${c.range} have no tone score yet; re-score tone from the admin pages, or wait for the running re-score to end.`;
}

/** The filters a drill-down keeps from a chart: its first pair, the directions and the interval. */
export function drillQueryOf(query: {
  pairs: { speaker: string; counterpart: string }[];
  bothDirections: boolean;
  interval: string;
  language?: string;
}): string {
  const first = query.pairs[0]!;
  return new URLSearchParams({
    speaker: first.speaker,
    counterpart: first.counterpart,
    both: query.bothDirections ? "1" : "0",
    interval: query.interval,
    ...(query.language ? { language: query.language } : {}),
  }).toString();
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
