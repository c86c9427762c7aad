import { describe, expect, it } from "vitest";
import {
  blankReason,
  chartData,
  chartRows,
  describeTone,
  describeValue,
  drillHref,
  pairsOf,
  valueTicks,
} from "@/components/charts/chart-data";
import { chartDataOf, packChartData } from "@/components/charts/packed";
import { pairStyle } from "@/components/charts/palette";

const meta = (theme: string, pair = "USA→AZE") => ({ key: `${pair}|${theme}`, pair, theme, color: "#000000", label: theme });
const cover = (n: number) => ({ speakerStatements: n });
const tone = (mean: number, statements: number, passages: number) => ({
  mean,
  low: mean - 0.2,
  high: mean + 0.2,
  statements,
  passages,
  lowEvidence: statements < 3,
});

const context = {
  pairs: [{ speaker: "United States", counterpart: "Azerbaijan" }],
  bothDirections: false,
  range: "in 2000-01-01 – 2024-12-31",
  interval: "year",
  themes: ["Energy security"],
  undated: 0,
  unpaired: 0,
  tooCoarse: 0,
};

describe("chart data sent as columns", () => {
  const data = chartData([
    {
      ...meta("energy-security"),
      points: [
        {
          period: "2005-03",
          value: 2,
          statements: 2,
          passages: 4,
          coverage: cover(5),
          tone: { mean: 0.12345, low: -0.1, high: 0.34567, statements: 2, passages: 4, lowEvidence: true },
        },
        { period: "2005-01", value: 1, statements: 1, passages: 1, coverage: cover(1), tone: null },
        { period: "2005-02", value: null, statements: 0, passages: 0, coverage: cover(0), tone: null },
      ],
    },
    // a share too small to show, and a period with statements but no passages of the theme
    { ...meta("democracy"), points: [{ period: "2005-02", value: 0.0001, statements: 1, passages: 1, coverage: cover(3), tone: null }] },
  ]);

  it("puts every series on one sorted period axis; a period a series has no point for is a gap, not a zero", () => {
    expect(data.periods).toEqual(["2005-01", "2005-02", "2005-03"]);
    expect(data.series[0]!.value).toEqual([1, null, 2]);
    expect(data.series[1]!.value).toEqual([null, 0, null]);
    expect(data.series[0]!.tone).toEqual([
      null,
      null,
      { mean: 0.123, low: -0.1, high: 0.346, statements: 2, passages: 4, lowEvidence: true },
    ]);
  });

  it("keeps the statements behind a value even when the value rounds to nothing, and the speaker's coverage", () => {
    expect(data.series[1]!.statements).toEqual([0, 1, 0]);
    expect(data.series[0]!.coverage).toEqual([1, 0, 5]);
  });

  it("becomes the rows recharts draws: value (null in a gap), tone, band per series, coverage per pair", () => {
    const rows = chartRows(data);
    expect(rows.map((r) => r.period)).toEqual(data.periods);
    expect(rows[2]).toMatchObject({
      "USA→AZE|energy-security": 2,
      "USA→AZE|energy-security:tone": 0.123,
      "USA→AZE|energy-security:band": [-0.1, 0.346],
      "coverage:USA→AZE": 5,
    });
    expect(rows[1]).toMatchObject({
      "USA→AZE|energy-security": null,
      "USA→AZE|energy-security:tone": null,
      "USA→AZE|energy-security:band": null,
      "USA→AZE|democracy": 0,
      "coverage:USA→AZE": null,
    });
  });

  it("says a point's value, n and the speaker's coverage; a gap says it is one", () => {
    expect(describeValue(data.series[0]!, 2, "statements")).toBe("2 statements · from 2 statements, 4 passages · speaker made 5 in all");
    expect(describeValue(data.series[0]!, 1, "statements")).toBe("no statement in this period (gap)");
  });

  it("describes tone with its interval and n, and flags low evidence", () => {
    expect(describeTone(tone(0.5, 1, 2))).toBe("+0.50 (95% interval +0.30 to +0.70) · n = 1 statement, 2 passages · low evidence");
    expect(describeTone(tone(-0.25, 4, 9))).toBe("-0.25 (95% interval -0.45 to -0.05) · n = 4 statements, 9 passages");
  });

  it("links a point to its drill-down with the pair, theme and period, keeping the filters", () => {
    const href = new URL(
      drillHref("speaker=ARM&counterpart=TUR&both=1&interval=month", { ...meta("democracy"), pair: "RUS↔UKR" }, "2014-03"),
      "http://x",
    );
    expect(href.pathname).toBe("/drill");
    expect(Object.fromEntries(href.searchParams)).toEqual({
      speaker: "RUS",
      counterpart: "UKR",
      both: "1",
      interval: "month",
      theme: "democracy",
      period: "2014-03",
    });
  });
});

describe("one style per pair", () => {
  it("gives each pair of a chart its own dash and marker, in the order the pairs appear", () => {
    const data = chartData([
      { ...meta("democracy", "ARM→AZE"), points: [] },
      { ...meta("democracy", "USA→AZE"), points: [] },
      { ...meta("energy-security", "ARM→AZE"), points: [] },
    ]);
    expect(pairsOf(data)).toEqual(["ARM→AZE", "USA→AZE"]);
    const [a, b] = [pairStyle(0), pairStyle(1)];
    expect(a.dash === b.dash || a.marker === b.marker).toBe(false);
  });
});

describe("a blank chart says why and what to change", () => {
  const empty = chartData([{ ...meta("energy-security"), points: [] }]);

  it("names the pair and range, and the undated statements to date", () => {
    expect(blankReason("frequency", empty, { ...context, undated: 1 })).toBe(
      "No statement from United States about Azerbaijan is dated in 2000-01-01 – 2024-12-31; 1 undated statement — set its date.",
    );
    expect(blankReason("tone", empty, context)).toBe(
      "No statement from United States about Azerbaijan is dated in 2000-01-01 – 2024-12-31; widen the dates or choose another pair.",
    );
  });

  it("tells apart statements without the theme from passages without tone", () => {
    const zeros = chartData([
      { ...meta("energy-security"), points: [{ period: "2005", value: 0, statements: 0, passages: 0, coverage: cover(4), tone: null }] },
    ]);
    expect(blankReason("frequency", zeros, context)).toBeNull();
    expect(blankReason("tone", zeros, context)).toMatch(/no passage of them is tagged Energy security; choose other themes/);
    const untoned = chartData([
      { ...meta("energy-security"), points: [{ period: "2005", value: 2, statements: 2, passages: 2, coverage: cover(4), tone: null }] },
    ]);
    expect(blankReason("tone", untoned, context)).toMatch(/have no tone score yet/);
  });

  it("is silent when a single statement gives a tone point", () => {
    const one = chartData([
      {
        ...meta("energy-security"),
        points: [{ period: "2005", value: 1, statements: 1, passages: 1, coverage: cover(1), tone: tone(0.3, 1, 1) }],
      },
    ]);
    expect(blankReason("tone", one, context)).toBeNull();
    expect(one.series[0]!.tone[0]!.lowEvidence).toBe(true);
  });
});

describe("the value axis", () => {
  const withMax = (value: number) =>
    chartData([{ ...meta("democracy"), points: [{ period: "2005", value, statements: 1, passages: 1, coverage: cover(1), tone: null }] }]);
  it("runs from 0 to a round number at or above the largest value, in whole steps", () => {
    expect(valueTicks(withMax(1), false)).toEqual([0, 1]);
    expect(valueTicks(withMax(7), false)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(withMax(40), false)).toEqual([0, 10, 20, 30, 40]);
    expect(valueTicks(withMax(0), false)).toEqual([0, 1]);
    expect(valueTicks(withMax(0.3), true)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe("packed chart data", () => {
  it("comes back exactly as it was packed, gaps and tone included, parsed once however many charts read it", () => {
    const data = chartData([
      {
        ...meta("energy-security"),
        points: [{ period: "2001", value: 2, statements: 2, passages: 3, coverage: cover(9), tone: tone(0.25, 2, 3) }],
      },
      { ...meta("democracy"), points: [{ period: "2003", value: 0.3333333, statements: 1, passages: 1, coverage: cover(4), tone: null }] },
    ]);
    const packed = packChartData(data);
    expect(typeof packed.packed).toBe("string");
    expect(chartDataOf(packed)).toEqual(data);
    expect(chartDataOf(packed)).toBe(chartDataOf(packed));
    expect(chartDataOf(data)).toBe(data);
    expect(chartDataOf(packed).series[1]!.value).toEqual([null, 0.333]);
  });
});
