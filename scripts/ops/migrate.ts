// `npm run db:migrate`: applies the committed migrations to the configured database (see README: Configuration).
import { closeDatabase, configFromEnv, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { cliArgs } from "@/scripts/lib/cli";

async function main() {
  cliArgs("usage: npm run db:migrate (applies the committed migrations to the configured database)", {});
  await migrateDatabase(await getDatabase());
  await closeDatabase();
  console.log(`[dyad] migrations applied (${configFromEnv().driver})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
