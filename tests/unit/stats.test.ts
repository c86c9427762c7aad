import { describe, expect, it } from "vitest";
import { bootstrapCi, clusterBootstrapCi, mean, meanWithCi, percentile, ranks, rocAuc, spearman, withinGroupAuc } from "@/lib/engine/stats";

describe("stats", () => {
  it("ranks ties at their average", () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
  });

  it("computes Spearman's rho on ranks", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    // textbook example: d² sum = 4 over n = 5 → 1 − 6·4/(5·24) = 0.8
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8);
  });

  it("computes ROC AUC as the chance a positive outscores a negative, ties half", () => {
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.9, 0.8], [true, true, false, false])).toBe(0);
    expect(rocAuc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(rocAuc([0.9, 0.3, 0.5, 0.1], [true, true, false, false])).toBe(0.75);
    expect(rocAuc([1, 2], [true, true])).toBeNaN();
  });

  it("gives a mean with a confidence interval around it", () => {
    expect(mean([1, 2, 3])).toBe(2);
    const ci = meanWithCi([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.low).toBeLessThan(3);
    expect(ci.high).toBeGreaterThan(3);
    const boot = bootstrapCi(5, (idx) => mean(idx.map((i) => [1, 2, 3, 4, 5][i]!)));
    expect(boot.low).toBeLessThanOrEqual(3);
    expect(boot.high).toBeGreaterThanOrEqual(3);
  });
});

describe("percentile", () => {
  it("takes the nearest rank: p95 of 40 runs is the 38th, p50 of 4 the 2nd; nothing to take is NaN", () => {
    const forty = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(percentile(forty, 0.95)).toBe(38);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe("withinGroupAuc and clusterBootstrapCi", () => {
  it("counts only pairs within a group", () => {
    // Pooled, group b's high scores put its negatives above group a's positive; within each group the ranking is perfect.
    const scores = [1, 0, 10, 9];
    const labels = [true, false, true, false];
    expect(rocAuc(scores, labels)).toBe(0.75);
    expect(withinGroupAuc(scores, labels, ["a", "a", "b", "b"])).toBe(1);
    expect(withinGroupAuc([1, 2], [true, true], ["a", "a"])).toBeNaN();
  });

  it("resamples whole clusters, so a statistic of one cluster's units never splits them", () => {
    const clusters = [
      [0, 1],
      [2, 3],
      [4, 5],
    ];
    const sizes: number[] = [];
    clusterBootstrapCi(
      clusters,
      (indices) => {
        sizes.push(indices.length);
        return indices.length;
      },
      50,
    );
    expect(sizes.every((n) => n === 6)).toBe(true);
    const values = [0, 0, 1, 1, 2, 2];
    const ci = clusterBootstrapCi(clusters, (indices) => mean(indices.map((i) => values[i]!)), 500);
    expect(ci.low).toBeLessThan(1);
    expect(ci.high).toBeGreaterThan(1);
  });
});
