"use client";

import { useEffect, useRef, useState } from "react";
import { describeTone, drillHref } from "./chart-data";
import { chartDataOf, type ChartSource } from "./packed";
import type { ChartColumn, ChartData } from "./types";

interface Props {
  data: ChartSource;
  /** Query string of the current filters (interval, directions); each cell adds pair, theme and period. */
  drillQuery: string;
  value: "value" | "tone";
  /** What a count counts ("statements"), or "" for shares. */
  unit: string;
}

/**
 * "View as table" for a chart, from the data the chart draws. The table is rendered only once opened: a
 * 30-year monthly view is hundreds of rows per theme, and rendering every table on the server for every page
 * view cost more than the rest of the page together.
 */
export function ChartTable({ data, drillQuery, value, unit }: Props) {
  const details = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  // Opened before the page became interactive: the toggle event has already passed.
  useEffect(() => setOpen(details.current?.open ?? false), []);
  return (
    <details ref={details} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>View as table</summary>
      {!open && <p className="notice">The table is built in the browser; it needs JavaScript.</p>}
      {open && <Table data={chartDataOf(data)} drillQuery={drillQuery} value={value} unit={unit} />}
    </details>
  );
}

function Table({ data, drillQuery, value, unit }: Omit<Props, "data"> & { data: ChartData }) {
  return (
    <div style={{ overflowX: "auto" }}>
      <table>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {data.series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
                {value === "tone"
                  ? " (tone, 95% interval, n)"
                  : ` (${unit || "share"}; n statements / passages; all statements of the speaker)`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.periods.map((period, i) => (
            <tr key={period}>
              <th scope="row">{period}</th>
              {data.series.map((s) => (
                <td key={s.key}>
                  <Cell period={period} column={s} at={i} drillQuery={drillQuery} value={value} unit={unit} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({
  period,
  column,
  at,
  drillQuery,
  value,
}: { period: string; column: ChartColumn; at: number } & Pick<Props, "drillQuery" | "value" | "unit">) {
  const v = column.value[at];
  const text =
    value === "value"
      ? v === null || v === undefined
        ? "gap: nothing said"
        : `${v} (${column.statements[at]} / ${column.passages[at]}; of ${column.coverage[at]})`
      : describeTone(column.tone[at] ?? null);
  const low = value === "tone" && column.tone[at]?.lowEvidence;
  const shown = low ? `○ ${text}` : text;
  return column.statements[at] ? <a href={drillHref(drillQuery, column, period)}>{shown}</a> : shown;
}
