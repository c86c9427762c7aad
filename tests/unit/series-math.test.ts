import { describe, expect, it } from "vitest";
import { meanWithInterval } from "@/lib/engine/series-math";

describe("mean with a 95% interval from running sums", () => {
  it("matches a hand computation", () => {
    const values = [0.2, 0.4, -0.1, 0.5];
    const sum = values.reduce((a, b) => a + b, 0);
    const sumSq = values.reduce((a, b) => a + b * b, 0);
    const result = meanWithInterval(sum, sumSq, values.length)!;
    // mean 0.25; sample sd = sqrt(((−0.05)²+0.15²+(−0.35)²+0.25²)/3) = sqrt(0.07) ≈ 0.26458; half = 1.96·0.26458/2
    expect(result.mean).toBeCloseTo(0.25, 10);
    expect(result.high - result.mean).toBeCloseTo((1.96 * Math.sqrt(0.07)) / 2, 10);
    expect(result.mean - result.low).toBeCloseTo((1.96 * Math.sqrt(0.07)) / 2, 10);
  });

  it("has no interval for one value and nothing for none; stays inside [-1, 1]", () => {
    expect(meanWithInterval(0.3, 0.09, 1)).toEqual({ mean: 0.3, low: 0.3, high: 0.3 });
    expect(meanWithInterval(0, 0, 0)).toBeNull();
    const wide = meanWithInterval(1.8, 1.62, 2)!;
    expect(wide.high).toBeLessThanOrEqual(1);
  });
});
