/**
 * Agreement between coders. Pure functions of the codes, unit-tested against published worked examples.
 * Krippendorff, K. (2011) "Computing Krippendorff's Alpha-Reliability"; Cohen, J. (1960).
 */

export type Metric = "nominal" | "ordinal" | "interval";

/**
 * Krippendorff's alpha. `units[u][c]` is coder c's value for unit u, or null when c did not code it. Units
 * with fewer than two values are not pairable and are ignored. Null when there is nothing to compare or no
 * variation at all (alpha is undefined then).
 */
export function krippendorffAlpha(units: (number | null)[][], metric: Metric): number | null {
  const coincidence = new Map<number, Map<number, number>>();
  const add = (c: number, k: number, weight: number) => {
    const row = coincidence.get(c) ?? new Map<number, number>();
    row.set(k, (row.get(k) ?? 0) + weight);
    coincidence.set(c, row);
  };
  for (const unit of units) {
    const values = unit.filter((v): v is number => v !== null);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
  }
  const categories = [...coincidence.keys()].sort((a, b) => a - b);
  const marginal = new Map(categories.map((c) => [c, [...coincidence.get(c)!.values()].reduce((s, v) => s + v, 0)]));
  const n = [...marginal.values()].reduce((s, v) => s + v, 0);
  if (n <= 1) return null;
  const distance = distanceFor(metric, categories, marginal);
  let observed = 0;
  let expected = 0;
  for (const c of categories) {
    for (const k of categories) {
      const d = distance(c, k);
      observed += (coincidence.get(c)!.get(k) ?? 0) * d;
      expected += marginal.get(c)! * marginal.get(k)! * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

function distanceFor(metric: Metric, categories: number[], marginal: Map<number, number>): (c: number, k: number) => number {
  if (metric === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (metric === "interval") return (c, k) => (c - k) ** 2;
  return (c, k) => {
    if (c === k) return 0;
    const [low, high] = c < k ? [c, k] : [k, c];
    const between = categories.filter((g) => g >= low && g <= high).reduce((s, g) => s + marginal.get(g)!, 0);
    return (between - (marginal.get(c)! + marginal.get(k)!) / 2) ** 2;
  };
}

/** Cohen's kappa for two coders' codes of the same units, in order. Null when chance agreement is total. */
export function cohenKappa<T>(a: T[], b: T[]): number | null {
  if (a.length !== b.length) throw new Error("Both coders must code the same units.");
  const n = a.length;
  if (n === 0) return null;
  const count = (codes: T[]) => codes.reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<T, number>());
  const ca = count(a);
  const cb = count(b);
  const observed = a.filter((code, i) => code === b[i]).length / n;
  let chance = 0;
  for (const [code, k] of ca) chance += (k / n) * ((cb.get(code) ?? 0) / n);
  if (chance === 1) return null;
  return (observed - chance) / (1 - chance);
}

/** One passage as each coder coded it: the themes they saw in it and their tone (or null for none). */
export interface CodedUnit {
  key: string;
  codes: Map<number, { themes: string[]; tone: number | null }>;
}

export interface PairFigure {
  coders: [number, number];
  kappa: number | null;
  units: number;
}

export interface AgreementFigures {
  themes: { theme: string; alpha: number | null; pairs: PairFigure[] }[];
  tone: { alphaInterval: number | null; alphaOrdinal: number | null; pairs: PairFigure[] };
  /** Units where coders differ, with what each said. */
  disagreements: { key: string; themes: string[]; tone: boolean }[];
}

/** Alpha over all coders and kappa per coder pair, for each theme (present/absent) and for tone. */
export function agreementFigures(units: CodedUnit[], themes: string[], coders: number[]): AgreementFigures {
  const pairs: [number, number][] = coders.flatMap((a, i) => coders.slice(i + 1).map((b) => [a, b] as [number, number]));
  const pairFigures = (value: (unit: CodedUnit, coder: number) => number | null): PairFigure[] =>
    pairs.map(([a, b]) => {
      const both = units.filter((u) => value(u, a) !== null && value(u, b) !== null);
      return {
        coders: [a, b],
        kappa: cohenKappa(
          both.map((u) => value(u, a)),
          both.map((u) => value(u, b)),
        ),
        units: both.length,
      };
    });
  const hasTheme = (theme: string) => (unit: CodedUnit, coder: number) => {
    const code = unit.codes.get(coder);
    return code ? (code.themes.includes(theme) ? 1 : 0) : null;
  };
  const tone = (unit: CodedUnit, coder: number) => unit.codes.get(coder)?.tone ?? null;
  const matrix = (value: (unit: CodedUnit, coder: number) => number | null) => units.map((u) => coders.map((c) => value(u, c)));
  return {
    themes: themes.map((theme) => ({
      theme,
      alpha: krippendorffAlpha(matrix(hasTheme(theme)), "nominal"),
      pairs: pairFigures(hasTheme(theme)),
    })),
    tone: {
      alphaInterval: krippendorffAlpha(matrix(tone), "interval"),
      alphaOrdinal: krippendorffAlpha(matrix(tone), "ordinal"),
      pairs: pairFigures(tone),
    },
    disagreements: units.flatMap((u) => {
      const codes = [...u.codes.values()];
      if (codes.length < 2) return [];
      const split = themes.filter((t) => new Set(codes.map((c) => c.themes.includes(t))).size > 1);
      const toneSplit = new Set(codes.map((c) => c.tone)).size > 1;
      return split.length > 0 || toneSplit ? [{ key: u.key, themes: split, tone: toneSplit }] : [];
    }),
  };
}
