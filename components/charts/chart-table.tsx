"use client";

import { useEffect, useRef, useState } from "react";
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
  const count = column.value[at] ?? 0;
  const tone = column.tone[at];
  const text = value === "value" ? String(count) : tone ? `${tone.mean.toFixed(2)} (n=${tone.n})` : "—";
  if (count === 0) return text;
  const [speaker = "", counterpart = ""] = column.pair.split(/→|↔/);
  const query = new URLSearchParams(drillQuery);
  query.set("speaker", speaker);
  query.set("counterpart", counterpart);
  query.set("theme", column.theme);
  query.set("period", period);
  return <a href={`/drill?${query}`}>{text}</a>;
}
