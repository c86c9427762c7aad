import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passagesBehind } from "@/lib/dal/drill";
import { CELL_GRAINS, CELL_TABLES, themes } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { pairSeries } from "@/lib/dal/pair-series";
import { searchStatements } from "@/lib/dal/search";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { listStatements } from "@/lib/dal/statements";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { INTERVALS } from "@/lib/engine/periods";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { rawSeries } from "@/scripts/lib/raw-queries";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

/** One pair (RUS → UKR) spoken about in English and in Russian, and AZE → ARM in Azerbaijani, which the engine does not read. */
const STATEMENTS = [
  {
    date: "2022-02-24",
    speakerCountry: "RUS",
    raw: "Заявление МИД России\n\nКиевский режим совершает агрессию против мирных жителей Донбасса. Мы осуждаем эти преступления и недопустимые провокации Украины. Энергетическая безопасность Европы зависит от транзита газа через территорию Украины.",
  },
  {
    date: "2022-03-03",
    speakerCountry: "RUS",
    raw: "Переговоры с Украиной\n\nРоссийская делегация провела переговоры с украинской стороной. Мы приветствуем конструктивный диалог с Украиной и готовы к сотрудничеству в вопросах безопасности.",
  },
  {
    date: "2023-05-10",
    speakerCountry: "RUS",
    raw: "Russia on Ukraine\n\nRussia condemns the shelling of civilians by Ukraine. We welcome talks with Ukraine on energy security and gas transit.",
  },
  {
    date: "2023-06-12",
    speakerCountry: "RUS",
    raw: "Russia and Ukraine talks\n\nRussia and Ukraine discussed the grain corridor and energy security. The talks with Ukraine were constructive.",
  },
  {
    date: "2023-07-01",
    speakerCountry: "AZE",
    raw: "Azərbaycan Respublikası Xarici İşlər Nazirliyinin bəyanatı\n\nErmənistan silahlı qüvvələri atəşkəs rejimini pozub. Biz Ermənistanın təxribatlarını qətiyyətlə pisləyirik və beynəlxalq ictimaiyyəti buna reaksiya verməyə çağırırıq. Azərbaycan sülh danışıqlarına sadiqdir.",
  },
];

describe.each(TEST_DRIVERS)("statements in several languages on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  const ids: number[] = [];

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    const codebook = await activeCodebook(database.db);
    for (const s of STATEMENTS) {
      const counterparts = s.speakerCountry === "AZE" ? ["ARM"] : undefined;
      ids.push((await writeStatement(database.db, analyseDraft({ ...s, datePrecision: "day", counterparts }, codebook), null)).id);
    }
  });
  afterAll(() => database?.close());

  async function cells() {
    const all: unknown[] = [];
    for (const grain of CELL_GRAINS) {
      const result = await database.db
        .execute(sql`select ${grain} as grain, speaker_iso3, counterpart_iso3, theme_id, language, day::text, precision::text, statements, passages,
        round(tone_sum::numeric, 6)::text as tone_sum, tone_n, tone_statements from ${sql.raw(CELL_TABLES[grain])} order by 2, 3, 4, 5, 6, 7`);
      all.push(...(result as unknown as { rows: unknown[] }).rows);
    }
    return all;
  }

  it("reads each statement in its language and keeps the languages apart in the cells, which equal a rebuild", async () => {
    const languages = await database.db.execute(sql`select language from statements order by id`);
    expect((languages as unknown as { rows: { language: string }[] }).rows.map((r) => r.language)).toEqual(["ru", "ru", "en", "en", "az"]);
    const kept = await cells();
    const cellLanguages = new Set((kept as { language: string }[]).map((c) => c.language));
    expect([...cellLanguages].sort()).toEqual(["az", "en", "ru"]);
    await rebuildCells(database.db);
    expect(await cells()).toEqual(kept);
  });

  it("charts one pair's Russian and English statements together, and each language alone, as the raw rows count them", async () => {
    const themeRows = await database.db.select({ id: themes.id, slug: themes.slug }).from(themes);
    const slugs = ["energy-security", "regional-security"].filter((s) => themeRows.some((t) => t.slug === s));
    const idOf = new Map(themeRows.map((t) => [t.slug, t.id]));
    let counted = { all: 0, ru: 0, en: 0 };
    for (const language of [undefined, "en", "ru"] as const) {
      for (const interval of INTERVALS) {
        const { series } = await pairSeries(people.analyst, {
          pairs: [{ speaker: "RUS", counterpart: "UKR" }],
          bothDirections: false,
          themes: slugs,
          interval,
          measure: "statements",
          scale: "count",
          language,
        });
        const raw = await rawSeries(database.db, {
          speaker: "RUS",
          counterpart: "UKR",
          themeIds: slugs.map((s) => idOf.get(s)!),
          interval,
          language,
        });
        for (const slug of slugs) {
          const fromCells = series
            .find((x) => x.theme === slug)!
            .points.filter((p) => p.statements > 0)
            .map((p) => ({ period: p.period, statements: p.statements, passages: p.passages }));
          const fromRaw = raw
            .filter((r) => r.theme_id === idOf.get(slug))
            .map((r) => ({ period: r.period, statements: r.statements, passages: r.passages }));
          expect(fromCells, `${language} ${slug} ${interval}`).toEqual(fromRaw.sort((a, b) => (a.period < b.period ? -1 : 1)));
          if (interval === "year")
            counted = { ...counted, [language ?? "all"]: counted[language ?? "all"] + fromRaw.reduce((n, r) => n + r.statements, 0) };
        }
      }
    }
    // Both languages reach the chart of the pair, and the filter splits them.
    expect(counted.ru).toBeGreaterThan(0);
    expect(counted.en).toBeGreaterThan(0);
    expect(counted.all).toBe(counted.ru + counted.en);
    const ruOnly = await pairSeries(people.analyst, {
      pairs: [{ speaker: "RUS", counterpart: "UKR" }],
      bothDirections: false,
      themes: slugs,
      interval: "year",
      measure: "statements",
      scale: "count",
      language: "ru",
    });
    expect(ruOnly.series[0]!.points.map((p) => p.period)).toEqual(["2022"]);
  });

  it("drills from a language-filtered point to that language's statements only", async () => {
    const drill = (language?: string) =>
      passagesBehind(people.analyst, {
        speaker: "RUS",
        counterpart: "UKR",
        bothDirections: false,
        theme: "energy-security",
        period: "2022",
        interval: "year",
        language,
        page: 1,
      });
    const [all, russian, english] = await Promise.all([drill(), drill("ru"), drill("en")]);
    expect(all.total).toBeGreaterThan(0);
    expect(russian.total).toBe(all.total); // 2022 is the Russian year
    expect(english.total).toBe(0);
  });

  it("says it cannot read Azerbaijani: no themes, no tone on the statement or its passages, no tone point on the chart", async () => {
    const az = (await listStatements(people.analyst, { language: "az" })).rows;
    expect(az).toHaveLength(1);
    expect(az[0]!.tone).toBeNull();
    expect(az[0]!.themes).toEqual([]);
    const passageTones = await database.db.execute(
      sql`select count(*)::int as toned from passages where statement_id = ${ids[4]!} and tone is not null`,
    );
    expect((passageTones as unknown as { rows: { toned: number }[] }).rows[0]!.toned).toBe(0);
    const { series } = await pairSeries(people.analyst, {
      pairs: [{ speaker: "AZE", counterpart: "ARM" }],
      bothDirections: false,
      themes: ["regional-security"],
      interval: "year",
      measure: "statements",
      scale: "count",
    });
    const points = series[0]!.points;
    expect(points.length).toBeGreaterThan(0); // the speaker said something that year: a zero, not a gap…
    expect(points.every((p) => p.tone === null)).toBe(true); // …and no tone, never a neutral one
  });

  it("lists statements by language", async () => {
    expect((await listStatements(people.analyst, { language: "ru" })).total).toBe(2);
    expect((await listStatements(people.analyst, { language: "en" })).total).toBe(2);
    expect((await listStatements(people.analyst, {})).total).toBe(5);
  });

  it("searches Russian statements by Russian word forms and prefixes, English ones as before", async () => {
    const titles = async (q: string, filter = {}) => (await searchStatements(people.analyst, q, filter)).rows.map((r) => r.title).sort();
    // "Украина" in the nominative finds "Украины", "Украиной" through the Russian stemmer.
    expect(await titles("Украина")).toEqual(["Заявление МИД России", "Переговоры с Украиной"]);
    expect(await titles("переговор*")).toEqual(["Переговоры с Украиной"]);
    expect(await titles("провокации")).toEqual(["Заявление МИД России"]);
    expect(await titles("Ukraine", { language: "en" })).toEqual(["Russia and Ukraine talks", "Russia on Ukraine"]);
    expect(await titles("constructiv*")).toEqual(["Russia and Ukraine talks"]);
    // English stays unstemmed ('simple'), as before: "talk" is not "talks".
    expect(await titles("talk")).toEqual([]);
  });
});
