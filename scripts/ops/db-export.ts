// `npm run db:export -- <file>`: writes a backup archive (gzipped JSON lines with a manifest) of everything
// but secrets. With the embedded database, stop the server first (PGlite allows one process per directory).
import { closeDatabase, configFromEnv, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { exportArchive } from "@/lib/dal/internal/backup";
import { cliArgs } from "@/scripts/lib/cli";

async function main() {
  const usage = "usage: npm run db:export -- <file.dyad.jsonl.gz>";
  const [file, ...extra] = cliArgs(usage, {}, { positionals: true }).positionals;
  if (!file || extra.length > 0) throw new Error(usage);
  const database = await getDatabase();
  await migrateDatabase(database);
  const started = performance.now();
  const manifest = await exportArchive(database.db, file);
  await closeDatabase();
  console.log(`[dyad] ${configFromEnv().driver} database written to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const t of manifest.tables) console.log(`  ${t.name.padEnd(18)} ${t.rows}`);
  console.log("  (password hashes, API tokens and job history are not included)");
}

main().catch(async (error) => {
  console.error(error instanceof Error ? `db:export failed: ${error.message}` : error);
  await closeDatabase().catch(() => undefined);
  process.exit(1);
});
