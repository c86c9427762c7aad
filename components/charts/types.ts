import type { ToneEstimate } from "@/lib/engine/series-math";

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  theme: string;
  pair: string;
}

export interface ChartMarker {
  period: string;
  label: string;
  kind: "event" | "codebook";
}

/** One series' values on the shared period axis, column by column. */
export interface ChartColumn extends ChartSeries {
  /** null: the speaker said nothing in the period (a gap, not a zero). */
  value: (number | null)[];
  /** Statements and passages behind each value: a period with any is a link to them, whatever its rounded value. */
  statements: number[];
  passages: number[];
  /** Statements of the speaker in the period, on any theme: the text a point stands on. */
  coverage: number[];
  tone: (ToneEstimate | null)[];
}

/** What the server sends for a set of charts: small to serialise, turned into recharts rows in the browser. */
export interface ChartData {
  periods: string[];
  series: ChartColumn[];
}

/** What recharts draws: one row per period; for each series key its value, tone mean and band, and per pair its coverage. */
export type ChartRow = { period: string } & Record<string, number | string | [number, number] | null>;

/** How every chart draws one pair: the same dash and marker wherever it appears, so pairs differ without colour. */
export interface PairStyle {
  dash: string;
  marker: MarkerShape;
}

export type MarkerShape = "circle" | "square" | "triangle" | "diamond";
