"use client";

import dynamic from "next/dynamic";

/**
 * recharts is about 130 kB gzipped, more than the rest of the dashboard's JavaScript together. The charts load
 * as their own chunk once the page is up, so filters, figures and table views are usable first.
 */
function ChartLoading({ height }: { height: number }) {
  return (
    <div style={{ height }} className="chart-loading" aria-busy="true">
      Drawing the chart…
    </div>
  );
}

export const FrequencyChart = dynamic(() => import("./series-chart").then((m) => m.FrequencyChart), {
  ssr: false,
  loading: () => <ChartLoading height={400} />,
});

export const ToneChart = dynamic(() => import("./series-chart").then((m) => m.ToneChart), {
  ssr: false,
  loading: () => <ChartLoading height={400} />,
});
