import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { CELL_GRAINS, CELL_TABLES, jobs, retagJobs } from "@/db/schema";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { claimJob, enqueueJob, finishJob, startRunner, stopRunner, type JobKind } from "@/lib/dal/internal/job-queue";
import { runJobsFor } from "@/lib/dal/internal/job-runner";
import { runJobsTick } from "@/lib/dal/public/jobs-tick";
import { queueRetag } from "@/lib/dal/internal/retag";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { TEST_DRIVERS, createTestDatabase, type TestDatabase } from "../support/db";
import { createSeededDatabase } from "../support/fixtures";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Kinds only these tests know; enqueueJob's type names the real ones. */
const testKind = (kind: string) => kind as JobKind;

const SENTENCES = [
  "We welcome energy cooperation and the new gas pipeline with Azerbaijan.",
  "We condemn the terrorist attack in Turkey and support the fight against terrorism.",
  "Free and fair elections in Georgia and the rule of law matter to democracy.",
  "The Minsk Group must find a settlement for Nagorno-Karabakh with Armenia.",
];

/** Every grain's cells in one comparable list (as in series-cells.test.ts). */
async function cells(database: TestDatabase) {
  const all: unknown[] = [];
  for (const grain of CELL_GRAINS) {
    const result = await database.db
      .execute(sql`select ${grain} as grain, speaker_iso3, counterpart_iso3, theme_id, language, day::text, precision::text, statements, passages,
      round(tone_sum::numeric, 6)::text as tone_sum, round(tone_sum_sq::numeric, 6)::text as tone_sum_sq, tone_n
      from ${sql.raw(CELL_TABLES[grain])} order by 2, 3, 4, 5, 6, 7`);
    all.push(...(result as unknown as { rows: unknown[] }).rows);
  }
  return all;
}

describe.each(TEST_DRIVERS)("the job runner on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database?.close());

  it("never hands one job to two workers claiming at the same time", async () => {
    for (let i = 0; i < 30; i++) await enqueueJob(database.db, testKind("claim-test"), { i }, null);
    const claimed: number[] = [];
    const owners = Array.from({ length: 6 }, () => startRunner());
    await Promise.all(
      owners.map(async (owner) => {
        for (let job = await claimJob(database.db, owner, 60_000); job; job = await claimJob(database.db, owner, 60_000))
          claimed.push(job.id);
      }),
    );
    owners.forEach(stopRunner);
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed).size).toBe(30);
    await database.db.delete(jobs);
  });

  it("takes over a job whose worker stopped once its lease runs out, and not before", async () => {
    await enqueueJob(database.db, testKind("lease-test"));
    const first = startRunner();
    const second = startRunner();
    const taken = await claimJob(database.db, first, 300);
    expect(taken).toMatchObject({ state: "running", leaseOwner: first, attempts: 0 });
    expect(await claimJob(database.db, second, 60_000)).toBeNull(); // the lease still holds
    await wait(400);
    const takenOver = await claimJob(database.db, second, 60_000);
    expect(takenOver).toMatchObject({ id: taken!.id, leaseOwner: second, attempts: 1, lastError: "its worker stopped before finishing" });
    stopRunner(first);
    stopRunner(second);
    await database.db.delete(jobs);
  });

  it("keeps queued work of a key waiting while a job of that key runs, then hands it out", async () => {
    const first = startRunner();
    const second = startRunner();
    await enqueueJob(database.db, testKind("poll-test"), { round: 1 }, "poll-test:7");
    const running = await claimJob(database.db, first, 60_000);
    await enqueueJob(database.db, testKind("poll-test"), { round: 2 }, "poll-test:7");
    await enqueueJob(database.db, testKind("poll-test"), { round: 1 }, "poll-test:8");
    const other = await claimJob(database.db, second, 60_000);
    expect(other).toMatchObject({ dedupeKey: "poll-test:8" });
    expect(await claimJob(database.db, second, 60_000)).toBeNull(); // poll-test:7 is still running
    await finishJob(database.db, running!.id, first);
    expect(await claimJob(database.db, second, 60_000)).toMatchObject({ dedupeKey: "poll-test:7", payload: { round: 2 } });
    stopRunner(first);
    stopRunner(second);
    await database.db.delete(jobs);
  });

  it("retries a failing job after a doubling wait and fails it with the error after the last attempt", async () => {
    await enqueueJob(database.db, testKind("flaky"));
    let calls = 0;
    const options = {
      backoffMs: 150,
      maxAttempts: 3,
      steps: {
        flaky: async () => {
          calls++;
          throw new Error(`the source answered 503 (call ${calls})`);
        },
      },
    };
    expect(await runJobsFor(database.db, 5_000, options)).toMatchObject({ claimed: 1, retried: 1, failed: 0 });
    const [afterOne] = await database.db.select().from(jobs);
    expect(afterOne).toMatchObject({ state: "queued", attempts: 1, lastError: "the source answered 503 (call 1)", leaseOwner: null });
    expect(afterOne!.runAfter.getTime() - afterOne!.updatedAt.getTime()).toBeGreaterThanOrEqual(140);
    expect(await runJobsFor(database.db, 5_000, options)).toMatchObject({ claimed: 0 }); // still backing off
    await wait(200);
    expect(await runJobsFor(database.db, 5_000, options)).toMatchObject({ claimed: 1, retried: 1 });
    const [afterTwo] = await database.db.select().from(jobs);
    expect(afterTwo!.runAfter.getTime() - afterTwo!.updatedAt.getTime()).toBeGreaterThanOrEqual(290); // doubled
    await wait(350);
    expect(await runJobsFor(database.db, 5_000, options)).toMatchObject({ claimed: 1, failed: 1 });
    const [failed] = await database.db.select().from(jobs);
    expect(failed).toMatchObject({ state: "failed", attempts: 3, lastError: "the source answered 503 (call 3)" });
    expect(failed!.finishedAt).not.toBeNull();
    await wait(700);
    expect(await runJobsFor(database.db, 5_000, options)).toMatchObject({ claimed: 0 });
    expect(calls).toBe(3);
    await database.db.delete(jobs);
  });

  it("does a bounded slice: hands the job back with its progress, and the next slice continues it", async () => {
    await enqueueJob(database.db, testKind("long"));
    let done = 0;
    const options = { steps: { long: async () => (done++, { more: done < 1_000_000, progress: { done } }) } };
    const started = Date.now();
    const slice = await runJobsFor(database.db, 300, options);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(slice.steps).toBeGreaterThan(1);
    const [handedBack] = await database.db.select().from(jobs);
    expect(handedBack).toMatchObject({ state: "running", leaseOwner: null, attempts: 0, progress: { done } });
    const before = done;
    expect(await runJobsFor(database.db, 100, options)).toMatchObject({ claimed: 1 });
    expect(done).toBeGreaterThan(before);
    await database.db.delete(jobs);
  });
});

describe.each(TEST_DRIVERS)("a re-tag run by two workers at once on %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    ({ database } = await createSeededDatabase(driver));
  });
  afterAll(() => database?.close());

  it("re-tags each statement once, and the cells equal a rebuild", async () => {
    const codebook = await activeCodebook(database.db);
    const speakers = ["USA", "RUS", "TUR", "GEO"];
    for (let i = 0; i < 90; i++) {
      const raw = `${SENTENCES[i % 4]} ${SENTENCES[(i + 1) % 4]} Statement ${i}.`;
      await writeStatement(
        database.db,
        analyseDraft({ raw, speakerCountry: speakers[i % 4], date: `20${10 + (i % 9)}-0${1 + (i % 9)}-1${i % 9}` }, codebook),
        null,
      );
    }
    await queueRetag(database.db, codebook.version);
    await enqueueJob(database.db, "retag", {}, null); // a second job for the same re-tag, so both workers step through it
    const [a, b] = await Promise.all([runJobsFor(database.db, 60_000), runJobsFor(database.db, 60_000)]);
    // Two jobs, each claimed at least once; on a loaded machine a slice can end mid-job and hand it back, and
    // the other worker then claims it again. What must hold is below: every statement re-tagged exactly once.
    expect(a.claimed + b.claimed).toBeGreaterThanOrEqual(2);
    expect(a.steps + b.steps).toBeGreaterThan(2);
    const [retag] = await database.db.select().from(retagJobs).orderBy(asc(retagJobs.id));
    expect(retag).toMatchObject({ status: "done", total: 90, done: 90 }); // a batch done twice would count past 90
    expect(await database.db.select().from(jobs).where(eq(jobs.state, "done"))).toHaveLength(2);
    const incremental = await cells(database);
    expect(incremental.length).toBeGreaterThan(20);
    await rebuildCells(database.db);
    expect(await cells(database)).toEqual(incremental);
  }, 120_000);
});

describe("the tick route", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dyad-tick-"));
  const env = { ...process.env };
  beforeAll(() => {
    process.env.PGLITE_DIR = dir;
    delete process.env.DATABASE_URL;
    delete process.env.VERCEL;
  });
  afterAll(async () => {
    const { closeDatabase } = await import("@/db/client");
    await closeDatabase();
    process.env = env;
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses without the secret and does one bounded slice with it", async () => {
    const { getDatabase } = await import("@/db/client");
    const { GET, POST } = await import("@/app/api/jobs/tick/route");
    const database = await getDatabase();
    await migrateDatabase(database);
    await queueRetag(database.db, 1);
    const call = (authorization?: string) =>
      GET(new Request("http://localhost/api/jobs/tick", { headers: authorization ? { authorization } : {} }));

    delete process.env.DYAD_JOBS_SECRET;
    const closed = await call("Bearer anything");
    expect(closed.status).toBe(403);
    expect((await closed.json()).error).toMatch(/DYAD_JOBS_SECRET/);

    process.env.DYAD_JOBS_SECRET = "s3cret-for-the-cron";
    expect((await call()).status).toBe(401);
    expect((await call("Bearer wrong")).status).toBe(401);
    expect((await call("s3cret-for-the-cron")).status).toBe(401);
    expect(await database.db.select({ state: jobs.state }).from(jobs)).toEqual([{ state: "queued" }]); // nothing ran

    const ran = await POST(
      new Request("http://localhost/api/jobs/tick", { method: "POST", headers: { authorization: "Bearer s3cret-for-the-cron" } }),
    );
    expect(ran.status).toBe(200);
    expect(await ran.json()).toMatchObject({ claimed: 1, done: 1 });
    expect(await database.db.select({ state: jobs.state }).from(jobs)).toEqual([{ state: "done" }]);
    expect((await database.db.select().from(retagJobs))[0]).toMatchObject({ status: "done" });

    // The slice is bounded by its time, not by the work left.
    await enqueueJob(database.db, testKind("endless"));
    const started = Date.now();
    const slice = await runJobsTick(database.db, "Bearer s3cret-for-the-cron", 200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(slice).toMatchObject({ claimed: 1, retried: 1 }); // no worker knows "endless": a clear error, retried later
    const [endless] = await database.db.select().from(jobs).where(eq(jobs.kind, "endless"));
    expect(endless!.lastError).toBe('no worker knows jobs of kind "endless"');
  }, 60_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("migrations on a fresh Postgres", () => {
  it("two instances migrating at once both succeed", async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `dyad_migrate_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const first = await openDatabase({ driver: "postgres", location: url.toString() });
    const second = await openDatabase({ driver: "postgres", location: url.toString() });
    try {
      await Promise.all([migrateDatabase(first), migrateDatabase(second)]);
      const applied = await first.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect((applied as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThanOrEqual(15);
      expect(await first.db.select().from(jobs)).toEqual([]);
    } finally {
      await first.close();
      await second.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
