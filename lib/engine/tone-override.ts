/** How a person's tone (−2..+2) combines with the machine's tone (−1..1). Overrides win. */

export const TONE_OVERRIDE_MIN = -2;
export const TONE_OVERRIDE_MAX = 2;

/** Whether a person's tone is on the scale: a whole number from −2 to +2. */
export function isToneOverride(value: number): boolean {
  return Number.isInteger(value) && value >= TONE_OVERRIDE_MIN && value <= TONE_OVERRIDE_MAX;
}

/** What each step of a person's tone means; shown with its value on the engine's −1..+1 scale. */
export const TONE_OVERRIDE_WORDS: Record<number, string> = { [-2]: "hostile", [-1]: "critical", 0: "neutral", 1: "friendly", 2: "warm" };

/**
 * An override (stored as a whole step −2..+2, which agreement statistics count on) as a tone on the one scale
 * people see everywhere, the engine's −1..+1.
 */
export function overrideTone(value: number): number {
  return value / 2;
}

/** "-0.50 critical": a person's tone step as people read it, on the one scale. */
export function describeToneStep(step: number): string {
  const tone = overrideTone(step);
  return `${tone > 0 ? "+" : ""}${tone.toFixed(2)} ${TONE_OVERRIDE_WORDS[step] ?? ""}`.trim();
}

export interface PassageToneInput {
  id: number;
  /** The machine's tone; null when the passage holds no evaluative words. */
  machine: number | null;
  /** How much evaluation the machine found (evaluationOf its words): the passage's weight in the statement's tone. */
  evaluation: number;
  override: number | null;
}

/**
 * The tone each passage and the statement carry: a passage override, else the statement override, else the
 * machine. The statement's own tone is its override, else the mean weighted as the machine weighs it (an
 * overridden passage counting at least as much as one plain evaluative word), else (nothing overridden) the
 * machine's statement tone unchanged.
 */
export function effectiveTones(
  statement: { machine: number | null; override: number | null },
  passages: PassageToneInput[],
): { statement: number | null; passages: Map<number, number | null> } {
  const whole = statement.override === null ? null : overrideTone(statement.override);
  const result = new Map<number, number | null>();
  let weight = 0;
  let sum = 0;
  for (const p of passages) {
    const tone = p.override !== null ? overrideTone(p.override) : (whole ?? p.machine);
    result.set(p.id, tone);
    if (tone === null) continue;
    const w = p.override !== null ? Math.max(1, p.evaluation) : p.evaluation;
    weight += w;
    sum += tone * w;
  }
  if (whole !== null) return { statement: whole, passages: result };
  if (passages.every((p) => p.override === null)) return { statement: statement.machine, passages: result };
  return { statement: weight === 0 ? null : Math.round((sum / weight) * 1000) / 1000, passages: result };
}
