import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriesResponse } from "@/app/api/v1/series/respond";
import { CELL_GRAINS, CELL_TABLES, passageCounterparts, passages, statementPairs, statements, themes } from "@/db/schema";
import { listPairs } from "@/lib/dal/catalog";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { passagesBehind } from "@/lib/dal/drill";
import type { DalContext } from "@/lib/dal/context";
import { importDraft } from "@/lib/dal/imports";
import { pairSeries, type PairSeriesQuery } from "@/lib/dal/pair-series";
import { reviewQueue } from "@/lib/dal/review";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { queueToneRescore } from "@/lib/dal/internal/tone-rescore";
import type { StatementDraft } from "@/lib/ingest/draft";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { rawSeries, rawSpeakerSql } from "@/scripts/lib/raw-queries";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

/** A General Debate speech: five countries, each in its own passage with its own theme, and a closing without names. */
const UN_SPEECH = [
  "Mr. President, allow me to congratulate you on your election and to thank your predecessor from Malaysia.",
  "The conflict between Armenia and Azerbaijan over Nagorno-Karabakh must end in a settlement.",
  "We condemn the terrorist attack in Afghanistan and support the fight against terrorism.",
  "Free and fair elections and the rule of law matter to democracy in Ukraine.",
  "We welcome energy cooperation with Egypt and the new gas pipeline.",
  "We reaffirm our commitment to democracy, free elections and the rule of law everywhere.",
].join("\n\n");

const BILATERAL = [
  "The Secretary met the Foreign Minister of Azerbaijan and welcomed energy cooperation and the new gas pipeline.",
  "Free and fair elections and the rule of law matter to democracy, the Secretary said.",
  "The two sides agreed to meet again next year.",
].join("\n\n");

const THEMES = ["energy-security", "counterterrorism", "democracy", "nagorno-karabakh"];

describe.each(TEST_DRIVERS)("passage counterparts on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
  });
  afterAll(() => database?.close());

  async function save(draft: StatementDraft) {
    return (await writeStatement(database.db, analyseDraft(draft, await activeCodebook(database.db)), null)).id;
  }

  const series = (speaker: string, counterpart: string, extra: Partial<PairSeriesQuery> = {}) =>
    pairSeries(people.analyst, {
      pairs: [{ speaker, counterpart }],
      bothDirections: false,
      themes: THEMES,
      interval: "year",
      measure: "passages",
      scale: "count",
      ...extra,
    });

  /** theme → [statements, passages] in one year. */
  async function figures(speaker: string, counterpart: string, year: string) {
    const { series: all } = await series(speaker, counterpart, { from: `${year}-01-01`, to: `${year}-12-31` });
    return Object.fromEntries(
      all.map((s) => [s.theme, s.points.filter((p) => p.period === year).map((p) => [p.statements, p.passages])[0] ?? null]),
    );
  }

  it("gives each country of a UN-style speech only the passages that name it", async () => {
    await save({ raw: UN_SPEECH, date: "2001-09-20", datePrecision: "day", speakerCountry: "TUR" });
    expect(await figures("TUR", "EGY", "2001")).toEqual({
      "energy-security": [1, 1],
      counterterrorism: [0, 0],
      democracy: [0, 0],
      "nagorno-karabakh": [0, 0],
    });
    expect(await figures("TUR", "UKR", "2001")).toEqual({
      "energy-security": [0, 0],
      counterterrorism: [0, 0],
      democracy: [1, 1],
      "nagorno-karabakh": [0, 0],
    });
    expect(await figures("TUR", "AFG", "2001")).toEqual({
      "energy-security": [0, 0],
      counterterrorism: [1, 1],
      democracy: [0, 0],
      "nagorno-karabakh": [0, 0],
    });
    for (const counterpart of ["ARM", "AZE"]) {
      expect(await figures("TUR", counterpart, "2001")).toEqual({
        "energy-security": [0, 0],
        counterterrorism: [0, 0],
        democracy: [0, 0],
        "nagorno-karabakh": [1, 1],
      });
    }
    // The chair's country, greeted out of courtesy, is no counterpart.
    const pairs = await database.db
      .select({ counterpart: statementPairs.counterpartIso3 })
      .from(statementPairs)
      .innerJoin(statements, eq(statements.id, statementPairs.statementId))
      .where(eq(statements.speakerCountry, "TUR"));
    expect(pairs.map((p) => p.counterpart).sort()).toEqual(["AFG", "ARM", "AZE", "EGY", "UKR"]);
    // The passages behind a chart point are the ones it counts.
    const drill = (counterpart: string, theme: string) =>
      passagesBehind(people.analyst, {
        speaker: "TUR",
        counterpart,
        bothDirections: false,
        theme,
        period: "2001",
        interval: "year",
        page: 1,
      });
    expect((await drill("EGY", "democracy")).total).toBe(0);
    const energy = await drill("EGY", "energy-security");
    expect(energy.statements.map((s) => s.passages.map((p) => p.ordinal))).toEqual([[4]]);
    const { series: egypt } = await series("TUR", "EGY", { from: "2001-01-01", to: "2001-12-31" });
    expect(egypt[0]!.points[0]!.coverage).toEqual({ speakerStatements: 1, speakerPassages: 6, pairStatements: 1, pairPassages: 1 });
  });

  it("gives every passage of a bilateral press release to its one counterpart", async () => {
    await save({ raw: BILATERAL, date: "2002-03-01", datePrecision: "day", speakerCountry: "USA" });
    expect(await figures("USA", "AZE", "2002")).toMatchObject({ "energy-security": [1, 1], democracy: [1, 1] });
    const { series: aze } = await series("USA", "AZE", { from: "2002-01-01", to: "2002-12-31" });
    expect(aze[0]!.points[0]!.coverage).toMatchObject({ pairStatements: 1, pairPassages: 3 });
  });

  it("makes no addressed pair of a welcome to Palau, Nauru and Kiribati, but keeps the names as passing mentions", async () => {
    const id = await save({
      raw: "We welcome Palau, Nauru and Kiribati as new Members of the United Nations.\n\nPeace needs dialogue.",
      date: "2001-09-21",
      datePrecision: "day",
      speakerCountry: "ARM",
    });
    expect(await database.db.select().from(statementPairs).where(eq(statementPairs.statementId, id))).toEqual([]);
    const [first] = await database.db
      .select({ id: passages.id })
      .from(passages)
      .where(eq(passages.statementId, id))
      .orderBy(passages.ordinal);
    const named = await database.db.select().from(passageCounterparts).where(eq(passageCounterparts.passageId, first!.id));
    expect(named.map((c) => [c.iso3, c.addressed]).sort()).toEqual([
      ["KIR", false],
      ["NRU", false],
      ["PLW", false],
    ]);
    expect(named[0]!.evidence[0]).toMatchObject({ via: "name", passing: "list" });
    expect((await listPairs(people.analyst)).filter((p) => p.speaker === "ARM")).toEqual([]);
  });

  it("shows a year the speaker said nothing as a gap (null, empty in CSV), and a year it spoke of other things as 0", async () => {
    await save({
      raw: "Free and fair elections matter to democracy in Georgia.",
      date: "2010-05-01",
      datePrecision: "day",
      speakerCountry: "RUS",
    });
    await save({
      raw: "We welcome energy cooperation with Kazakhstan and the new gas pipeline.",
      date: "2011-05-01",
      datePrecision: "day",
      speakerCountry: "RUS",
    });
    await save({
      raw: "Democracy and free elections in Georgia need the rule of law.",
      date: "2013-05-01",
      datePrecision: "day",
      speakerCountry: "RUS",
    });
    const query: PairSeriesQuery = {
      pairs: [{ speaker: "RUS", counterpart: "GEO" }],
      bothDirections: false,
      themes: ["democracy"],
      interval: "year",
      measure: "statements",
      scale: "count",
    };
    const result = await pairSeries(people.analyst, query);
    expect(result.series[0]!.points.map((p) => [p.period, p.value])).toEqual([
      ["2010", 1],
      ["2011", 0],
      ["2012", null],
      ["2013", 1],
    ]);
    expect(result.series[0]!.points[1]!.coverage).toEqual({ speakerStatements: 1, speakerPassages: 1, pairStatements: 0, pairPassages: 0 });
    const shares = await pairSeries(people.analyst, { ...query, scale: "share" });
    expect(shares.series[0]!.points.map((p) => p.value)).toEqual([1, 0, null, 1]);

    const json = (await seriesResponse(query, result, null).json()) as { series: { points: { period: string; value: number | null }[] }[] };
    expect(json.series[0]!.points.find((p) => p.period === "2012")!.value).toBeNull();
    const csv = await seriesResponse(query, result, "csv").text();
    const lines = csv.trim().split("\n");
    const column = lines[0]!.split(",").indexOf("value");
    const valueOf = (period: string) => lines.find((l) => l.split(",")[4] === period)!.split(",")[column];
    expect([valueOf("2011"), valueOf("2012"), valueOf("2013")]).toEqual(["0", "", "1"]);

    // The speaker's coverage is what raw rows say.
    const raw = (await database.db.execute(rawSpeakerSql({ speaker: "RUS", interval: "year" }))) as unknown as {
      rows: { period: string; statements: number; passages: number }[];
    };
    const fromCells = result.series[0]!.points.filter((p) => p.value !== null).map((p) => ({
      period: p.period,
      statements: p.coverage.speakerStatements,
      passages: p.coverage.speakerPassages,
    }));
    expect(fromCells).toEqual(raw.rows);
  });

  it("gives a single statement a tone point with an interval from its passages, marked low evidence", async () => {
    const raw = [
      "We warmly welcome the excellent energy cooperation and the new gas pipeline, a great success.",
      "Energy security suffers from the illegal blockade of the gas pipeline, which we condemn.",
      "We welcome energy cooperation and the pipeline.",
    ].join("\n\n");
    await save({ raw, date: "2015-06-01", datePrecision: "day", speakerCountry: "GEO", counterparts: ["TUR"] });
    const { series: geo } = await pairSeries(people.analyst, {
      pairs: [{ speaker: "GEO", counterpart: "TUR" }],
      bothDirections: false,
      themes: ["energy-security"],
      interval: "year",
      measure: "passages",
      scale: "count",
    });
    const point = geo[0]!.points.find((p) => p.period === "2015")!;
    expect(point.statements).toBe(1);
    expect(point.tone).not.toBeNull();
    expect(point.tone!.statements).toBe(1);
    expect(point.tone!.lowEvidence).toBe(true);
    expect(point.tone!.passages).toBeGreaterThanOrEqual(2);
    expect(point.tone!.low).toBeLessThan(point.tone!.mean);
    expect(point.tone!.high).toBeGreaterThan(point.tone!.mean);
  });

  it("says how many statements of the pairs are undated and how many of the speakers have no pair, in the DAL and the API", async () => {
    await save({ raw: "Free and fair elections matter to democracy in Georgia, undated.", speakerCountry: "RUS" });
    await save({
      raw: "We reaffirm our commitment to peace and dialogue.",
      date: "2012-01-01",
      datePrecision: "day",
      speakerCountry: "RUS",
    });
    const query: PairSeriesQuery = {
      pairs: [{ speaker: "RUS", counterpart: "GEO" }],
      bothDirections: false,
      themes: ["democracy"],
      interval: "year",
      measure: "statements",
      scale: "count",
    };
    const result = await pairSeries(people.analyst, query);
    expect(result).toMatchObject({ undated: 1, unpaired: 1 });
    const json = (await seriesResponse(query, result, null).json()) as { undated: number; unpaired: number };
    expect(json).toMatchObject({ undated: 1, unpaired: 1 });
    const csv = seriesResponse(query, result, "csv");
    expect([csv.headers.get("x-dyad-undated"), csv.headers.get("x-dyad-unpaired")]).toEqual(["1", "1"]);
    // The statement with no pair is no longer a gap in 2012: the speaker spoke.
    expect(result.series[0]!.points.find((p) => p.period === "2012")!.value).toBe(0);
  });

  it("refuses an import with no speaker's country unless asked, and sends what no series holds to review with its reason", async () => {
    const raw = "A statement nobody can place, about democracy.";
    await expect(importDraft(people.staff, { raw })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/speaker's country/),
    });
    const saved = await importDraft(people.staff, { raw }, { allowNoSpeaker: true });
    expect(saved.duplicate).toBe(false);
    const again = await importDraft(people.staff, { raw }, { allowNoSpeaker: true });
    expect(again).toEqual({ id: saved.id, duplicate: true });
    const queue = await reviewQueue(people.staff, { reason: "no-speaker" });
    expect(queue.rows.map((r) => r.id)).toEqual([saved.id]);
    expect(queue.rows[0]!.reasons).toEqual(expect.arrayContaining(["no-date", "no-speaker", "no-counterpart"]));
    const undated = await reviewQueue(people.staff, { reason: "no-date" });
    expect(undated.rows.length).toBe(2);
    const unpaired = await reviewQueue(people.staff, { reason: "no-counterpart" });
    expect(unpaired.rows.every((r) => r.pair === null)).toBe(true);
    expect(unpaired.rows.length).toBeGreaterThanOrEqual(3);
  });

  it("re-reads the counterparts of statements stored before passages had them, and the cells equal raw rows at every grain", async () => {
    // Make the stored statements look as the older code left them: no passage counterparts, a pair from a
    // passing mention, and cells counted another way.
    const ids = (await database.db.select({ id: statements.id }).from(statements)).map((s) => s.id);
    const arm = await database.db.select({ id: statements.id }).from(statements).where(eq(statements.speakerCountry, "ARM"));
    await database.db.delete(passageCounterparts);
    await database.db
      .insert(statementPairs)
      .values({ statementId: arm[0]!.id, speakerIso3: "ARM", counterpartIso3: "PLW", origin: "mention", mentions: 1 });
    await database.db.execute(sql`update statements set counterparts_version = null where id in (${sql.join(ids, sql`, `)})`);
    for (const grain of CELL_GRAINS)
      await database.db.execute(sql.raw(`update ${CELL_TABLES[grain]} set passages = passages + 7, cluster_sum_sq = 0`));

    await queueToneRescore(database.db);
    await runJobsUntilIdle(database.db);

    expect(await database.db.select().from(statementPairs).where(eq(statementPairs.counterpartIso3, "PLW"))).toEqual([]);
    const versions = await database.db.select({ v: statements.counterpartsVersion }).from(statements).where(inArray(statements.id, ids));
    expect(versions.every((v) => v.v !== null)).toBe(true);
    expect(await figures("TUR", "EGY", "2001")).toMatchObject({ "energy-security": [1, 1], democracy: [0, 0] });

    const snapshot = async () => {
      const all: unknown[] = [];
      for (const grain of CELL_GRAINS) {
        const result = await database.db
          .execute(sql`select ${grain} as grain, speaker_iso3, counterpart_iso3, theme_id, language, day::text, precision::text, statements, passages,
          round(tone_sum::numeric, 6)::text, round(tone_sum_sq::numeric, 6)::text, tone_n, tone_statements, round(cluster_sum_sq::numeric, 6)::text,
          round(cluster_cross::numeric, 6)::text, cluster_n_sq from ${sql.raw(CELL_TABLES[grain])} order by 2, 3, 4, 5, 6, 7`);
        all.push(...(result as unknown as { rows: unknown[] }).rows);
      }
      return all;
    };
    const after = await snapshot();
    await rebuildCells(database.db);
    expect(await snapshot()).toEqual(after);

    const themeRows = await database.db.select({ id: themes.id, slug: themes.slug }).from(themes);
    const idOf = new Map(themeRows.map((t) => [t.slug, t.id]));
    for (const [speaker, counterpart] of [
      ["TUR", "EGY"],
      ["TUR", "ARM"],
      ["USA", "AZE"],
      ["RUS", "GEO"],
      ["GEO", "TUR"],
    ] as const) {
      for (const interval of ["year", "month", "week"] as const) {
        const { series: fromCells } = await series(speaker, counterpart, { interval });
        const raw = await rawSeries(database.db, { speaker, counterpart, themeIds: THEMES.map((t) => idOf.get(t)!), interval });
        for (const theme of THEMES) {
          const cells = fromCells
            .find((s) => s.theme === theme)!
            .points.filter((p) => p.statements > 0)
            .map((p) => [p.period, p.statements, p.passages]);
          const rows = raw
            .filter((r) => r.theme_id === idOf.get(theme))
            .map((r) => [r.period, r.statements, r.passages])
            .sort();
          expect(cells, `${speaker}>${counterpart} ${theme} ${interval}`).toEqual(rows);
        }
      }
    }
  });
});
