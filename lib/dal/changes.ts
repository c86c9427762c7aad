import { z } from "zod";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { firstDay, INTERVALS, periodAt, periodIndex, periodOf, type PeriodInterval } from "@/lib/engine/periods";
import { EARLIEST_DAY, LATEST_DAY, usableDaySchema } from "@/lib/engine/dates";
import { describeShift, detectShifts, rankShifts, SHIFT_DEFAULTS, shiftPointOf, type Shift } from "@/lib/engine/shifts";
import { listPairs, listThemes } from "./catalog";
import { roleHas } from "./permissions";
import { requirePermission, type DalContext } from "./context";
import { cachedRead } from "./read-cache";
import { listViews } from "./saved-views";
import { passagesBehind } from "./drill";
import { iso3Schema, themeSlugSchema } from "@/lib/validation";
import { pairSeries, type PairSeriesQuery } from "./pair-series";

/** Pairs looked at when none are named: every pair with statements, up to this many (the busiest first). */
export const DEFAULT_PAIRS = 400;

export const changesQuerySchema = z.object({
  /** None: the busiest pairs. */
  pairs: z
    .array(z.object({ speaker: iso3Schema, counterpart: iso3Schema }))
    .max(400)
    .default([]),
  /** None: every enabled theme. */
  themes: z.array(themeSlugSchema).max(40).default([]),
  from: usableDaySchema.optional(),
  to: usableDaySchema.optional(),
  interval: z.enum(INTERVALS).default("year"),
  limit: z.number().int().min(1).max(50).default(10),
  /** Statements listed behind each change. */
  statements: z.number().int().min(0).max(10).default(3),
});
export type ChangesQuery = z.input<typeof changesQuerySchema>;

export interface ChangeStatement {
  id: number;
  title: string;
  date: string | null;
  speakerName: string | null;
  /** Mean tone of the statement's passages carrying the theme. */
  tone: number | null;
  passages: number;
}

export interface Change {
  key: string;
  speaker: string;
  counterpart: string;
  theme: string;
  themeName: string;
  interval: (typeof INTERVALS)[number];
  shift: Shift;
  statements: ChangeStatement[];
}

/**
 * What changed for these pairs and themes: each directed pair × theme's latest period against its own trailing
 * baseline (lib/engine/shifts.ts), the changes whose intervals do not overlap, largest first, each with the
 * statements behind it (for tone, those that pulled it the way it moved first).
 */
export function listChanges(ctx: DalContext, input: ChangesQuery = {}): Promise<ChangesResult> {
  const query = changesQuerySchema.parse(input);
  return cachedRead(ctx, "series:read", "listChanges", query, () => readChanges(ctx, query));
}

type ChangesResult = { interval: string; period: string | null; pairs: number; themes: number; changes: Change[] };

async function readChanges(ctx: DalContext, query: z.output<typeof changesQuerySchema>): Promise<ChangesResult> {
  await requirePermission(ctx, "series:read");
  const [allThemes, pairs] = await Promise.all([
    listThemes(ctx),
    query.pairs.length > 0
      ? query.pairs
      : listPairs(ctx, DEFAULT_PAIRS).then((rows) => rows.map(({ speaker, counterpart }) => ({ speaker, counterpart }))),
  ]);
  const themes = query.themes.length > 0 ? allThemes.filter((t) => query.themes.includes(t.slug)) : allThemes;
  const none = { interval: query.interval, period: null, pairs: pairs.length, themes: themes.length, changes: [] };
  if (pairs.length === 0 || themes.length === 0) return none;
  const from = query.from ?? (await windowStart(ctx, query.interval, query.to));
  if (from === null) return none;
  // A scan of every pair is a hundred series queries: the front page shares one between its lists until a write
  // (kept with DYAD_CACHE=off too, as it was before the read cache).
  const { found, newest } = await cachedRead(
    ctx,
    "series:read",
    "changesScan",
    { pairs, themes: themes.map((t) => t.slug), interval: query.interval, from, to: query.to ?? null },
    () =>
      scan(
        ctx,
        pairs,
        themes.map((t) => t.slug),
        query.interval,
        from,
        query.to,
      ),
    { evenWhenOff: true },
  );
  // Only news: a series whose latest period with statements is older than the newest one here has nothing new.
  const top = rankShifts(found.filter((c) => c.shift.period === newest)).slice(0, query.limit);
  const names = new Map(allThemes.map((t) => [t.slug, t.name]));
  const changes = await Promise.all(
    top.map(async (c): Promise<Change> => ({
      ...c,
      key: `${c.key}|${c.shift.measure}`,
      themeName: names.get(c.theme) ?? c.theme,
      interval: query.interval,
      statements: query.statements > 0 ? await statementsBehind(ctx, c, query.interval, query.statements) : [],
    })),
  );
  return { interval: query.interval, period: newest, pairs: pairs.length, themes: themes.length, changes };
}

interface Found {
  key: string;
  shift: Shift;
  speaker: string;
  counterpart: string;
  theme: string;
}

/** Every series' shifts, and the newest period with statements in any of them. */
async function scan(
  ctx: DalContext,
  pairs: { speaker: string; counterpart: string }[],
  themes: string[],
  interval: PeriodInterval,
  from: string,
  to: string | undefined,
): Promise<ScanResult> {
  const found: Found[] = [];
  let newest: string | null = null;
  for (let i = 0; i < pairs.length; i += 4) {
    for (let j = 0; j < themes.length; j += 12) {
      const seriesQuery: PairSeriesQuery = {
        pairs: pairs.slice(i, i + 4),
        themes: themes.slice(j, j + 12),
        bothDirections: false,
        interval,
        measure: "passages",
        scale: "share",
        from,
        to,
      };
      for (const s of (await pairSeries(ctx, seriesQuery)).series) {
        const points = s.points.map(shiftPointOf);
        const last = points.filter((p) => !p.gap && p.pairPassages > 0).at(-1)?.period;
        if (last && (newest === null || last > newest)) newest = last;
        for (const shift of detectShifts(points))
          found.push({
            key: `${s.speaker}>${s.counterpart}|${s.theme}`,
            shift,
            speaker: s.speaker,
            counterpart: s.counterpart,
            theme: s.theme,
          });
      }
    }
  }
  return { found, newest };
}

/**
 * Where a scan with no start of its own begins: enough periods before the newest dated statement (up to `to`)
 * for a baseline with gaps between its periods (as in speeches given every other year), and no further back.
 */
async function windowStart(ctx: DalContext, interval: PeriodInterval, to: string | undefined): Promise<string | null> {
  const [row] = rowsOf<{ newest: string | null }>(
    await ctx.db.execute(sql`select max(date)::text as newest from statements where date between ${EARLIEST_DAY} and ${to ?? LATEST_DAY}`),
  );
  if (!row?.newest) return null;
  const start = periodIndex(periodOf(row.newest, interval), interval) - 3 * SHIFT_DEFAULTS.baselinePeriods;
  return firstDay(periodAt(Math.max(start, periodIndex(periodOf(EARLIEST_DAY, interval), interval)), interval), interval);
}

type ScanResult = { found: Found[]; newest: string | null };

async function statementsBehind(
  ctx: DalContext,
  c: { speaker: string; counterpart: string; theme: string; shift: Shift },
  interval: (typeof INTERVALS)[number],
  limit: number,
): Promise<ChangeStatement[]> {
  const behind = await passagesBehind(ctx, {
    speaker: c.speaker,
    counterpart: c.counterpart,
    bothDirections: false,
    theme: c.theme,
    period: c.shift.period,
    interval,
    page: 1,
  });
  const rows = behind.statements.map((s): ChangeStatement => {
    const tones = s.passages.map((p) => p.tone).filter((t): t is number => t !== null);
    return {
      id: s.id,
      title: s.title,
      date: s.date,
      speakerName: s.speakerName,
      passages: s.passages.length,
      tone: tones.length ? tones.reduce((a, b) => a + b, 0) / tones.length : null,
    };
  });
  const sign = c.shift.direction === "up" ? -1 : 1;
  const order =
    c.shift.measure === "tone"
      ? (a: ChangeStatement, b: ChangeStatement) => sign * ((a.tone ?? 0) - (b.tone ?? 0))
      : (a: ChangeStatement, b: ChangeStatement) => b.passages - a.passages;
  return rows.sort((a, b) => order(a, b) || a.id - b.id).slice(0, limit);
}

/** Changes for the dashboard's own filters: its pairs (one direction each, or both) and themes. */
export function changesQueryOf(query: PairSeriesQuery, limit = 5): ChangesQuery {
  const pairs = query.pairs.flatMap((p) => (query.bothDirections ? [p, { speaker: p.counterpart, counterpart: p.speaker }] : [p]));
  return { pairs, themes: query.themes, from: query.from, to: query.to, interval: query.interval, limit };
}

/** A change with its one-line description, as pages, the JSON and the feed show it. */
export const describeChange = describeShift;

/**
 * The front page's "what changed": across the busiest pairs (every theme), in the dashboard's own selection, and
 * for each of the analyst's saved views.
 */
export async function deskFront(ctx: DalContext, selection: PairSeriesQuery) {
  const actor = await requirePermission(ctx, "series:read");
  const [busiest, chosen, views] = await Promise.all([
    listChanges(ctx, { interval: selection.interval, limit: 8 }),
    listChanges(ctx, changesQueryOf(selection, 5)),
    roleHas(actor.role, "views:save") ? listViews(ctx) : Promise.resolve([]),
  ]);
  const viewChanges = await Promise.all(
    views.map(async (view) => ({ view, changes: (await listChanges(ctx, { ...changesQueryOf(view.filters, 3), statements: 1 })).changes })),
  );
  return { busiest, chosen, views: viewChanges };
}
