import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateShiftDetector, simulateSeries } from "@/lib/engine/shift-simulation";
import { seededRandom } from "@/lib/engine/stats";
import {
  detectShifts,
  pooledTone,
  rankShifts,
  shiftPointOf,
  SHIFT_LEVEL,
  smallSampleTone,
  wilson,
  type ShiftPoint,
} from "@/lib/engine/shifts";

const point = (period: string, themePassages: number, pairPassages: number, tone: ShiftPoint["tone"] = null): ShiftPoint => ({
  period,
  gap: false,
  themePassages,
  pairPassages,
  tone,
});
const gap = (period: string): ShiftPoint => ({ period, gap: true, themePassages: 0, pairPassages: 0, tone: null });
const tone = (mean: number, half: number, statements = 10): ShiftPoint["tone"] => ({
  mean,
  low: mean - half,
  high: mean + half,
  passages: 40,
  statements,
  lowEvidence: false,
});

describe("wilson", () => {
  it("matches a textbook value and stays inside 0..1", () => {
    // 10 of 100 at 95%: 0.0552 to 0.1744 (Wilson 1927; Newcombe 1998, method 3).
    const w = wilson(10, 100);
    expect(w.low).toBeCloseTo(0.0552, 3);
    expect(w.high).toBeCloseTo(0.1744, 3);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), (n, k) => {
        const x = wilson(Math.min(k, n), n);
        return x.low >= 0 && x.high <= 1 && x.low <= x.estimate && x.estimate <= x.high;
      }),
    );
  });
});

describe("detectShifts", () => {
  it("reports a jump in attention against the trailing baseline, skipping gaps rather than counting them as zeros", () => {
    const series = [
      point("2015", 5, 100),
      gap("2016"),
      point("2017", 6, 100),
      gap("2018"),
      point("2019", 4, 100),
      gap("2020"),
      point("2021", 40, 100),
    ];
    const [shift, ...rest] = detectShifts(series);
    expect(rest).toEqual([]);
    expect(shift).toMatchObject({ measure: "attention", period: "2021", direction: "up", baselinePeriods: ["2015", "2017", "2019"] });
    expect(shift!.size).toBeCloseTo(0.4 - 0.05, 5);
  });

  it("treats a trailing gap as no news: the latest period with coverage is compared", () => {
    const series = [point("2015", 5, 100), point("2017", 6, 100), point("2019", 40, 100), gap("2021")];
    expect(detectShifts(series)[0]?.period).toBe("2019");
  });

  it("says nothing when the intervals overlap, or when the baseline is too short", () => {
    expect(detectShifts([point("2015", 5, 20), point("2017", 6, 20), point("2019", 9, 20)])).toEqual([]);
    expect(detectShifts([point("2017", 1, 100), point("2019", 60, 100)])).toEqual([]);
  });

  it("reports a fall in tone only from intervals with evidence behind them", () => {
    const base = [
      point("2015", 40, 100, tone(0.3, 0.05)),
      point("2017", 40, 100, tone(0.32, 0.05)),
      point("2019", 40, 100, tone(0.28, 0.05)),
    ];
    expect(detectShifts([...base, point("2021", 40, 100, tone(-0.2, 0.05))])).toMatchObject([{ measure: "tone", direction: "down" }]);
    const thin = { ...tone(-0.2, 0.05)!, lowEvidence: true };
    expect(detectShifts([...base, point("2021", 40, 100, thin)])).toEqual([]);
  });

  it("ranks the two measures on one scale, largest first", () => {
    const [a] = detectShifts([point("1", 5, 100), point("2", 5, 100), point("3", 50, 100)]);
    const [b] = detectShifts([
      point("1", 5, 100, tone(0.5, 0.02)),
      point("2", 5, 100, tone(0.5, 0.02)),
      point("3", 5, 100, tone(-0.5, 0.02)),
    ]);
    expect(b!.size).toBeCloseTo(0.5, 5);
    expect(
      rankShifts([
        { key: "a", shift: a! },
        { key: "b", shift: b! },
      ]).map((x) => x.key),
    ).toEqual(["b", "a"]);
  });
});

describe("reading series points", () => {
  it("uses coverage and null gaps where the series give them", () => {
    const coverage = { speakerStatements: 3, speakerPassages: 90, pairStatements: 2, pairPassages: 40 };
    const tone = { mean: -0.2, low: -0.4, high: 0, statements: 2, passages: 6, lowEvidence: true };
    expect(shiftPointOf({ period: "2021", value: 0.15, passages: 6, coverage, tone })).toEqual({
      period: "2021",
      gap: false,
      themePassages: 6,
      pairPassages: 40,
      tone: { mean: -0.2, low: -0.4, high: 0, passages: 6, statements: 2, lowEvidence: true },
    });
    expect(shiftPointOf({ period: "2022", value: 0, passages: 0, coverage, tone: null })).toMatchObject({
      gap: false,
      themePassages: 0,
      pairPassages: 40,
    });
    expect(shiftPointOf({ period: "2020", value: null, passages: 0, coverage: { ...coverage, pairPassages: 0 }, tone: null }).gap).toBe(
      true,
    );
  });
});

describe("tone intervals", () => {
  it("pools periods by passages and widens few-statement intervals to Student's t", () => {
    const pooled = pooledTone([
      { mean: 0, low: -0.1, high: 0.1, passages: 10 },
      { mean: 0.3, low: 0.2, high: 0.4, passages: 30 },
    ])!;
    expect(pooled.estimate).toBeCloseTo(0.225, 5);
    expect(pooled.high - pooled.low).toBeLessThan(0.2);
    const narrow = { mean: 0, low: -0.1, high: 0.1, statements: 3 };
    expect(smallSampleTone(narrow).high).toBeCloseTo((0.1 * 4.303) / 1.96, 4);
    expect(smallSampleTone({ ...narrow, statements: 200 })).toEqual({ ...narrow, statements: 200 });
  });
});

describe("on simulated series (1,000 each, seed 20)", () => {
  const result = evaluateShiftDetector(1000, 20);

  it(`raises a false alarm on at most ${Math.round((1 - SHIFT_LEVEL) * 100)}% of pure-noise series`, () => {
    expect(result.falseAlarmRate).toBeLessThanOrEqual(1 - SHIFT_LEVEL);
  });

  it("finds planted shifts in the latest period", () => {
    expect(result.attentionDetectionRate).toBeGreaterThan(0.5);
    expect(result.toneDetectionRate).toBeGreaterThan(0.2);
  });

  it("simulates the same series for the same seed", () => {
    expect(simulateSeries(seededRandom(7))).toEqual(simulateSeries(seededRandom(7)));
  });
});
