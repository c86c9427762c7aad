"use client";

import { useMemo } from "react";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartRows } from "./chart-data";
import { DASHES } from "./palette";
import type { ChartData, ChartMarker, ChartRow } from "./types";

interface Props {
  title: string;
  data: ChartData;
  markers: ChartMarker[];
}

/**
 * Mean tone per period with its 95% confidence band; periods with too few statements are gaps, not points.
 */
export function ToneChart({ title, data, markers }: Props) {
  const rows = useMemo(() => chartRows(data), [data]);
  return (
    <div style={{ width: "100%", height: 320 }} role="img" aria-label={`${title}. Line chart with confidence bands; the table view below lists every value.`}>
      <ResponsiveContainer>
        <ComposedChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" minTickGap={20} />
          <YAxis width={48} domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} />
          <ReferenceLine y={0} stroke="#999" />
          <Tooltip
            formatter={(value, name, item) => {
              const n = (item.payload as ChartRow)[`${String(item.dataKey).split(":")[0]}:n`];
              if (Array.isArray(value)) return [`${Number(value[0]).toFixed(2)} to ${Number(value[1]).toFixed(2)}`, `${name} (95% band)`];
              return [`${Number(value).toFixed(2)} (n = ${n ?? 0})`, name];
            }}
          />
          <Legend />
          {markers.map((m) => (
            <ReferenceLine key={`${m.kind}-${m.period}-${m.label}`} x={m.period} stroke={m.kind === "codebook" ? "#777" : "#D55E00"} strokeDasharray="4 2" />
          ))}
          {data.series.map((s) => (
            <Area key={`${s.key}-band`} dataKey={`${s.key}:band`} name={`${s.label} band`} stroke="none" fill={s.color} fillOpacity={0.18} connectNulls={false} isAnimationActive={false} legendType="none" />
          ))}
          {data.series.map((s, i) => (
            <Line key={s.key} dataKey={`${s.key}:tone`} name={s.label} stroke={s.color} strokeWidth={2} strokeDasharray={DASHES[i % DASHES.length]} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
