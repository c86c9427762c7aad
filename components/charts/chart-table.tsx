"use client";

import { useEffect, useRef, useState } from "react";
import { drillHref } from "./chart-data";
import type { ChartColumn, ChartData } from "./types";

interface Props {
  data: ChartData;
  /** Query string of the current filters (interval, directions); each cell adds pair, theme and period. */
  drillQuery: string;
  value: "value" | "tone";
}

/**
 * "View as table" for a chart, from the data the chart draws. The table is rendered only once opened: a
 * 30-year monthly view is hundreds of rows per theme, and rendering every table on the server for every page
 * view cost more than the rest of the page together.
 */
export function ChartTable({ data, drillQuery, value }: Props) {
  const details = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  // Opened before the page became interactive: the toggle event has already passed.
  useEffect(() => setOpen(details.current?.open ?? false), []);
  return (
    <details ref={details} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>View as table</summary>
      {!open && <p className="notice">The table is built in the browser; it needs JavaScript.</p>}
      {open && (
        <div style={{ overflowX: "auto" }}>
          <table>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {data.series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                    {value === "tone" && " (tone, n)"}
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
                      <Cell period={period} column={s} at={i} drillQuery={drillQuery} value={value} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function Cell({ period, column, at, drillQuery, value }: { period: string; column: ChartColumn; at: number } & Pick<Props, "drillQuery" | "value">) {
  const tone = column.tone[at];
  const text = value === "value" ? String(column.value[at] ?? 0) : tone ? `${tone.mean.toFixed(2)} (n=${tone.n})` : "—";
  return column.statements[at] ? <a href={drillHref(drillQuery, column, period)}>{text}</a> : text;
}
