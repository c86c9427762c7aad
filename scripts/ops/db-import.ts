// `npm run db:import -- <file>`: restores a backup archive into an EMPTY database (any driver), in one
// transaction, and prints a one-time set-password link for every enabled user (archives hold no passwords).
import { closeDatabase, configFromEnv, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { BackupError, importArchive } from "@/lib/dal/internal/backup";
import { cliArgs } from "@/scripts/lib/cli";

async function main() {
  const usage = "usage: npm run db:import -- <file.dyad.jsonl.gz>";
  const [file, ...extra] = cliArgs(usage, {}, { positionals: true }).positionals;
  if (!file || extra.length > 0) throw new Error(usage);
  const database = await getDatabase();
  await migrateDatabase(database);
  const started = performance.now();
  const { manifest, links } = await importArchive(database.db, file);
  await closeDatabase();
  console.log(
    `[dyad] restored ${file} (made ${manifest.createdAt}) into the ${configFromEnv().driver} database in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const t of manifest.tables) console.log(`  ${t.name.padEnd(18)} ${t.rows}`);
  const base = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  console.log(`\nRestored accounts have no password. Each person sets one with their link (valid 7 days, once):`);
  for (const l of links) console.log(`  ${l.email.padEnd(32)} ${base}${l.path}`);
}

main().catch(async (error) => {
  console.error(error instanceof BackupError ? `db:import refused: ${error.message}` : error);
  await closeDatabase().catch(() => undefined);
  process.exit(1);
});
