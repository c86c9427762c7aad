import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clusteredToneInterval, LOW_EVIDENCE_STATEMENTS, meanWithInterval, toneSumsOf } from "@/lib/engine/series-math";

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

const tone = fc.double({ min: -1, max: 1, noNaN: true });
const statementsOf = (minStatements: number) =>
  fc.array(fc.array(tone, { minLength: 1, maxLength: 8 }), { minLength: minStatements, maxLength: 12 });

describe("tone mean with a cluster-robust interval", () => {
  it("matches the sandwich formula computed from the statements directly", () => {
    fc.assert(
      fc.property(statementsOf(2), (statements) => {
        const point = clusteredToneInterval(toneSumsOf(statements))!;
        const n = statements.flat().length;
        const m = statements.flat().reduce((a, b) => a + b, 0) / n;
        const s = statements.length;
        const squares = statements.reduce((acc, t) => acc + (t.reduce((a, b) => a + b, 0) - m * t.length) ** 2, 0);
        const half = 1.96 * Math.sqrt(((s / (s - 1)) * squares) / (n * n));
        expect(point.mean).toBeCloseTo(m, 9);
        expect(point.high).toBeCloseTo(Math.min(1, m + half), 6);
        expect(point.low).toBeCloseTo(Math.max(-1, m - half), 6);
        expect(point.lowEvidence).toBe(s < LOW_EVIDENCE_STATEMENTS);
      }),
    );
  });

  it("is the ordinary interval when every statement has one passage", () => {
    fc.assert(
      fc.property(fc.array(tone, { minLength: 2, maxLength: 30 }), (tones) => {
        const clustered = clusteredToneInterval(toneSumsOf(tones.map((t) => [t])))!;
        const plain = meanWithInterval(
          tones.reduce((a, b) => a + b, 0),
          tones.reduce((a, b) => a + b * b, 0),
          tones.length,
        )!;
        // S/(S−1)·Σ(t−m)²/S² = sample variance / S
        expect(clustered.high - clustered.mean).toBeCloseTo(plain.high - plain.mean, 6);
      }),
    );
  });

  it("adds up: the sums of two cells give the interval of their union", () => {
    fc.assert(
      fc.property(statementsOf(1), statementsOf(1), (a, b) => {
        const sa = toneSumsOf(a);
        const sb = toneSumsOf(b);
        const merged = Object.fromEntries(
          Object.keys(sa).map((k) => [k, sa[k as keyof typeof sa] + sb[k as keyof typeof sb]]),
        ) as unknown as typeof sa;
        const direct = clusteredToneInterval(toneSumsOf([...a, ...b]))!;
        const added = clusteredToneInterval(merged)!;
        expect(added.mean).toBeCloseTo(direct.mean, 9);
        expect(added.high).toBeCloseTo(direct.high, 6);
      }),
    );
  });

  it("stays inside [-1, 1] and around the mean", () => {
    fc.assert(
      fc.property(statementsOf(1), (statements) => {
        const p = clusteredToneInterval(toneSumsOf(statements))!;
        expect(p.low).toBeGreaterThanOrEqual(-1);
        expect(p.high).toBeLessThanOrEqual(1);
        expect(p.low).toBeLessThanOrEqual(p.mean + 1e-12);
        expect(p.high).toBeGreaterThanOrEqual(p.mean - 1e-12);
      }),
    );
  });

  it("gives one statement the interval of its own passages, marked low evidence; nothing for no tone", () => {
    const one = clusteredToneInterval(toneSumsOf([[0.2, 0.4, -0.1, 0.5]]))!;
    expect(one.mean).toBeCloseTo(0.25, 10);
    expect(one.high - one.mean).toBeCloseTo((1.96 * Math.sqrt(0.07)) / 2, 10);
    expect(one.lowEvidence).toBe(true);
    expect(clusteredToneInterval(toneSumsOf([]))).toBeNull();
  });

  it("widens when statements disagree although their passages agree within each", () => {
    const agreeing = clusteredToneInterval(
      toneSumsOf([
        [0.3, 0.3, 0.3],
        [0.31, 0.31, 0.31],
        [0.29, 0.29, 0.29],
      ]),
    )!;
    const split = clusteredToneInterval(
      toneSumsOf([
        [0.8, 0.8, 0.8],
        [-0.2, -0.2, -0.2],
        [0.3, 0.3, 0.3],
      ]),
    )!;
    expect(split.high - split.low).toBeGreaterThan(10 * (agreeing.high - agreeing.low));
    expect(split.lowEvidence).toBe(false);
  });
});
