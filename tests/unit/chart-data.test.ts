import { describe, expect, it } from "vitest";
import { chartData, chartRows, drillHref } from "@/components/charts/chart-data";

const meta = (theme: string) => ({ key: `USA→AZE|${theme}`, pair: "USA→AZE", theme, color: "#000000", label: theme });

describe("chart data sent as columns", () => {
  const data = chartData([
    {
      ...meta("energy-security"),
      points: [
        { period: "2005-03", value: 2, statements: 2, tone: { mean: 0.12345, low: -0.1, high: 0.34567, n: 4 } },
        { period: "2005-01", value: 1, statements: 1, tone: null },
      ],
    },
    // a share too small to show, and a period with statements but no passages of the theme
    { ...meta("democracy"), points: [{ period: "2005-02", value: 0.0001, statements: 1, tone: null }] },
  ]);

  it("puts every series on one sorted period axis, with zero counts and no tone where a series has no point", () => {
    expect(data.periods).toEqual(["2005-01", "2005-02", "2005-03"]);
    expect(data.series[0]!.value).toEqual([1, 0, 2]);
    expect(data.series[0]!.tone).toEqual([null, null, { mean: 0.123, low: -0.1, high: 0.346, n: 4 }]);
  });

  it("keeps the statements behind a value even when the value rounds to nothing", () => {
    expect(data.series[1]!.value).toEqual([0, 0, 0]);
    expect(data.series[1]!.statements).toEqual([0, 1, 0]);
  });

  it("becomes the rows recharts draws: value, tone, band and n per series key", () => {
    const rows = chartRows(data);
    expect(rows.map((r) => r.period)).toEqual(data.periods);
    expect(rows[2]).toMatchObject({ "USA→AZE|energy-security": 2, "USA→AZE|energy-security:tone": 0.123, "USA→AZE|energy-security:band": [-0.1, 0.346], "USA→AZE|energy-security:n": 4 });
    expect(rows[0]).toMatchObject({ "USA→AZE|energy-security:tone": null, "USA→AZE|energy-security:band": null, "USA→AZE|democracy": 0 });
  });

  it("links a point to its drill-down with the pair, theme and period, keeping the filters", () => {
    const href = new URL(drillHref("speaker=ARM&counterpart=TUR&both=1&interval=month", { ...meta("democracy"), pair: "RUS↔UKR" }, "2014-03"), "http://x");
    expect(href.pathname).toBe("/drill");
    expect(Object.fromEntries(href.searchParams)).toEqual({ speaker: "RUS", counterpart: "UKR", both: "1", interval: "month", theme: "democracy", period: "2014-03" });
  });
});
