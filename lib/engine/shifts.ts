/**
 * "What changed": the latest period of one pair × theme series against its own trailing baseline.
 *
 * Attention is the share of the pair's passages that carry the theme, with a Wilson score interval; tone is the
 * mean passage tone with the interval the series already carries. A change is reported only when the latest
 * period's interval and the baseline's interval do not overlap, both at the same level (95% by default).
 * Two 95% intervals that do not overlap is a stricter test than a 5% two-sample test, so on pure noise a series
 * raises an alarm (on either measure) far less often than 5% of the time: the unit test and `npm run
 * eval:shifts` measure it on 1,000 simulated series.
 */

/** One period of a series as the detector reads it. A gap (the speaker said nothing) is skipped, never a zero. */
export interface ShiftPoint {
  period: string;
  /** The speaker said nothing at all in the period. */
  gap: boolean;
  /** Passages carrying both the theme and the counterpart. */
  themePassages: number;
  /** All passages of the pair in the period: the denominator of attention. */
  pairPassages: number;
  /** Mean tone with its interval at the detector's level, or null where there is none. */
  tone: { mean: number; low: number; high: number; passages: number; statements: number; lowEvidence: boolean } | null;
}

export interface Estimate {
  estimate: number;
  low: number;
  high: number;
}

export interface Shift {
  measure: "attention" | "tone";
  period: string;
  baselinePeriods: string[];
  latest: Estimate;
  baseline: Estimate;
  direction: "up" | "down";
  /** |latest − baseline| on a 0..1 scale (tone's −1..1 range halved), so the two measures rank together. */
  size: number;
}

export interface ShiftOptions {
  /** Periods with coverage before the latest that form its baseline. */
  baselinePeriods: number;
  /** Fewer baseline periods with data than this: no verdict. */
  minBaselinePeriods: number;
  /** Normal quantile of the intervals compared (1.96: 95%). Tone intervals are taken as given at this level. */
  z: number;
}

export const SHIFT_DEFAULTS: ShiftOptions = { baselinePeriods: 4, minBaselinePeriods: 2, z: 1.96 };
/** The level stated in docs/desk.md and checked by the unit test. */
export const SHIFT_LEVEL = 0.95;

/** Wilson score interval of a proportion: sound near 0 and 1 and with few trials, unlike p ± z·se. */
export function wilson(successes: number, trials: number, z = SHIFT_DEFAULTS.z): Estimate {
  if (trials <= 0) return { estimate: 0, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // Clamped to contain p: at 0 or n successes rounding can put a bound a hair past it.
  return { estimate: p, low: Math.max(0, Math.min(p, centre - half)), high: Math.min(1, Math.max(p, centre + half)) };
}

/**
 * Several periods' tone pooled into one mean, weighted by passages; its standard error from each period's
 * interval (half-width / z), so whatever the series used for one period (clustered by statement) carries over.
 */
export function pooledTone(
  periods: { mean: number; low: number; high: number; passages: number }[],
  z = SHIFT_DEFAULTS.z,
): Estimate | null {
  const total = periods.reduce((n, p) => n + p.passages, 0);
  if (total <= 0) return null;
  let mean = 0;
  let variance = 0;
  for (const p of periods) {
    const w = p.passages / total;
    const se = (p.high - p.low) / (2 * z);
    mean += w * p.mean;
    variance += w * w * se * se;
  }
  const half = z * Math.sqrt(variance);
  return { estimate: mean, low: Math.max(-1, mean - half), high: Math.min(1, mean + half) };
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom; beyond 30 the normal 1.96 is close. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * A tone interval from a cluster-robust standard error with few statements is too narrow at the normal
 * quantile (on simulated noise it raised most of the false alarms); widened to Student's t with one degree of
 * freedom fewer than the statements behind it. Only at the 95% level, where the table applies.
 */
export function smallSampleTone<T extends { mean: number; low: number; high: number; statements: number }>(t: T, z = SHIFT_DEFAULTS.z): T {
  if (z !== SHIFT_DEFAULTS.z || t.statements - 1 > T_975.length || t.statements < 2) return t;
  const factor = T_975[t.statements - 2]! / z;
  return { ...t, low: Math.max(-1, t.mean - (t.mean - t.low) * factor), high: Math.min(1, t.mean + (t.high - t.mean) * factor) };
}

/** An interval that says nothing about spread (one passage, or clamped to a point) cannot be compared. */
function usableTone(t: ShiftPoint["tone"]): t is NonNullable<ShiftPoint["tone"]> {
  return t !== null && !t.lowEvidence && t.passages > 1 && t.high > t.low;
}

/** A series point (gaps as null, the pair's passages in its coverage) as the detector reads it. */
export function shiftPointOf(p: {
  period: string;
  value: number | null;
  passages: number;
  coverage: { pairPassages: number };
  tone: { mean: number; low: number; high: number; passages: number; statements: number; lowEvidence: boolean } | null;
}): ShiftPoint {
  const tone = p.tone && {
    mean: p.tone.mean,
    low: p.tone.low,
    high: p.tone.high,
    passages: p.tone.passages,
    statements: p.tone.statements,
    lowEvidence: p.tone.lowEvidence,
  };
  return { period: p.period, gap: p.value === null, themePassages: p.passages, pairPassages: p.coverage.pairPassages, tone };
}

/** The changes in a series' latest period with coverage against the periods with coverage before it. */
export function detectShifts(points: ShiftPoint[], options: Partial<ShiftOptions> = {}): Shift[] {
  const { baselinePeriods, minBaselinePeriods, z } = { ...SHIFT_DEFAULTS, ...options };
  const covered = points.filter((p) => !p.gap && p.pairPassages > 0);
  const latest = covered.at(-1);
  if (!latest) return [];
  const before = covered.slice(0, -1).slice(-baselinePeriods);
  const shifts: Shift[] = [];

  if (before.length >= minBaselinePeriods) {
    const now = wilson(latest.themePassages, latest.pairPassages, z);
    const base = wilson(
      before.reduce((n, p) => n + p.themePassages, 0),
      before.reduce((n, p) => n + p.pairPassages, 0),
      z,
    );
    const shift = compare("attention", latest.period, before, now, base, 1);
    if (shift) shifts.push(shift);
  }

  const toned = before.filter((p) => usableTone(p.tone));
  if (usableTone(latest.tone) && toned.length >= minBaselinePeriods) {
    const base = pooledTone(
      toned.map((p) => smallSampleTone(p.tone!, z)),
      z,
    );
    const wide = smallSampleTone(latest.tone, z);
    const now = { estimate: wide.mean, low: wide.low, high: wide.high };
    const shift = base && compare("tone", latest.period, toned, now, base, 2);
    if (shift) shifts.push(shift);
  }
  return shifts;
}

function compare(
  measure: Shift["measure"],
  period: string,
  before: ShiftPoint[],
  latest: Estimate,
  baseline: Estimate,
  range: number,
): Shift | null {
  const apart = latest.low > baseline.high || latest.high < baseline.low;
  if (!apart) return null;
  return {
    measure,
    period,
    baselinePeriods: before.map((p) => p.period),
    latest,
    baseline,
    direction: latest.estimate > baseline.estimate ? "up" : "down",
    size: Math.abs(latest.estimate - baseline.estimate) / range,
  };
}

/** Largest first; ties in a stable order so a list and a feed agree. */
export function rankShifts<T extends { shift: Shift; key: string }>(found: T[]): T[] {
  return [...found].sort(
    (a, b) => b.shift.size - a.shift.size || a.key.localeCompare(b.key) || a.shift.measure.localeCompare(b.shift.measure),
  );
}

const signed = (x: number) => (x >= 0 ? `+${x.toFixed(2)}` : `−${Math.abs(x).toFixed(2)}`);
const percent = (x: number) => `${Math.round(100 * x)}%`;

/** One line for a change, the same on the front page, in the JSON and in the feed. */
export function describeShift(c: { speaker: string; counterpart: string; themeName: string; shift: Shift }): string {
  const { shift } = c;
  const span = shift.baselinePeriods.length > 1 ? `${shift.baselinePeriods[0]}–${shift.baselinePeriods.at(-1)}` : shift.baselinePeriods[0];
  const what =
    shift.measure === "attention"
      ? `attention ${shift.direction === "up" ? "rose" : "fell"} to ${percent(shift.latest.estimate)} of passages from ${percent(shift.baseline.estimate)}`
      : `tone ${shift.direction === "up" ? "rose" : "fell"} to ${signed(shift.latest.estimate)} from ${signed(shift.baseline.estimate)}`;
  return `${c.speaker} → ${c.counterpart}, ${c.themeName}: ${what} in ${shift.period} (against ${span})`;
}
