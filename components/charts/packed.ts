import type { ToneEstimate } from "@/lib/engine/series-math";
import type { ChartColumn, ChartData } from "./types";

/**
 * Chart data as one JSON string. A 30-year monthly view is thousands of small objects, which React would walk
 * and serialise one by one on every page view; a string made once per data version (the dashboard's view is
 * cached) costs a copy. Tone estimates go as tuples, not objects with their field names: a third of the bytes,
 * and every byte is escaped twice and written on every page view. The browser parses it once, when a chart or
 * table first needs it.
 */
export interface PackedChartData {
  packed: string;
}

/** What chart components take: the data itself, or packed. */
export type ChartSource = ChartData | PackedChartData;

/** mean, low, high, statements, passages, low evidence (1) or not (0). */
type ToneTuple = [number, number, number, number, number, 0 | 1];
type PackedColumn = Omit<ChartColumn, "tone"> & { tone: (ToneTuple | null)[] };

export function packChartData(data: ChartData): PackedChartData {
  const series: PackedColumn[] = data.series.map((s) => ({
    ...s,
    tone: s.tone.map((t) => t && [t.mean, t.low, t.high, t.statements, t.passages, t.lowEvidence ? 1 : 0]),
  }));
  return { packed: JSON.stringify({ periods: data.periods, series }) };
}

function unpack(packed: string): ChartData {
  const { periods, series } = JSON.parse(packed) as { periods: string[]; series: PackedColumn[] };
  return {
    periods,
    series: series.map((s) => ({
      ...s,
      tone: s.tone.map(
        (t): ToneEstimate | null => t && { mean: t[0], low: t[1], high: t[2], statements: t[3], passages: t[4], lowEvidence: t[5] === 1 },
      ),
    })),
  };
}

// React hands every component the same deserialised object for one packed prop: parsed once for all of them.
const unpacked = new WeakMap<PackedChartData, ChartData>();

export function chartDataOf(source: ChartSource): ChartData {
  if (!("packed" in source)) return source;
  let data = unpacked.get(source);
  if (!data) {
    data = unpack(source.packed);
    unpacked.set(source, data);
  }
  return data;
}
