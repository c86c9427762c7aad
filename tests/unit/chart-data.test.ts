import { describe, expect, it } from "vitest";
import { chartData, chartRows } from "@/components/charts/chart-data";

const meta = (theme: string) => ({ key: `USA→AZE|${theme}`, pair: "USA→AZE", theme, color: "#000000", label: theme });

describe("chart data sent as columns", () => {
  const data = chartData([
    { ...meta("energy-security"), points: [{ period: "2005-03", value: 2, tone: { mean: 0.12345, low: -0.1, high: 0.34567, n: 4 } }, { period: "2005-01", value: 1, tone: null }] },
    { ...meta("democracy"), points: [{ period: "2005-02", value: 1 / 3, tone: null }] },
  ]);

  it("puts every series on one sorted period axis, with zero counts and no tone where a series has no point", () => {
    expect(data.periods).toEqual(["2005-01", "2005-02", "2005-03"]);
    expect(data.series[0]!.value).toEqual([1, 0, 2]);
    expect(data.series[1]!.value).toEqual([0, 0.333, 0]);
    expect(data.series[0]!.tone).toEqual([null, null, { mean: 0.123, low: -0.1, high: 0.346, n: 4 }]);
  });

  it("becomes the rows recharts draws: value, tone, band and n per series key", () => {
    const rows = chartRows(data);
    expect(rows.map((r) => r.period)).toEqual(data.periods);
    expect(rows[2]).toMatchObject({ "USA→AZE|energy-security": 2, "USA→AZE|energy-security:tone": 0.123, "USA→AZE|energy-security:band": [-0.1, 0.346], "USA→AZE|energy-security:n": 4 });
    expect(rows[0]).toMatchObject({ "USA→AZE|energy-security:tone": null, "USA→AZE|energy-security:band": null, "USA→AZE|democracy": 0 });
  });
});
