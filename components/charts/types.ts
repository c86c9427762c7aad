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

/** Tone of one period: mean with its 95% band and the number of scored passages. */
export interface ChartTone {
  mean: number;
  low: number;
  high: number;
  n: number;
}

/** One series' values on the shared period axis, column by column. */
export interface ChartColumn extends ChartSeries {
  value: number[];
  /** Statements behind each value: a period with any is a link to them, whatever its rounded value. */
  statements: number[];
  tone: (ChartTone | null)[];
}

/** What the server sends for a set of charts: small to serialise, turned into recharts rows in the browser. */
export interface ChartData {
  periods: string[];
  series: ChartColumn[];
}

/** What recharts draws: one row per period; for each series key its value, and tone mean / band / n. */
export type ChartRow = { period: string } & Record<string, number | string | [number, number] | null>;
