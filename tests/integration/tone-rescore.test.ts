import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CELL_GRAINS, CELL_TABLES, passages, statements, toneBaselines, toneRescoreJobs } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import type { DalContext } from "@/lib/dal/context";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { ANALYSIS_VERSION, queueToneRescore } from "@/lib/dal/internal/tone-rescore";
import { toneRescoreStatus } from "@/lib/dal/background-progress";
import { setToneOverride } from "@/lib/dal/tone-overrides";
import { TONE_VERSION } from "@/lib/engine/tone";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createSeededDatabase, type Person } from "../support/fixtures";

const TEXTS = [
  "We welcome the energy partnership with Azerbaijan.\n\nWe condemn the illegal annexation and reject the so-called referendum.",
  "The parties concerned must respect the ceasefire.\n\nRussian troops entered the mainland from the south.",
  "We strongly support the peaceful settlement of disputes and non-interference in internal affairs.",
  "The Minsk Group welcomed constructive talks.\n\nThe aggression must stop.\n\nThe meeting took place in Geneva.",
];

describe.each(TEST_DRIVERS)("re-scoring tone after the engine changed, on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  const ids: number[] = [];
  /** What this engine gives each statement and passage, read right after import. */
  let fresh: { statements: unknown[]; passages: unknown[] };

  const statementTones = () =>
    database.db
      .select({ id: statements.id, tone: statements.tone })
      .from(statements)
      .where(inArray(statements.id, ids))
      .orderBy(asc(statements.id));
  const passageTones = () =>
    database.db
      .select({ id: passages.id, tone: passages.tone, words: passages.toneWords })
      .from(passages)
      .where(inArray(passages.statementId, ids))
      .orderBy(asc(passages.id));
  async function cells() {
    const all: unknown[] = [];
    for (const grain of CELL_GRAINS) {
      const result = await database.db
        .execute(sql`select ${grain} as grain, speaker_iso3, counterpart_iso3, theme_id, language, day::text, statements, passages,
        round(tone_sum::numeric, 5)::text as tone_sum, round(tone_sum_sq::numeric, 5)::text as tone_sum_sq, tone_n
        from ${sql.raw(CELL_TABLES[grain])} order by 2, 3, 4, 5, 6`);
      all.push(...(result as unknown as { rows: unknown[] }).rows);
    }
    return all;
  }

  beforeAll(async () => {
    ({ database, people } = await createSeededDatabase(driver));
    const codebook = await activeCodebook(database.db);
    for (const [i, raw] of TEXTS.entries()) {
      const record = analyseDraft({ raw, date: `201${i}-03-1${i}`, speakerCountry: "USA", counterparts: ["AZE"] }, codebook);
      ids.push((await writeStatement(database.db, record, null)).id);
    }
    fresh = { statements: await statementTones(), passages: await passageTones() };

    // A person's tone on the first statement's second passage, set while this engine's tone stood.
    const [, judged] = await database.db
      .select({ id: passages.id })
      .from(passages)
      .where(eq(passages.statementId, ids[0]!))
      .orderBy(asc(passages.ordinal));
    const [{ version } = { version: 1 }] = await database.db
      .select({ version: statements.version })
      .from(statements)
      .where(eq(statements.id, ids[0]!));
    await setToneOverride(people.staff, { statementId: ids[0]!, version, passageId: judged!.id, value: 2 });

    // Now make it look as an older engine left it: other tones, no words, and cells that agree with them.
    const stale = ids.slice(0, 3);
    await database.db.execute(
      sql`update passages set tone = 0.9, tone_words = '[]'::jsonb where statement_id in (${sql.join(stale, sql`, `)}) and tone is not null and id <> ${judged!.id}`,
    );
    await database.db.execute(sql`update tone_baselines set tone = 0.9 where statement_id = ${ids[0]!} and tone is not null`);
    await database.db.execute(
      sql`update statements set tone = 0.9, tone_version = 'older-engine' where id in (${sql.join(stale, sql`, `)})`,
    );
    await rebuildCells(database.db);
  });
  afterAll(() => database?.close());

  it("re-scores only what another engine scored, keeps people's tone, and the cells follow", async () => {
    const before = await passageTones();
    expect(before).not.toEqual(fresh.passages);
    await queueToneRescore(database.db);
    await runJobsUntilIdle(database.db);

    const job = await toneRescoreStatus(people.analyst);
    expect(job).toMatchObject({ toneVersion: ANALYSIS_VERSION, status: "done", total: 3, done: 3 });
    const versions = await database.db.select({ version: statements.toneVersion }).from(statements).where(inArray(statements.id, ids));
    expect(versions.every((v) => v.version === TONE_VERSION)).toBe(true);

    // Statements without a person's tone are back to exactly what this engine gives them.
    const [first, ...others] = ids;
    const now = { statements: await statementTones(), passages: await passageTones() };
    expect(now.statements.filter((s) => s.id !== first)).toEqual((fresh.statements as { id: number }[]).filter((s) => s.id !== first));
    const firstPassages = new Set(
      (await database.db.select({ id: passages.id }).from(passages).where(eq(passages.statementId, first!))).map((p) => p.id),
    );
    const notFirst = (p: unknown) => !firstPassages.has((p as { id: number }).id);
    expect(now.passages.filter(notFirst)).toEqual(fresh.passages.filter(notFirst));
    expect(others.length).toBe(3);

    // The person's +2 stands on its passage; under it, the machine's tone is this engine's again.
    const judged = now.passages.find((p) => firstPassages.has(p.id) && p.tone === 1);
    expect(judged).toBeDefined();
    const baselines = await database.db.select().from(toneBaselines).where(eq(toneBaselines.statementId, first!));
    const freshFirst = fresh.passages.filter((p) => !notFirst(p)) as { id: number; tone: number | null }[];
    for (const p of freshFirst) expect(baselines.find((b) => b.passageId === p.id)?.tone).toBe(p.tone);
    expect(baselines.find((b) => b.passageId === null)?.tone).toBe((fresh.statements as { id: number; tone: number | null }[])[0]!.tone);

    // Cells kept in step equal a rebuild from the rows.
    const incremental = await cells();
    await rebuildCells(database.db);
    expect(await cells()).toEqual(incremental);
  });

  it("clearing the person's tone afterwards brings back this engine's tone, not the older one", async () => {
    const [first] = ids;
    const [judged] = await database.db
      .select({ passageId: toneBaselines.passageId })
      .from(toneBaselines)
      .innerJoin(passages, eq(passages.id, toneBaselines.passageId))
      .where(eq(passages.tone, 1));
    const [{ version } = { version: 1 }] = await database.db
      .select({ version: statements.version })
      .from(statements)
      .where(eq(statements.id, first!));
    await setToneOverride(people.staff, { statementId: first!, version, passageId: judged!.passageId, value: null });
    expect(await statementTones()).toEqual(fresh.statements);
    expect((await passageTones()).map((p) => p.tone)).toEqual((fresh.passages as { tone: number | null }[]).map((p) => p.tone));
  });

  it("queues nothing when every statement carries this engine's tone, and supersedes a job for another engine", async () => {
    const jobsBefore = await database.db.select().from(toneRescoreJobs);
    await queueToneRescore(database.db);
    expect(await database.db.select().from(toneRescoreJobs)).toEqual(jobsBefore);

    await database.db.insert(toneRescoreJobs).values({ toneVersion: "older-engine", total: 4 });
    await database.db.execute(sql`update statements set tone_version = null where id = ${ids[3]!}`);
    await queueToneRescore(database.db);
    await queueToneRescore(database.db); // a second start while it runs queues no second job
    const jobs = await database.db.select().from(toneRescoreJobs).orderBy(asc(toneRescoreJobs.id));
    expect(jobs.map((j) => [j.toneVersion, j.status, j.total])).toEqual([
      ...jobsBefore.map((j) => [j.toneVersion, j.status, j.total]),
      ["older-engine", "superseded", 4],
      [ANALYSIS_VERSION, "running", 1],
    ]);
    await queueToneRescore(database.db);
    await runJobsUntilIdle(database.db);
    expect(await toneRescoreStatus(people.analyst)).toMatchObject({ status: "done", done: 1, total: 1 });
    expect(await statementTones()).toEqual(fresh.statements);
  });
});
