import { seededRandom } from "./stats";
import { detectShifts, SHIFT_DEFAULTS, type ShiftPoint } from "./shifts";
import { LOW_EVIDENCE_STATEMENTS } from "./series-math";

/**
 * Simulated pair × theme series for measuring the shift detector: statements of a few passages each, every
 * passage carrying the theme with a fixed chance, tone per passage = the statement's own lean + passage noise
 * (so passages cluster in statements, as in real speeches), and some periods silent (gaps). A planted shift
 * changes the chance or the tone in the latest period only.
 */

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const between = (random: () => number, low: number, high: number) => low + (high - low) * random();
const integerBetween = (random: () => number, low: number, high: number) => Math.floor(between(random, low, high + 1));

export interface Plant {
  /** Added to the chance that a passage carries the theme in the latest period. */
  attention?: number;
  /** Added to every passage's tone in the latest period. */
  tone?: number;
}

export function simulateSeries(random: () => number, periods = 9, plant: Plant = {}): ShiftPoint[] {
  const chance = between(random, 0.1, 0.4);
  const lean = between(random, -0.4, 0.4);
  const points: ShiftPoint[] = [];
  for (let i = 0; i < periods; i++) {
    const period = String(2000 + i);
    const last = i === periods - 1;
    if (!last && random() < 0.15) {
      points.push({ period, gap: true, themePassages: 0, pairPassages: 0, tone: null });
      continue;
    }
    const p = Math.min(1, chance + (last ? (plant.attention ?? 0) : 0));
    const shift = last ? (plant.tone ?? 0) : 0;
    let pairPassages = 0;
    const clusters: number[][] = [];
    for (let s = integerBetween(random, 4, 12); s > 0; s--) {
      const statementLean = lean + shift + 0.15 * normal(random);
      const tones: number[] = [];
      for (let k = integerBetween(random, 2, 10); k > 0; k--) {
        pairPassages++;
        if (random() < p) tones.push(Math.max(-1, Math.min(1, statementLean + 0.3 * normal(random))));
      }
      if (tones.length > 0) clusters.push(tones);
    }
    const themePassages = clusters.reduce((n, c) => n + c.length, 0);
    points.push({ period, gap: false, themePassages, pairPassages, tone: clusteredTone(clusters) });
  }
  return points;
}

/** Mean passage tone with a cluster-robust (by statement) 95% interval, as the series report it. */
function clusteredTone(clusters: number[][]): ShiftPoint["tone"] {
  const n = clusters.reduce((m, c) => m + c.length, 0);
  if (n === 0) return null;
  const mean = clusters.flat().reduce((a, b) => a + b, 0) / n;
  const g = clusters.length;
  if (g < 2) return { mean, low: mean, high: mean, passages: n, statements: g, lowEvidence: true };
  const spread = clusters.reduce((acc, c) => acc + c.reduce((a, x) => a + (x - mean), 0) ** 2, 0);
  const half = SHIFT_DEFAULTS.z * Math.sqrt(((g / (g - 1)) * spread) / (n * n));
  return {
    mean,
    low: Math.max(-1, mean - half),
    high: Math.min(1, mean + half),
    passages: n,
    statements: g,
    lowEvidence: g < LOW_EVIDENCE_STATEMENTS,
  };
}

export interface ShiftEvaluation {
  series: number;
  seed: number;
  /** Share of pure-noise series with any reported change. */
  falseAlarmRate: number;
  /** Share of series with a planted attention rise (+0.2) where attention is reported up. */
  attentionDetectionRate: number;
  /** Share of series with a planted tone fall (−0.3) where tone is reported down. */
  toneDetectionRate: number;
}

export function evaluateShiftDetector(series = 1000, seed = 20): ShiftEvaluation {
  const random = seededRandom(seed);
  let alarms = 0;
  let attentionFound = 0;
  let toneFound = 0;
  for (let i = 0; i < series; i++) {
    if (detectShifts(simulateSeries(random)).length > 0) alarms++;
    if (detectShifts(simulateSeries(random, 9, { attention: 0.2 })).some((s) => s.measure === "attention" && s.direction === "up"))
      attentionFound++;
    if (detectShifts(simulateSeries(random, 9, { tone: -0.3 })).some((s) => s.measure === "tone" && s.direction === "down")) toneFound++;
  }
  return {
    series,
    seed,
    falseAlarmRate: alarms / series,
    attentionDetectionRate: attentionFound / series,
    toneDetectionRate: toneFound / series,
  };
}

/** Share of series with `plant` in the latest period where the detector reports that measure moving that way. */
export function detectionRate(plant: Plant, series = 1000, seed = 20): number {
  const random = seededRandom(seed);
  const measure = plant.attention !== undefined ? "attention" : "tone";
  const direction = (plant.attention ?? plant.tone ?? 0) > 0 ? "up" : "down";
  let found = 0;
  for (let i = 0; i < series; i++)
    if (detectShifts(simulateSeries(random, 9, plant)).some((s) => s.measure === measure && s.direction === direction)) found++;
  return found / series;
}
