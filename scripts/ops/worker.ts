// `npm run worker`: the background-job worker as a process of its own, for servers that run the app with
// DYAD_JOBS_IN_PROCESS=0 (or beside it: claims are safe however many workers run). Needs a Postgres server.
import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { startJobLoop } from "@/lib/dal/internal/job-runner";
import { cliArgs } from "@/scripts/lib/cli";

async function main() {
  cliArgs("usage: npm run worker (runs background jobs; needs DATABASE_URL, a Postgres server)", {});
  const database = await getDatabase();
  if (database.driver === "pglite") {
    console.error(
      "[dyad] the embedded database belongs to the app's own process, which runs the jobs itself; set DATABASE_URL to run a separate worker",
    );
    await closeDatabase();
    process.exit(1);
  }
  await migrateDatabase(database);
  const stop = startJobLoop(database.db);
  console.log(`[dyad] job worker running (${database.driver}); stop it with Ctrl-C`);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      // The step under way finishes and its job is handed back, so nothing waits for a lease to run out.
      void stop()
        .then(closeDatabase)
        .finally(() => process.exit(0));
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
