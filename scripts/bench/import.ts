/**
 * Bulk import of the UN General Debate dev corpus (644 speeches) through the whole pipeline — read, clean,
 * segment, tag, tone, write with series cells — into a fresh embedded database and, when a server is given,
 * a fresh Postgres database. Baseline: the same rows written as bare statements, no analysis, no passages.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database, type DatabaseConfig } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedCodebook, seedCountries } from "@/lib/boot/seed";
import { statements, users } from "@/db/schema";
import { runBulkImport, startBulkImport } from "@/lib/dal/imports";
import { contentHash } from "@/lib/engine/hash";
import { bulkDrafts, guessMapping, readBulkRecords } from "@/lib/ingest/bulk";
import { sharedData } from "@/scripts/lib/data-path";

const CORPUS = sharedData("ungd", "ungd-dev.jsonl.gz");

export interface ImportRun {
  driver: string;
  statements: number;
  textMegabytes: number;
  seconds: number;
  baselineSeconds: number;
}

/** An empty database for one bench run: a temporary PGlite directory, or a new database on the server. */
export async function freshDatabase(
  driver: "pglite" | "postgres",
  serverUrl?: string,
): Promise<{ database: Database; location: string; drop(): Promise<void> }> {
  if (driver === "pglite") {
    const dir = mkdtempSync(path.join(tmpdir(), "dyad-bench-"));
    const location = path.join(dir, "pglite");
    const database = await openDatabase({ driver, location });
    return { database, location, drop: async () => (await database.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `dyad_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ driver, location: url.toString() } satisfies DatabaseConfig);
  return {
    database,
    location: url.toString(),
    drop: async () => {
      await database.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

async function importOnce(driver: "pglite" | "postgres", serverUrl?: string): Promise<ImportRun> {
  const bytes = new Uint8Array(readFileSync(CORPUS));
  const measure = async (
    write: (db: Database["db"], userId: number, records: Awaited<ReturnType<typeof readBulkRecords>>) => Promise<void>,
  ) => {
    const { database, drop } = await freshDatabase(driver, serverUrl);
    await migrateDatabase(database);
    await seedCountries(database.db);
    await seedCodebook(database.db);
    const [user] = await database.db
      .insert(users)
      .values({ email: "bench@dyad.local", name: "bench", passwordHash: "-", role: "staff" })
      .returning({ id: users.id });
    const started = performance.now();
    await write(database.db, user!.id, await readBulkRecords("ungd-dev.jsonl.gz", bytes));
    const seconds = (performance.now() - started) / 1000;
    await drop();
    return seconds;
  };
  let count = 0;
  let characters = 0;
  const seconds = await measure(async (db, userId, records) => {
    const ctx = { db, userId };
    const mapping = guessMapping(Object.keys("record" in records[0]! ? records[0].record : {}))!;
    const report = await runBulkImport(ctx, await startBulkImport(ctx, "bench"), bulkDrafts(records, mapping));
    if (report.rejected.length > 0) throw new Error(`bench import rejected rows: ${JSON.stringify(report.rejected.slice(0, 3))}`);
    count = report.imported;
    characters = records.reduce((n, r) => n + ("record" in r ? String(r.record.text).length : 0), 0);
  });
  const baselineSeconds = await measure(async (db, _userId, records) => {
    for (const r of records) {
      if (!("record" in r)) continue;
      const text = String(r.record.text);
      await db.insert(statements).values({ title: String(r.record.id), text, originalText: text, contentHash: contentHash(text) });
    }
  });
  return { driver, statements: count, textMegabytes: characters / 1e6, seconds, baselineSeconds };
}

export async function runImportBench(serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL): Promise<ImportRun[]> {
  const runs = [await importOnce("pglite")];
  if (serverUrl) runs.push(await importOnce("postgres", serverUrl));
  return runs;
}

export function formatImportBench(runs: ImportRun[]): string {
  const lines = [
    "Bulk import of ungd-dev.jsonl.gz (cleaned, segmented, tagged, toned, with series cells)",
    "driver    | statements | seconds | statements/s | MB/s (text) | bare-insert baseline s | pipeline/baseline",
  ];
  for (const r of runs) {
    lines.push(
      `${r.driver.padEnd(9)} | ${String(r.statements).padStart(10)} | ${r.seconds.toFixed(1).padStart(7)} | ${(r.statements / r.seconds).toFixed(1).padStart(12)} | ${(r.textMegabytes / r.seconds).toFixed(2).padStart(11)} | ${r.baselineSeconds.toFixed(1).padStart(22)} | ${(r.seconds / r.baselineSeconds).toFixed(1).padStart(16)}×`,
    );
  }
  return lines.join("\n");
}
