/** Mean and 95% confidence interval from a sum, a sum of squares and a count (normal approximation). */
export function meanWithInterval(sum: number, sumSq: number, n: number): { mean: number; low: number; high: number } | null {
  if (n <= 0) return null;
  const mean = sum / n;
  if (n === 1) return { mean, low: mean, high: mean };
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  const half = 1.96 * Math.sqrt(variance / n);
  return { mean, low: Math.max(-1, mean - half), high: Math.min(1, mean + half) };
}

/** A tone point resting on fewer statements than this is shown, but marked as low evidence. */
export const LOW_EVIDENCE_STATEMENTS = 3;

/**
 * Additive tone sums over the passages of a cell, and over its statements: T_s is a statement's tone sum
 * there and n_s its toned passages.
 */
export interface ToneSums {
  /** Σ tone over passages (= Σ T_s). */
  toneSum: number;
  /** Σ tone² over passages. */
  toneSumSq: number;
  /** Toned passages (= Σ n_s). */
  toneN: number;
  /** S: statements with a toned passage. */
  toneStatements: number;
  /** Σ T_s². */
  clusterSumSq: number;
  /** Σ T_s · n_s. */
  clusterCross: number;
  /** Σ n_s². */
  clusterNSq: number;
}

export interface TonePoint {
  mean: number;
  low: number;
  high: number;
  lowEvidence: boolean;
}

/** Tone of a period or a whole range as charts and reports show it: the point with the statements and passages it stands on. */
export interface ToneEstimate extends TonePoint {
  statements: number;
  passages: number;
}

/**
 * Mean passage tone with a 95% interval that respects the clustering of passages in statements: the
 * cluster-robust (sandwich) variance of the ratio mean m = ΣT_s / Σn_s,
 * var = S/(S−1) · Σ(T_s − m·n_s)² / (Σn_s)², expanded into the additive sums. Passages of one statement
 * share its speaker, occasion and drafting, so they are not independent draws: the interval is as wide as the
 * statements disagree. With one statement there is nothing to compare it with: the passages' own interval,
 * marked low evidence (as is anything under LOW_EVIDENCE_STATEMENTS statements).
 */
export function clusteredToneInterval(sums: ToneSums): TonePoint | null {
  const { toneSum, toneN, toneStatements: s } = sums;
  if (toneN <= 0 || s <= 0) return null;
  const lowEvidence = s < LOW_EVIDENCE_STATEMENTS;
  if (s === 1) {
    const within = meanWithInterval(toneSum, sums.toneSumSq, toneN)!;
    return { ...within, lowEvidence };
  }
  const mean = toneSum / toneN;
  const squares = Math.max(0, sums.clusterSumSq - 2 * mean * sums.clusterCross + mean * mean * sums.clusterNSq);
  const half = 1.96 * Math.sqrt(((s / (s - 1)) * squares) / (toneN * toneN));
  return { mean, low: Math.max(-1, mean - half), high: Math.min(1, mean + half), lowEvidence };
}

/** The sums of one cell from its statements' passage tones (what the series cells add up), for tests and raw queries. */
export function toneSumsOf(statements: number[][]): ToneSums {
  const sums: ToneSums = { toneSum: 0, toneSumSq: 0, toneN: 0, toneStatements: 0, clusterSumSq: 0, clusterCross: 0, clusterNSq: 0 };
  for (const tones of statements) {
    if (tones.length === 0) continue;
    const t = tones.reduce((a, b) => a + b, 0);
    sums.toneSum += t;
    sums.toneSumSq += tones.reduce((a, b) => a + b * b, 0);
    sums.toneN += tones.length;
    sums.toneStatements++;
    sums.clusterSumSq += t * t;
    sums.clusterCross += t * tones.length;
    sums.clusterNSq += tones.length * tones.length;
  }
  return sums;
}
