import { ChartExport } from "@/components/charts/chart-export";
import { sourceLine } from "@/components/charts/chart-export-file";
import { FrequencyChart, ToneChart } from "@/components/charts/lazy-charts";
import type { ChartData, ChartMarker } from "@/components/charts/types";

/** One direction of a pair: themes and tone over time, each downloadable. */
export function DirectionCharts({
  title,
  filters,
  data,
  markers,
  drillQuery,
}: {
  title: string;
  filters: string;
  data: ChartData;
  markers: ChartMarker[];
  drillQuery: string;
}) {
  const source = sourceLine();
  if (data.series.length === 0) return <p className="notice">No statements in this direction yet.</p>;
  return (
    <>
      <h3>Themes over time (share of the pair&apos;s passages per year)</h3>
      <ChartExport title={`${title}: share of passages per year`} filters={filters} source={source} data={data} measure="value">
        <FrequencyChart
          title={`${title}: share of passages per year`}
          data={data}
          markers={markers}
          yLabel="share of passages"
          yMax={1}
          drillQuery={drillQuery}
        />
      </ChartExport>
      <h3>Tone over time (95% band)</h3>
      <ChartExport title={`${title}: tone per year`} filters={filters} source={source} data={data} measure="tone">
        <ToneChart title={`${title}: tone per year`} data={data} markers={markers} drillQuery={drillQuery} />
      </ChartExport>
    </>
  );
}
