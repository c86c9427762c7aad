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

/** One row per period; for each series key: value, and tone mean / band / n. */
export type ChartRow = { period: string } & Record<string, number | string | [number, number] | null>;
