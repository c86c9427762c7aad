import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CELL_GRAINS, CELL_TABLES, statements, themes } from "@/db/schema";
import { listPairs } from "@/lib/dal/catalog";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { pairSeries, pairThemeOverview } from "@/lib/dal/pair-series";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { queueRetag } from "@/lib/dal/internal/retag";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { addThemeTag, removeThemeTag } from "@/lib/dal/tags";
import { INTERVALS } from "@/lib/engine/periods";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { rawOverviewSql, rawSeries } from "@/scripts/lib/raw-queries";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

const SENTENCES = [
  "We welcome energy cooperation and the new gas pipeline.",
  "We condemn the terrorist attack and support the fight against terrorism.",
  "Free and fair elections and the rule of law matter to democracy.",
  "The Minsk Group must find a settlement for Nagorno-Karabakh.",
  "Trade and investment between our countries keep growing.",
  "We reject this illegal aggression and its violations of international law.",
];
const NAMING = [
  "Azerbaijan and Armenia must settle the conflict over Nagorno-Karabakh and respect democracy.",
  "We welcome Palau, Nauru and Kiribati as new Members, and energy cooperation with Georgia.",
  "Russian aggression against Georgia violates international law.",
];
const COUNTRIES = ["USA", "RUS", "AZE", "ARM", "GEO", "TUR"];
const THEMES = ["energy-security", "counterterrorism", "democracy", "nagorno-karabakh", "nonproliferation"];

const rowsOfCount = (result: unknown) => (result as { rows: { cells: number }[] }).rows;

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe.each(TEST_DRIVERS)("series cells on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
  });
  afterAll(() => database?.close());

  /** Every grain's cells, in one comparable list. */
  async function cells(digits = 6) {
    const all: unknown[] = [];
    for (const grain of CELL_GRAINS) {
      const result = await database.db
        .execute(sql`select ${grain} as grain, speaker_iso3, counterpart_iso3, theme_id, language, day::text, precision::text, statements, passages,
        round(tone_sum::numeric, ${digits}::int)::text as tone_sum, round(tone_sum_sq::numeric, ${digits}::int)::text as tone_sum_sq, tone_n
        from ${sql.raw(CELL_TABLES[grain])} order by 2, 3, 4, 5, 6, 7`);
      all.push(...(result as unknown as { rows: unknown[] }).rows);
    }
    return all;
  }

  it("kept in step after a random mix of imports, tag edits, deletions and a re-tag equal a rebuild from raw rows", async () => {
    const next = random(42);
    const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
    const codebook = await activeCodebook(database.db);
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) {
      const op = next();
      if (op < 0.55 || ids.length < 5) {
        const speaker = pick(COUNTRIES);
        // Some name their counterparts in the text (addressed, or in passing), some have them from metadata only.
        const raw = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick([...SENTENCES, ...NAMING])).join("\n\n") + ` (${i})`;
        const year = 1995 + Math.floor(next() * 25);
        const precision = pick(["day", "month", "year"] as const);
        const date = precision === "year" ? `${year}-01-01` : `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
        const counterparts = next() < 0.5 ? [pick(COUNTRIES.filter((c) => c !== speaker))] : [];
        const record = analyseDraft({ raw, date, datePrecision: precision, speakerCountry: speaker, counterparts }, codebook);
        ids.push((await writeStatement(database.db, record, null)).id);
      } else if (op < 0.9) {
        const id = pick(ids);
        const [{ version } = { version: 1 }] = await database.db
          .select({ version: statements.version })
          .from(statements)
          .where(sql`id = ${id}`);
        const change = { statementId: id, theme: pick(THEMES), version };
        await (next() < 0.5 ? addThemeTag(people.staff, change) : removeThemeTag(people.staff, change)).catch(() => undefined);
      } else {
        const id = ids.splice(Math.floor(next() * ids.length), 1)[0]!;
        const { withCells } = await import("@/lib/dal/internal/series-cells");
        await withCells(database.db, [id], (tx) => tx.delete(statements).where(sql`id = ${id}`));
      }
    }
    await queueRetag(database.db, codebook.version);
    await runJobsUntilIdle(database.db);
    const incremental = await cells();
    expect(incremental.length).toBeGreaterThan(20);
    for (const grain of CELL_GRAINS) expect(incremental.filter((c) => (c as { grain: string }).grain === grain).length).toBeGreaterThan(10);
    await rebuildCells(database.db);
    expect(await cells()).toEqual(incremental);
  });

  it("keeps in step when one batch empties thousands of cells at once (a re-tag of long statements)", async () => {
    const codebook = await activeCodebook(database.db);
    const counterparts = COUNTRIES.filter((c) => c !== "USA");
    const batch: number[] = [];
    for (let i = 0; i < 50; i++) {
      const raw = SENTENCES.map((s, k) => `${s} (${i}.${k})`).join("\n\n");
      const record = analyseDraft({ raw, date: `${1960 + i}-0${1 + (i % 9)}-1${i % 10}`, speakerCountry: "USA", counterparts }, codebook);
      batch.push((await writeStatement(database.db, record, null)).id);
    }
    const { withCells } = await import("@/lib/dal/internal/series-cells");
    const [{ cells: before } = { cells: 0 }] = rowsOfCount(await database.db.execute(sql`select count(*)::int as cells from series_cells`));
    await withCells(database.db, batch, async () => undefined);
    const [{ cells: after } = { cells: 0 }] = rowsOfCount(await database.db.execute(sql`select count(*)::int as cells from series_cells`));
    expect(after).toBe(before);
    expect(before).toBeGreaterThanOrEqual(2000);
    // Tone sums added and taken away this often drift in the sixth decimal: compared to four.
    const incremental = await cells(4);
    await rebuildCells(database.db);
    expect(await cells(4)).toEqual(incremental);
  });

  it("charts read from the coarsest cells that fit give what raw rows give, for any interval and ragged range", async () => {
    const busiest = await database.db.execute(
      sql`select speaker_iso3 as speaker, counterpart_iso3 as counterpart from statement_pairs group by 1, 2 order by count(*) desc limit 3`,
    );
    const themeRows = await database.db.select({ id: themes.id, slug: themes.slug }).from(themes);
    const idOf = new Map(themeRows.map((t) => [t.slug, t.id]));
    // Ranges that start and end on statements' own days, so the ragged edges hold statements.
    const days = (
      (await database.db.execute(
        sql`select distinct date::text as day from statements where date is not null and date_precision = 'day' order by 1`,
      )) as unknown as { rows: { day: string }[] }
    ).rows.map((r) => r.day);
    const at = (q: number) => days[Math.floor(q * (days.length - 1))]!;
    const ranges: { from?: string; to?: string }[] = [
      {},
      { from: at(0.1), to: at(0.9) },
      { from: at(0.3), to: at(0.6) },
      { from: `${at(0.5).slice(0, 4)}-01-01`, to: `${at(0.5).slice(0, 4)}-12-31` },
      { to: at(0.4) },
      { from: at(0.7) },
    ];
    let compared = 0;
    for (const pair of (busiest as unknown as { rows: { speaker: string; counterpart: string }[] }).rows) {
      for (const interval of INTERVALS) {
        for (const range of ranges) {
          const { series } = await pairSeries(people.analyst, {
            pairs: [pair],
            bothDirections: false,
            themes: THEMES,
            interval,
            measure: "statements",
            scale: "count",
            ...range,
          });
          const raw = await rawSeries(database.db, { ...pair, themeIds: THEMES.map((t) => idOf.get(t)!), interval, ...range });
          for (const theme of THEMES) {
            const fromCells = series
              .find((x) => x.theme === theme)!
              .points.filter((p) => p.statements > 0)
              .map((p) => ({ period: p.period, statements: p.statements, passages: p.passages }));
            const fromRaw = raw
              .filter((r) => r.theme_id === idOf.get(theme))
              .map((r) => ({ period: r.period, statements: r.statements, passages: r.passages }));
            expect(fromCells, `${pair.speaker}>${pair.counterpart} ${theme} ${interval} ${JSON.stringify(range)}`).toEqual(
              fromRaw.sort((a, b) => (a.period < b.period ? -1 : 1)),
            );
            compared += fromRaw.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("gives shares and tone to four decimals", async () => {
    const codebook = await activeCodebook(database.db);
    for (let i = 0; i < 7; i++) {
      const raw = [SENTENCES[i % SENTENCES.length]!, SENTENCES[(i * 5 + 1) % SENTENCES.length]!, `Statement ${i} of 2031.`].join("\n\n");
      await writeStatement(
        database.db,
        analyseDraft({ raw, date: `2031-0${1 + i}-15`, speakerCountry: "GEO", counterparts: ["TUR"] }, codebook),
        null,
      );
    }
    const query = {
      pairs: [{ speaker: "GEO", counterpart: "TUR" }],
      bothDirections: false,
      themes: THEMES,
      interval: "year" as const,
      from: "2031-01-01",
      to: "2031-12-31",
    };
    const shares = await pairSeries(people.analyst, { ...query, measure: "passages", scale: "share" });
    const tones = shares.series.flatMap((s) => s.points.flatMap((p) => (p.tone ? [p.tone.mean, p.tone.low, p.tone.high] : [])));
    const numbers = [...shares.series.flatMap((s) => s.points.flatMap((p) => (p.value === null ? [] : [p.value]))), ...tones];
    expect(tones.length).toBeGreaterThan(3);
    expect(numbers.some((x) => x !== 0 && x !== 1 && x !== 0.5)).toBe(true);
    for (const x of numbers) expect(Math.abs(x * 1e4 - Math.round(x * 1e4))).toBeLessThan(1e-6);
  });

  it("lists pairs with as many statements as raw rows, the undated ones included", async () => {
    const codebook = await activeCodebook(database.db);
    await writeStatement(
      database.db,
      analyseDraft({ raw: "We welcome energy cooperation, undated.", speakerCountry: "USA", counterparts: ["AZE"] }, codebook),
      null,
    );
    const raw = await database.db.execute(
      sql`select speaker_iso3 as speaker, counterpart_iso3 as counterpart, count(*)::int as statements from statement_pairs group by 1, 2`,
    );
    const listed = await listPairs(people.analyst);
    const key = (r: { speaker: string; counterpart: string; statements: number }) => `${r.speaker}>${r.counterpart}:${r.statements}`;
    expect(listed.map(key).sort()).toEqual(
      (raw as unknown as { rows: { speaker: string; counterpart: string; statements: number }[] }).rows.map(key).sort(),
    );
    expect(listed[0]!.statements).toBeGreaterThanOrEqual(listed.at(-1)!.statements);
  });

  it.each([
    ["all time", {}],
    ["a ragged range", { from: "2003-03-15", to: "2019-10-20" }],
  ])(
    "shows the busiest pairs in the overview, %s, with the same counts per theme as raw rows",
    async (_, range: { from?: string; to?: string }) => {
      const { rows } = (await database.db.execute(rawOverviewSql(range))) as unknown as {
        rows: { speaker_iso3: string; counterpart_iso3: string; theme_id: number; statements: number }[];
      };
      const slugById = new Map((await database.db.select({ id: themes.id, slug: themes.slug }).from(themes)).map((t) => [t.id, t.slug]));
      const rawTotals = rows
        .filter((r) => r.theme_id === 0)
        .map((r) => r.statements)
        .sort((a, b) => b - a);
      const overview = await pairThemeOverview(people.analyst, range, 5);
      expect(overview.length).toBeGreaterThan(1);
      expect(overview.map((p) => p.total)).toEqual(rawTotals.slice(0, 5));
      for (const pair of overview) {
        const mine = rows.filter((r) => r.speaker_iso3 === pair.speaker && r.counterpart_iso3 === pair.counterpart && r.theme_id !== 0);
        const expected = Object.fromEntries(mine.map((r) => [slugById.get(r.theme_id)!, r.statements]));
        const shown = Object.fromEntries(Object.entries(pair.byTheme).filter(([, n]) => n > 0));
        expect(shown, `${pair.speaker}>${pair.counterpart}`).toEqual(
          Object.fromEntries(Object.entries(expected).filter(([slug]) => slug in pair.byTheme)),
        );
      }
    },
  );
});
