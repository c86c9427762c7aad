/** Mean and 95% confidence interval from a sum, a sum of squares and a count (normal approximation). */
export function meanWithInterval(sum: number, sumSq: number, n: number): { mean: number; low: number; high: number } | null {
  if (n <= 0) return null;
  const mean = sum / n;
  if (n === 1) return { mean, low: mean, high: mean };
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  const half = 1.96 * Math.sqrt(variance / n);
  return { mean, low: Math.max(-1, mean - half), high: Math.min(1, mean + half) };
}
