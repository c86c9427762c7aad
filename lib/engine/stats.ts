/** Small, pure statistics for evaluating the engine against human labels. */

export function mean(xs: number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((sum, x) => sum + x, 0) / xs.length;
}

/** Sample standard deviation (n − 1); NaN below two values. */
export function standardDeviation(xs: number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Mean with a normal-approximation 95% confidence interval. */
export function meanWithCi(xs: number[], z = 1.96): { mean: number; low: number; high: number; n: number } {
  const m = mean(xs);
  const half = xs.length < 2 ? NaN : (z * standardDeviation(xs)) / Math.sqrt(xs.length);
  return { mean: m, low: m - half, high: m + half, n: xs.length };
}

/** Ranks from 1, ties sharing their average rank. */
export function ranks(xs: number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const result = new Array<number>(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) result[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return result;
}

export function pearson(xs: number[], ys: number[]): number {
  if (xs.length !== ys.length) throw new Error("pearson: the two series differ in length");
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's rank correlation: Pearson on the ranks, so ties are handled. */
export function spearman(xs: number[], ys: number[]): number {
  return pearson(ranks(xs), ranks(ys));
}

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative (ties count half),
 * computed from ranks (Mann–Whitney U). NaN when either class is empty.
 */
export function rocAuc(scores: number[], positive: boolean[]): number {
  if (scores.length !== positive.length) throw new Error("rocAuc: scores and labels differ in length");
  const r = ranks(scores);
  let positives = 0;
  let rankSum = 0;
  positive.forEach((p, i) => {
    if (p) {
      positives++;
      rankSum += r[i]!;
    }
  });
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The q-th percentile of sorted values by the nearest-rank rule (p95 of 40 runs is the 38th); NaN when empty. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** A percentile bootstrap interval for a statistic of resampled indices; seeded, so runs repeat. */
export function bootstrapCi(n: number, statistic: (indices: number[]) => number, rounds = 1000, seed = 1): { low: number; high: number } {
  const random = seededRandom(seed);
  const values: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const sample = Array.from({ length: n }, () => Math.floor(random() * n));
    const v = statistic(sample);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.floor(q * values.length)))] ?? NaN;
  return { low: at(0.025), high: at(0.975) };
}

/** mulberry32: small, fast, and the same sequence for a seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * AUC counting only pairs of a positive and a negative from the same group (a meeting): a scorer is not credited
 * for ranking one meeting's units above another's. NaN when no group has both classes.
 */
export function withinGroupAuc(scores: number[], positive: boolean[], groups: string[]): number {
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => byGroup.set(g, [...(byGroup.get(g) ?? []), i]));
  let concordant = 0;
  let pairs = 0;
  for (const indices of byGroup.values()) {
    const labels = indices.map((i) => positive[i]!);
    const p = labels.filter(Boolean).length;
    const n = labels.length - p;
    if (p === 0 || n === 0) continue;
    concordant +=
      rocAuc(
        indices.map((i) => scores[i]!),
        labels,
      ) *
      p *
      n;
    pairs += p * n;
  }
  return pairs === 0 ? NaN : concordant / pairs;
}

/**
 * A percentile bootstrap interval that resamples whole clusters (the units of one speech together), since units
 * of a speech are not independent; the statistic gets the unit indices of the drawn clusters. Seeded.
 */
export function clusterBootstrapCi(
  clusters: number[][],
  statistic: (indices: number[]) => number,
  rounds = 1000,
  seed = 1,
): { low: number; high: number } {
  return bootstrapCi(clusters.length, (drawn) => statistic(drawn.flatMap((c) => clusters[c]!)), rounds, seed);
}
