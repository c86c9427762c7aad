"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { Area, Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartRows, coverageKey, drillHref, pairsOf, valueTicks } from "./chart-data";
import { PairLegend, PeriodTooltip, PointMarker } from "./chart-parts";
import { pairStyle } from "./palette";
import { chartDataOf, type ChartSource } from "./packed";
import type { ChartColumn, ChartMarker } from "./types";

interface Props {
  title: string;
  data: ChartSource;
  markers: ChartMarker[];
  /** Query string of the current filters (interval, directions); a click adds pair, theme and period. */
  drillQuery: string;
}

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: { period?: string };
}

const HEIGHT = 340;

/**
 * Theme frequency over time, one line per pair × theme, over grey bars of everything the speaker said in the
 * period. A period the speaker said nothing in is a gap. Click a point to see the passages behind it.
 */
export function FrequencyChart({ title, data, markers, drillQuery, yLabel, yMax }: Props & { yLabel: string; yMax?: number }) {
  return <SeriesChart kind="frequency" title={title} data={data} markers={markers} drillQuery={drillQuery} yLabel={yLabel} yMax={yMax} />;
}

/** Mean tone per period with its 95% interval; a point on fewer than LOW_EVIDENCE_STATEMENTS statements is hollow, a period with none a gap. */
export function ToneChart(props: Props) {
  return <SeriesChart kind="tone" {...props} yLabel="tone (−1 hostile … +1 cooperative)" />;
}

function SeriesChart({
  kind,
  title,
  data: source,
  markers,
  drillQuery,
  yLabel,
  yMax,
}: Props & { kind: "frequency" | "tone"; yLabel: string; yMax?: number }) {
  const router = useRouter();
  const data = chartDataOf(source);
  const rows = useMemo(() => chartRows(data), [data]);
  const pairs = pairsOf(data);
  const coverageMax = Math.max(1, ...data.series.flatMap((s) => s.coverage));
  const unit = yLabel.startsWith("share") ? "" : yLabel;
  const ticks = kind === "tone" ? [-1, -0.5, 0, 0.5, 1] : valueTicks(data, yMax === 1);
  const open = (s: ChartColumn, period: string | undefined) => period && router.push(drillHref(drillQuery, s, period));

  const dotFor = (s: ChartColumn, active: boolean) =>
    function Dot({ cx, cy, index, payload }: DotProps) {
      const style = pairStyle(pairs.indexOf(s.pair));
      const i = index ?? data.periods.indexOf(payload?.period ?? "");
      const period = data.periods[i];
      const hollow = kind === "tone" && (s.tone[i]?.lowEvidence ?? false);
      return (
        <PointMarker
          key={`${s.key}-${period}-${active}`}
          cx={cx}
          cy={cy}
          shape={style.marker}
          color={s.color}
          hollow={hollow}
          size={active ? 6 : 3.5}
          testId={active ? "chart-point-active" : "chart-point"}
          series={s.key}
          period={period}
          onClick={() => open(s, period)}
        />
      );
    };

  return (
    <figure className="series-chart" data-testid={`${kind}-chart`} style={{ margin: 0 }}>
      <p className="chart-axis-label" data-testid={`${kind}-axis-label`}>
        ↑ {yLabel}
      </p>
      <div
        style={{ width: "100%", height: HEIGHT }}
        role="img"
        aria-label={`${title}. Line chart; the table view below lists every value.`}
      >
        <ResponsiveContainer>
          {/* Room above the plot for the event labels, drawn over their lines: at 16 px their tops were cut off. */}
          <ComposedChart data={rows} margin={{ top: kind === "frequency" && markers.length > 0 ? 32 : 16, right: 24, bottom: 8, left: 0 }}>
            <CartesianGrid yAxisId="value" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="period" minTickGap={20} />
            <YAxis yAxisId="value" width={48} domain={[ticks[0]!, ticks.at(-1)!]} ticks={ticks} interval={0} />
            {/* coverage bars fill the lowest quarter of the plot: context for the line, not a second reading. Its hidden
                axis sits on the right: a second axis on the left pushed the value axis off the drawing. */}
            {kind === "frequency" && <YAxis yAxisId="coverage" orientation="right" hide domain={[0, coverageMax * 4]} />}
            {kind === "tone" && <ReferenceLine yAxisId="value" y={0} stroke="#999" />}
            <Tooltip content={(p) => <PeriodTooltip data={data} kind={kind} unit={unit} active={p.active} label={p.label} />} />
            {markers.map((m) => (
              <ReferenceLine
                key={`${m.kind}-${m.period}-${m.label}`}
                yAxisId="value"
                x={m.period}
                stroke={m.kind === "codebook" ? "#777" : "#D55E00"}
                strokeDasharray="4 2"
                label={kind === "frequency" ? { value: m.label, position: "top", fontSize: 11 } : undefined}
              />
            ))}
            {kind === "frequency" &&
              pairs.map((pair) => (
                <Bar
                  key={`coverage-${pair}`}
                  yAxisId="coverage"
                  dataKey={coverageKey(pair)}
                  name={`${pair}: all statements of the speaker`}
                  fill="#c7ccd1"
                  maxBarSize={28}
                  isAnimationActive={false}
                  legendType="none"
                />
              ))}
            {kind === "tone" &&
              data.series.map((s) => (
                <Area
                  key={`${s.key}-band`}
                  yAxisId="value"
                  dataKey={`${s.key}:band`}
                  stroke="none"
                  fill={s.color}
                  fillOpacity={0.15}
                  connectNulls={false}
                  isAnimationActive={false}
                  legendType="none"
                />
              ))}
            {data.series.map((s) => (
              <Line
                key={s.key}
                yAxisId="value"
                dataKey={kind === "frequency" ? s.key : `${s.key}:tone`}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={pairStyle(pairs.indexOf(s.pair)).dash}
                dot={dotFor(s, false)}
                activeDot={dotFor(s, true)}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <PairLegend data={data} kind={kind} />
    </figure>
  );
}
