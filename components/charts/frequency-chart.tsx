"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartRows, drillHref } from "./chart-data";
import { DASHES } from "./palette";
import type { ChartData, ChartMarker, ChartSeries } from "./types";

interface Props {
  title: string;
  data: ChartData;
  markers: ChartMarker[];
  yLabel: string;
  yMax?: number;
  /** Query string of the current filters (interval, directions); a click adds pair, theme and period. */
  drillQuery: string;
}

/** Theme frequency over time, one line per pair × theme. Click a point to see the passages behind it. */
export function FrequencyChart({ title, data, markers, yLabel, yMax, drillQuery }: Props) {
  const router = useRouter();
  const rows = useMemo(() => chartRows(data), [data]);
  return (
    <div style={{ width: "100%", height: 340 }} role="img" aria-label={`${title}. Line chart; the table view below lists every value.`}>
      <ResponsiveContainer>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" minTickGap={20} />
          <YAxis width={48} domain={[0, yMax ?? "auto"]} label={{ value: yLabel, angle: -90, position: "insideLeft", offset: 0 }} />
          <Tooltip />
          <Legend />
          {markers.map((m) => (
            <ReferenceLine key={`${m.kind}-${m.period}-${m.label}`} x={m.period} stroke={m.kind === "codebook" ? "#777" : "#D55E00"} strokeDasharray="4 2" label={{ value: m.label, position: "top", fontSize: 11 }} />
          ))}
          {data.series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              strokeDasharray={DASHES[i % DASHES.length]}
              dot={{ r: 3 }}
              activeDot={{ r: 6, onClick: (_, e) => openDrill(e, s) }}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );

  /** A click on a point opens the passages behind it. */
  function openDrill(event: unknown, s: ChartSeries) {
    const period = (event as { payload?: { period?: string } })?.payload?.period;
    if (!period) return;
    router.push(drillHref(drillQuery, s, period));
  }
}
