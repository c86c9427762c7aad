import { describe, expect, it } from "vitest";
import { agreementFigures, cohenKappa, krippendorffAlpha } from "@/lib/engine/agreement";

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve units,
 * missing values. Published: nominal 0.743, ordinal 0.815, interval 0.849.
 */
const OBSERVERS: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const UNITS = OBSERVERS[0]!.map((_, u) => OBSERVERS.map((o) => o[u]!));

describe("Krippendorff's alpha", () => {
  it("matches the published nominal, ordinal and interval values", () => {
    expect(krippendorffAlpha(UNITS, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(UNITS, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(UNITS, "interval")).toBeCloseTo(0.849, 3);
  });

  it("matches the two-coder binary example (section A): alpha 0.095", () => {
    // Krippendorff (2011), section A: two observers, ten units, binary data.
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(
      krippendorffAlpha(
        a.map((v, i) => [v, b[i]!]),
        "nominal",
      ),
    ).toBeCloseTo(0.095, 3);
  });

  it("is 1 for perfect agreement with variation, undefined without variation or pairs", () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [0, 0],
          [1, 1],
        ],
        "nominal",
      ),
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [1, 1],
        ],
        "nominal",
      ),
    ).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [1, null],
          [null, 0],
        ],
        "interval",
      ),
    ).toBeNull();
  });
});

describe("Cohen's kappa", () => {
  it("matches the worked example: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no gives 0.40", () => {
    const a = [...Array(25).fill("yes"), ...Array(25).fill("no")];
    const b = [...Array(20).fill("yes"), ...Array(5).fill("no"), ...Array(10).fill("yes"), ...Array(15).fill("no")];
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 10);
  });

  it("matches a hand-computed three-category table with unequal marginals", () => {
    // Rows coder A (a 50, b 30, c 20), columns coder B (a 60, b 30, c 10): observed 0.70, chance 0.41,
    // kappa = 0.29 / 0.59 = 0.4915.
    const pairs: [string, string, number][] = [
      ["a", "a", 44],
      ["a", "b", 5],
      ["a", "c", 1],
      ["b", "a", 7],
      ["b", "b", 20],
      ["b", "c", 3],
      ["c", "a", 9],
      ["c", "b", 5],
      ["c", "c", 6],
    ];
    const a = pairs.flatMap(([x, , n]) => Array(n).fill(x));
    const b = pairs.flatMap(([, y, n]) => Array(n).fill(y));
    expect(cohenKappa(a, b)).toBeCloseTo(0.4915, 4);
  });

  it("is 1 for identical codes, 0 at chance, undefined when both use one code only", () => {
    expect(cohenKappa([1, 0, 1], [1, 0, 1])).toBe(1);
    expect(cohenKappa([1, 1, 0, 0], [1, 0, 1, 0])).toBe(0);
    expect(cohenKappa([1, 1], [1, 1])).toBeNull();
  });
});

describe("agreement figures for a sample", () => {
  it("computes per-theme alpha and pairwise kappa, tone alpha, and lists the disagreements", () => {
    const unit = (key: string, a: [string[], number | null], b: [string[], number | null]) => ({
      key,
      codes: new Map([
        [1, { themes: a[0], tone: a[1] }],
        [2, { themes: b[0], tone: b[1] }],
      ]),
    });
    const units = [
      unit("p1", [["trade"], 1], [["trade"], 1]),
      unit("p2", [[], 0], [["trade"], 0]),
      unit("p3", [["energy"], -1], [["energy"], -2]),
      unit("p4", [[], null], [[], null]),
    ];
    const figures = agreementFigures(units, ["trade", "energy"], [1, 2]);
    const trade = figures.themes.find((t) => t.theme === "trade")!;
    // trade codes: A 1,0,0,0 and B 1,1,0,0 — the binary values of the hand computation below.
    expect(trade.pairs[0]!.kappa).toBeCloseTo(cohenKappa([1, 0, 0, 0], [1, 1, 0, 0])!, 10);
    expect(trade.alpha).toBeCloseTo(
      krippendorffAlpha(
        [
          [1, 1],
          [0, 1],
          [0, 0],
          [0, 0],
        ],
        "nominal",
      )!,
      10,
    );
    expect(figures.themes.find((t) => t.theme === "energy")!.alpha).toBe(1);
    expect(figures.tone.pairs[0]!.units).toBe(3);
    expect(figures.disagreements).toEqual([
      { key: "p2", themes: ["trade"], tone: false },
      { key: "p3", themes: [], tone: true },
    ]);
  });
});
