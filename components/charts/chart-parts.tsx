"use client";

import type { MouseEvent } from "react";
import { describeTone, describeValue, pairsOf } from "./chart-data";
import { pairStyle } from "./palette";
import type { ChartData, MarkerShape } from "./types";
import { LOW_EVIDENCE_STATEMENTS } from "@/lib/engine/series-math";

/** One point's marker: the pair's shape in the theme's colour, hollow when it stands on too little text. */
export function PointMarker(props: {
  cx?: number | null;
  cy?: number | null;
  shape: MarkerShape;
  color: string;
  hollow: boolean;
  size: number;
  testId?: string;
  series?: string;
  period?: string;
  onClick?: (event: MouseEvent) => void;
}) {
  const { cx, cy, shape, color, hollow, size: r } = props;
  if (typeof cx !== "number" || typeof cy !== "number" || Number.isNaN(cy)) return <g />;
  const paint = { fill: hollow ? "#ffffff" : color, stroke: color, strokeWidth: hollow ? 1.5 : 1 };
  const data = {
    "data-testid": props.testId,
    "data-series": props.series,
    "data-period": props.period,
    "data-low-evidence": hollow ? "1" : undefined,
  };
  const click = props.onClick ? { onClick: props.onClick, style: { cursor: "pointer" } } : {};
  switch (shape) {
    case "square":
      return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} {...paint} {...data} {...click} />;
    case "triangle":
      return (
        <polygon
          points={`${cx},${cy - r * 1.2} ${cx + r * 1.1},${cy + r * 0.8} ${cx - r * 1.1},${cy + r * 0.8}`}
          {...paint}
          {...data}
          {...click}
        />
      );
    case "diamond":
      return (
        <polygon points={`${cx},${cy - r * 1.3} ${cx + r},${cy} ${cx},${cy + r * 1.3} ${cx - r},${cy}`} {...paint} {...data} {...click} />
      );
    default:
      return <circle cx={cx} cy={cy} r={r} {...paint} {...data} {...click} />;
  }
}

/** The legend, grouped by pair: each pair's dash and marker first (readable in greyscale), then its themes by colour. */
export function PairLegend({ data, kind }: { data: ChartData; kind: "frequency" | "tone" }) {
  const pairs = pairsOf(data);
  return (
    <div className="chart-legend" data-testid="chart-legend">
      {pairs.map((pair, i) => {
        const style = pairStyle(i);
        return (
          <div key={pair} className="chart-legend-pair">
            <span className="chart-legend-pair-name">
              <Swatch color="#1b1f24" dash={style.dash} shape={style.marker} hollow={false} />
              {pair}
            </span>
            {data.series
              .filter((s) => s.pair === pair)
              .map((s) => (
                <span key={s.key}>
                  <Swatch color={s.color} dash={style.dash} shape={style.marker} hollow={false} />
                  {s.theme === s.label || pairs.length === 1 ? s.label : s.label.replace(`${pair} · `, "")}
                </span>
              ))}
          </div>
        );
      })}
      <div className="chart-legend-key">
        {kind === "frequency" ? (
          <span>
            <svg width="14" height="10" aria-hidden="true">
              <rect x="2" y="2" width="10" height="8" fill="#c7ccd1" />
            </svg>
            grey bars: all statements of the speaker in the period (the text a point stands on)
          </span>
        ) : (
          <span>
            <Swatch color="#1b1f24" dash="" shape="circle" hollow />
            hollow: fewer than {LOW_EVIDENCE_STATEMENTS} statements (low evidence); shaded: 95% interval
          </span>
        )}
        <span>no line: a gap, the speaker said nothing in that period</span>
      </div>
    </div>
  );
}

function Swatch({ color, dash, shape, hollow }: { color: string; dash: string; shape: MarkerShape; hollow: boolean }) {
  return (
    <svg width="30" height="12" aria-hidden="true" style={{ verticalAlign: "middle", marginRight: 4 }}>
      <line x1="1" y1="6" x2="29" y2="6" stroke={color} strokeWidth="2" strokeDasharray={dash} />
      <PointMarker cx={15} cy={6} shape={shape} color={color} hollow={hollow} size={3.5} />
    </svg>
  );
}

/** The hover box: every series of the period with its value or tone, the text behind it, and its interval. */
export function PeriodTooltip({
  data,
  kind,
  unit,
  active,
  label,
}: {
  data: ChartData;
  kind: "frequency" | "tone";
  unit: string;
  active?: boolean;
  label?: string | number;
}) {
  if (!active || label === undefined) return null;
  const at = data.periods.indexOf(String(label));
  if (at < 0) return null;
  return (
    <div className="chart-tooltip" data-testid="chart-tooltip">
      <strong>{String(label)}</strong>
      <ul>
        {data.series.map((s) => (
          <li key={s.key}>
            <span style={{ color: s.color }}>■</span> {s.label}:{" "}
            {kind === "frequency" ? describeValue(s, at, unit) : describeTone(s.tone[at] ?? null)}
          </li>
        ))}
      </ul>
      <small>Click a point for the passages behind it.</small>
    </div>
  );
}
