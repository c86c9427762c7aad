import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, rowsOf, type Database, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedCodebook, seedCountries } from "@/lib/boot/seed";
import { auditLog, passages, retagJobs, statements, tags, themes } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { listCodebook, updateThemeRules } from "@/lib/dal/codebook-admin";
import type { DalContext } from "@/lib/dal/context";
import { runBulkImport, startBulkImport } from "@/lib/dal/imports";
import { runJobsUntilIdle, startJobLoop } from "@/lib/dal/internal/job-runner";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import type { BulkRow } from "@/lib/ingest/draft";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, type TestDatabase } from "../support/db";
import { createPeople, createSeededDatabase, type Person } from "../support/fixtures";

function draftText(i: number): string {
  const topic = i % 3 === 0 ? "the caviar accord with Azerbaijan" : "cooperation with Azerbaijan on trade";
  return `Statement ${i} on ${topic}.\n\nThe United States welcomes ${topic} and the talks held in Baku on day ${i}.`;
}

async function* rows(count: number, onRow?: (n: number) => void): AsyncGenerator<BulkRow> {
  for (let i = 1; i <= count; i++) {
    onRow?.(i);
    yield { rowNumber: i, draft: { raw: draftText(i), speakerCountry: "USA", date: "2010-01-01", datePrecision: "day" } };
  }
}

/** Statements whose passages, tags or cells were only partly written would show up here. */
async function halfWritten(db: Db): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from statements s
    where not exists (select 1 from passages p where p.statement_id = s.id)`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

describe.each(TEST_DRIVERS)("the audit log on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    ({ database } = await createSeededDatabase(driver));
    await database.db.insert(auditLog).values({ action: "test.entry", entityType: "test", entityId: "1", after: { ok: true } });
  });
  afterAll(() => database?.close());

  for (const [name, statement] of [
    ["updated", sql`update audit_log set action = 'forged'`],
    ["deleted", sql`delete from audit_log`],
    ["truncated", sql`truncate audit_log`],
  ] as const) {
    it(`cannot be ${name} by the application's database user`, async () => {
      await expect(database.db.execute(statement)).rejects.toThrow();
      const entries = await database.db.select().from(auditLog);
      expect(entries.map((e) => e.action)).toContain("test.entry");
      expect(entries.map((e) => e.action)).not.toContain("forged");
    });
  }
});

describe.runIf(TEST_DRIVERS.includes("postgres"))("the database connection killed mid-bulk-import (Postgres)", () => {
  let database: TestDatabase;
  let staff: DalContext;
  const TOTAL = 60;

  beforeAll(async () => {
    let people: Record<Person, DalContext>;
    ({ database, people } = await createSeededDatabase("postgres"));
    staff = people.staff;
  });
  // node-postgres may never finish ending a pooled client whose connection this test killed; the throwaway
  // server is removed after the run either way, so teardown waits at most ten seconds.
  afterAll(() => Promise.race([database?.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]));

  async function killConnections(): Promise<void> {
    const name = ((await database.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] }).rows[0]!
      .name;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
    await admin.end();
  }

  it("leaves no half-written statement, and a re-run completes without duplicates", async () => {
    let killed: Promise<void> | null = null;
    const jobId = await startBulkImport(staff, "faults");
    const first = await runBulkImport(
      staff,
      jobId,
      rows(TOTAL, (n) => n === 20 && (killed = killConnections())),
    ).catch((e: unknown) => e);
    await killed;
    const afterKill = await database.db.select({ id: statements.id }).from(statements);
    expect(afterKill.length).toBeGreaterThan(0);
    expect(afterKill.length).toBeLessThanOrEqual(TOTAL);
    expect(await halfWritten(database.db)).toBe(0);
    if (!(first instanceof Error)) expect(first).toMatchObject({ processed: TOTAL });

    const rerun = await runBulkImport(staff, await startBulkImport(staff, "faults again"), rows(TOTAL));
    expect(rerun.rejected).toEqual([]);
    expect(rerun.imported + rerun.duplicates).toBe(TOTAL);
    const all = await database.db.select({ hash: statements.contentHash }).from(statements);
    expect(all).toHaveLength(TOTAL);
    expect(new Set(all.map((s) => s.hash)).size).toBe(TOTAL);
    expect(await halfWritten(database.db)).toBe(0);
  });
});

describe("the app restarted mid-re-tag (embedded database on disk)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dyad-restart-"));
  const open = async (): Promise<Database> => {
    const database = await openDatabase({ driver: "pglite", location: dir });
    await migrateDatabase(database);
    return database;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tagSnapshot = async (db: Db) =>
    db
      .select({
        statementId: tags.statementId,
        passageId: tags.passageId,
        theme: themes.slug,
        status: tags.status,
        version: tags.codebookVersion,
      })
      .from(tags)
      .innerJoin(themes, eq(themes.id, tags.themeId))
      .orderBy(asc(tags.statementId), asc(tags.passageId), asc(themes.slug));

  it("resumes where it stopped and ends as if it had never stopped", async () => {
    let database = await open();
    await seedCountries(database.db);
    await seedCodebook(database.db);
    const manager = (await createPeople(database.db)).manager;
    const codebook = await activeCodebook(database.db);
    for (let i = 1; i <= 160; i++)
      await writeStatement(database.db, analyseDraft({ raw: draftText(i), speakerCountry: "USA" }, codebook), null);

    const energyTaggedBefore = await database.db
      .selectDistinct({ statementId: tags.statementId })
      .from(tags)
      .innerJoin(themes, and(eq(themes.id, tags.themeId), eq(themes.slug, "energy-security")));
    expect(energyTaggedBefore).toEqual([]);
    const { version, themes: current } = await listCodebook(manager);
    const energy = current.find((t) => t.slug === "energy-security")!;
    const worker = startJobLoop(database.db, { idleMs: 20 }); // the server's own worker
    const { version: next } = await updateThemeRules(manager, {
      slug: energy.slug,
      enabled: true,
      version,
      rules: { ...energy.rules, phrases: [...energy.rules.phrases, "caviar accord: 2"] },
    });
    for (let i = 0; i < 400; i++) {
      const [job] = await database.db.select().from(retagJobs).where(eq(retagJobs.codebookVersion, next));
      if (job && job.done > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await database.close(); // the process dies here: the background loop loses its database mid-run
    await worker();

    database = await open();
    const [interrupted] = await database.db.select().from(retagJobs).where(eq(retagJobs.codebookVersion, next));
    expect(interrupted!.status).toBe("running");
    expect(interrupted!.done).toBeLessThan(interrupted!.total);

    await runJobsUntilIdle(database.db); // what start-up does
    const [finished] = await database.db.select().from(retagJobs).where(eq(retagJobs.codebookVersion, next));
    expect(finished).toMatchObject({ status: "done", done: finished!.total, total: 160 });
    const energyTagged = await database.db
      .selectDistinct({ statementId: tags.statementId })
      .from(tags)
      .innerJoin(themes, and(eq(themes.id, tags.themeId), eq(themes.slug, "energy-security")));
    expect(energyTagged.length).toBeGreaterThanOrEqual(Math.floor(160 / 3));
    const afterResume = await tagSnapshot(database.db);
    expect(afterResume.every((t) => t.version === next)).toBe(true);

    // Idempotent: a second, uninterrupted run of the same codebook changes nothing.
    const { queueRetag } = await import("@/lib/dal/internal/retag");
    await queueRetag(database.db, next);
    await runJobsUntilIdle(database.db);
    expect(await tagSnapshot(database.db)).toEqual(afterResume);
    expect(await halfWritten(database.db)).toBe(0);
    const passageCount = await database.db.select({ n: sql<number>`count(*)::int` }).from(passages);
    expect(passageCount[0]!.n).toBeGreaterThanOrEqual(160);
    await database.close();
  }, 120_000);
});
