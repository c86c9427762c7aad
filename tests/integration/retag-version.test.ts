import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCodebook } from "@/lib/boot/seed";
import { CELL_GRAINS, CELL_TABLES, codebookVersions, retagJobs, statements, tags, themes, users } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { resumeRetag } from "@/lib/dal/internal/retag";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { TAGGER_VERSION } from "@/lib/engine/tag";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase } from "../support/fixtures";

const TEXTS = [
  "We welcome energy cooperation and the new gas pipeline with Azerbaijan.\n\nWe condemn the terrorist attack in Turkey.",
  "Free and fair elections in Georgia and the rule of law matter to democracy.\n\nThe Minsk Group must find a settlement for Nagorno-Karabakh.",
  "Мы осуждаем терроризм во всех его формах и проявлениях.\n\nЭнергетическая безопасность Европы зависит от транзита газа.",
];

describe.each(TEST_DRIVERS)("re-tagging at start-up after the tagger changed, on %s", (driver) => {
  let database: TestDatabase;
  const ids: number[] = [];
  let fresh: { statementId: number }[];

  const tagRows = () =>
    database.db
      .select({
        statementId: tags.statementId,
        passageId: tags.passageId,
        themeId: tags.themeId,
        confidence: tags.confidence,
        evidence: tags.evidence,
      })
      .from(tags)
      .where(inArray(tags.statementId, ids))
      .orderBy(asc(tags.statementId), asc(tags.passageId), asc(tags.themeId));
  async function cells() {
    const all: unknown[] = [];
    for (const grain of CELL_GRAINS) {
      const result = await database.db
        .execute(sql`select ${grain} as grain, speaker_iso3, counterpart_iso3, theme_id, day::text, statements, passages,
        round(tone_sum::numeric, 5)::text as tone_sum, round(tone_sum_sq::numeric, 5)::text as tone_sum_sq, tone_n
        from ${sql.raw(CELL_TABLES[grain])} order by 2, 3, 4, 5`);
      all.push(...(result as unknown as { rows: unknown[] }).rows);
    }
    return all;
  }

  beforeAll(async () => {
    ({ database } = await createSeededDatabase(driver));
    const codebook = await activeCodebook(database.db);
    for (const [i, raw] of TEXTS.entries()) {
      const record = analyseDraft(
        { raw, date: `201${i}-03-1${i}`, speakerCountry: i === 2 ? "RUS" : "USA", counterparts: ["AZE"] },
        codebook,
      );
      ids.push((await writeStatement(database.db, record, null)).id);
    }
    fresh = await tagRows();
  });
  afterAll(() => database?.close());

  it("queues nothing while every statement carries this tagger's version", async () => {
    const versions = await database.db.select({ version: statements.taggerVersion }).from(statements);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.every((v) => v.version === TAGGER_VERSION)).toBe(true);
    await resumeRetag(database.db);
    expect(await database.db.select().from(retagJobs)).toHaveLength(0);
  });

  it("re-tags a database another tagger left, and the cells equal a rebuild", async () => {
    expect(fresh.length).toBeGreaterThan(4);
    expect(fresh.some((t) => t.statementId === ids[2])).toBe(true); // the Russian statement has tags of its own rules
    // As an older tagger left it: one statement without its tags, one with a wrong one, cells that agree with them.
    await database.db.delete(tags).where(eq(tags.statementId, ids[0]!));
    await database.db.execute(sql`update tags set theme_id = (select min(id) from themes) where statement_id = ${ids[1]!}`);
    await database.db.execute(sql`update statements set tagger_version = case when id = ${ids[2]!} then null else 'older-tagger' end`);
    await rebuildCells(database.db);
    expect(await tagRows()).not.toEqual(fresh);

    await resumeRetag(database.db); // what a start-up does
    const [queued] = await database.db.select().from(retagJobs);
    expect(queued).toMatchObject({ status: "running" });
    await runJobsUntilIdle(database.db);

    const [job] = await database.db.select().from(retagJobs);
    expect(job!.status).toBe("done");
    expect(job!.done).toBe(job!.total);
    expect(await tagRows()).toEqual(fresh); // the Russian statement too, by its own rules
    const versions = await database.db.select({ version: statements.taggerVersion }).from(statements);
    expect(versions.every((v) => v.version === TAGGER_VERSION)).toBe(true);
    const incremental = await cells();
    await rebuildCells(database.db);
    expect(await cells()).toEqual(incremental);

    await resumeRetag(database.db); // the next start: nothing left to do
    expect(await database.db.select().from(retagJobs)).toHaveLength(1);
  }, 120_000);

  it("brings a codebook no person has edited up to the shipped one, re-tags with it, and leaves a manager's codebook alone", async () => {
    // As an older release left it: other democracy rules in the themes and in the only (app-written) version.
    await database.db.execute(
      sql`update themes set rules = jsonb_set(rules, '{phrases}', '["democracy: 2", "Minsk Group: 2"]') where slug = 'democracy'`,
    );
    await database.db.execute(sql`update codebook_versions set snapshot = '[]'::jsonb`);
    await database.db.delete(tags).where(eq(tags.statementId, ids[1]!));
    await rebuildCells(database.db);

    expect(await seedCodebook(database.db)).toBe(2); // what a start-up does before it re-tags
    const [democracy] = await database.db.select({ rules: themes.rules }).from(themes).where(eq(themes.slug, "democracy"));
    expect(democracy!.rules).toEqual(JSON.parse(JSON.stringify(DEFAULT_CODEBOOK.find((t) => t.slug === "democracy")!.rules)));
    await database.db.execute(sql`update statements set tagger_version = 'older-tagger'`); // an older release tagged them
    await resumeRetag(database.db);
    await runJobsUntilIdle(database.db);
    expect(await tagRows()).toEqual(fresh);
    const incremental = await cells();
    await rebuildCells(database.db);
    expect(await cells()).toEqual(incremental);
    expect(await seedCodebook(database.db)).toBe(2); // the shipped codebook again: no new version

    // A manager's edit makes the codebook theirs: a shipped change no longer replaces it.
    const [someone] = await database.db.select({ id: users.id }).from(users).limit(1);
    await database.db.update(codebookVersions).set({ createdBy: someone!.id }).where(eq(codebookVersions.version, 2));
    await database.db.execute(sql`update codebook_versions set snapshot = '[]'::jsonb`);
    expect(await seedCodebook(database.db)).toBe(2);
  }, 120_000);
});
