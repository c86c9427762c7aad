import type { ChartData } from "./types";

/**
 * Chart data as one JSON string. A 30-year monthly view is thousands of small objects, which React would walk
 * and serialise one by one on every page view; a string made once per data version (the dashboard's view is
 * cached) costs a copy. The browser parses it once, when a chart or table first needs it.
 */
export interface PackedChartData {
  packed: string;
}

/** What chart components take: the data itself, or packed. */
export type ChartSource = ChartData | PackedChartData;

export function packChartData(data: ChartData): PackedChartData {
  return { packed: JSON.stringify(data) };
}

// React hands every component the same deserialised object for one packed prop: parsed once for all of them.
const unpacked = new WeakMap<PackedChartData, ChartData>();

export function chartDataOf(source: ChartSource): ChartData {
  if (!("packed" in source)) return source;
  let data = unpacked.get(source);
  if (!data) {
    data = JSON.parse(source.packed) as ChartData;
    unpacked.set(source, data);
  }
  return data;
}
