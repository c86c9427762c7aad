// `npm run import -- <file> [--map text=body,year=yr,…] [--as email]`: bulk import with a progress bar,
// through the same pipeline and report as the browser. With the embedded database, stop the server first
// (PGlite allows one process per data directory).
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { SingleBar } from "cli-progress";
import { asc, eq, inArray } from "drizzle-orm";
import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDatabase } from "@/lib/boot/seed";
import { demoAccountsEnabled } from "@/lib/boot/startup";
import { users } from "@/db/schema";
import { runBulkImport, startBulkImport } from "@/lib/dal/imports";
import { bulkDrafts, guessMapping, MAPPABLE_FIELDS, readBulkRecords, type FieldMapping } from "@/lib/ingest/bulk";
import { cliArgs } from "@/scripts/lib/cli";

async function main() {
  const usage = "usage: npm run import -- <file.csv|json|jsonl|jsonl.gz> [--map text=body,year=yr] [--as email]";
  const { values, positionals } = cliArgs(usage, { map: { type: "string" }, as: { type: "string" } }, { positionals: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error(usage);
  const bytes = new Uint8Array(readFileSync(file));
  const rows = await readBulkRecords(path.basename(file), bytes);
  const columns = [...new Set(rows.slice(0, 50).flatMap((r) => ("record" in r ? Object.keys(r.record) : [])))];
  const mapping = { ...guessMapping(columns), ...parseMap(values.map) } as FieldMapping;
  if (!mapping.text) throw new Error(`no text column found among ${columns.join(", ")}: pass --map text=<column>`);
  console.log(`mapping: ${JSON.stringify(mapping)}`);

  // The database as `npm start` prepares it (demo accounts on the embedded one), less the demo corpus, which
  // the first start still loads: a fresh machine can import before the app has ever run.
  const database = await getDatabase();
  await migrateDatabase(database);
  await seedDatabase(database.db, { demoAccounts: demoAccountsEnabled(database.driver), demoCorpus: false });
  const ctx = { db: database.db, userId: await importerId(database.db, values.as) };
  const jobId = await startBulkImport(ctx, path.basename(file));
  const bar = new SingleBar({
    format:
      "{bar} {percentage}% | {value}/{total} rows | {imported} new, {duplicates} duplicates, {rejected} rejected | {eta_formatted} left",
  });
  bar.start(rows.length, 0, { imported: 0, duplicates: 0, rejected: 0 });
  const started = performance.now();
  const report = await runBulkImport(ctx, jobId, bulkDrafts(rows, mapping), (r) =>
    bar.update(r.processed, { imported: r.imported, duplicates: r.duplicates, rejected: r.rejected.length }),
  );
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `imported ${report.imported}, duplicates ${report.duplicates}, rejected ${report.rejected.length} of ${report.processed} rows in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `${(report.processed / seconds).toFixed(1)} statements/s, ${(statSync(file).size / 1e6 / seconds).toFixed(2)} MB/s (file as stored)`,
  );
  for (const r of report.rejected.slice(0, 50)) console.log(`  row ${r.row}: ${r.reason}`);
  if (report.rejected.length > 50) console.log(`  … and ${report.rejected.length - 50} more`);
  await closeDatabase();
}

function parseMap(spec: string | undefined): Partial<FieldMapping> {
  const mapping: Partial<FieldMapping> = {};
  for (const pair of spec?.split(",") ?? []) {
    const [field, column] = pair.split("=").map((s) => s.trim());
    if (!field || !column || !MAPPABLE_FIELDS.includes(field as keyof FieldMapping)) {
      throw new Error(`--map takes field=column pairs; fields: ${MAPPABLE_FIELDS.join(", ")}`);
    }
    mapping[field as keyof FieldMapping] = column;
  }
  return mapping;
}

/** Imports are done as a person: --as, or the first admin or manager. */
async function importerId(db: Awaited<ReturnType<typeof getDatabase>>["db"], email: string | undefined): Promise<number> {
  const [user] = email
    ? await db.select({ id: users.id }).from(users).where(eq(users.email, email.toLowerCase()))
    : await db
        .select({ id: users.id })
        .from(users)
        .where(inArray(users.role, ["admin", "manager"]))
        .orderBy(asc(users.id))
        .limit(1);
  if (!user)
    throw new Error(
      email ? `no user ${email}` : "no admin or manager exists yet: create one in the app (Admin → Users) or pass --as <email>",
    );
  return user.id;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
