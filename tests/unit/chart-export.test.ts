import { parse } from "csv-parse/sync";
import { DOMParser, parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { chartCsv, chartSvg, fileNameOf } from "@/components/charts/chart-export-file";
import type { ChartData } from "@/components/charts/types";

const DATA: ChartData = {
  periods: ["2019", "2020", "2021"],
  series: [
    {
      key: "a",
      label: "Nagorno-Karabakh",
      color: "#D55E00",
      theme: "nagorno-karabakh",
      pair: "AZE→ARM",
      value: [2, null, 5],
      statements: [2, 0, 5],
      passages: [9, 0, 20],
      coverage: [2, 0, 5],
      tone: [
        { mean: -0.2, low: -0.4, high: 0, statements: 2, passages: 9, lowEvidence: true },
        null,
        { mean: -0.5, low: -0.7, high: -0.3, statements: 5, passages: 20, lowEvidence: false },
      ],
    },
    {
      key: "b",
      label: 'Democracy, "rule" =law',
      color: "#0072B2",
      theme: "democracy",
      pair: "AZE→ARM",
      value: [1, null, 0],
      statements: [1, 0, 0],
      passages: [1, 0, 0],
      coverage: [2, 0, 5],
      tone: [null, null, null],
    },
  ],
};

/** A surface shaped like the one recharts draws: a line per series, a dot per point. */
function surface(): SVGSVGElement {
  const { document } = parseHTML(`<div class="recharts-wrapper"><svg class="recharts-surface" width="600" height="340" style="width:100%">
    <g class="recharts-line"><path class="recharts-line-curve" d="M0,0L1,1"/><g class="recharts-line-dots"><circle class="recharts-dot recharts-line-dot"/><circle class="recharts-dot recharts-line-dot"/><circle class="recharts-dot recharts-line-dot"/></g></g>
    <g class="recharts-line"><path class="recharts-line-curve" d="M0,0L1,1"/><g class="recharts-line-dots"><circle class="recharts-dot recharts-line-dot"/><circle class="recharts-dot recharts-line-dot"/><circle class="recharts-dot recharts-line-dot"/></g></g>
  </svg></div>`);
  return document.querySelector("svg") as unknown as SVGSVGElement;
}

describe("chart downloads", () => {
  it("draws the chart's own surface under a title and filters, with its legend and a source line", () => {
    const svg = chartSvg(
      surface(),
      { title: "Azerbaijan → Armenia: statements <per> year", filters: "Themes: all · per year", source: "Source: Dyad" },
      DATA.series,
    );
    const picture = new DOMParser().parseFromString(svg, "image/svg+xml");
    const root = picture.querySelector("svg")!;
    expect(root.getAttribute("width")).toBe("600");
    expect(Number(root.getAttribute("height"))).toBeGreaterThan(340);
    expect(picture.querySelectorAll(".recharts-line-dot")).toHaveLength(6);
    expect(picture.querySelectorAll(".recharts-line-curve")).toHaveLength(2);
    expect(picture.querySelectorAll(".legend-key")).toHaveLength(2);
    const texts = [...picture.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toEqual([
      "Azerbaijan → Armenia: statements <per> year",
      "Themes: all · per year",
      "Nagorno-Karabakh",
      'Democracy, "rule" =law',
      "Source: Dyad",
    ]);
  });

  it("writes one CSV row per plotted point: every value, and tone only where a period has it", () => {
    const values = parse(chartCsv(DATA, "value"), { columns: true }) as Record<string, string>[];
    expect(values).toHaveLength(4); // 2020 is a gap in both series: no point, no row
    expect(values[1]).toEqual({
      period: "2021",
      series: "Nagorno-Karabakh",
      pair: "AZE→ARM",
      theme: "nagorno-karabakh",
      value: "5",
      statements: "5",
    });
    const tone = parse(chartCsv(DATA, "tone"), { columns: true }) as Record<string, string>[];
    expect(tone.map((r) => `${r.period} ${r.tone_mean}`)).toEqual(["2019 -0.2", "2021 -0.5"]);
    expect(tone[0]).toMatchObject({ statements: "2", passages: "9", low_evidence: "true" });
    // A label a spreadsheet would run as a formula is written as text.
    expect(chartCsv({ ...DATA, series: [{ ...DATA.series[1]!, label: "=HYPERLINK(1)" }] }, "value")).toContain("'=HYPERLINK(1)");
  });

  it("names files from titles", () => {
    expect(fileNameOf("Azerbaijan → Armenia: statements per year")).toBe("azerbaijan-armenia-statements-per-year");
    expect(fileNameOf("→")).toBe("chart");
  });
});
