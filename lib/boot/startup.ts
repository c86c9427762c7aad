import { releaseLeftoverLeases } from "@/lib/dal/internal/job-queue";
import { ensureFeedPolls } from "@/lib/dal/internal/feed-poll";
import { startJobLoop } from "@/lib/dal/internal/job-runner";
import { resumeRetag } from "@/lib/dal/internal/retag";
import { queueToneRescore } from "@/lib/dal/internal/tone-rescore";
import { closeDatabase, getDatabase, type Driver } from "@/db/client";
import { migrateDatabase, underSeedLock } from "@/db/migrate";
import { seedDatabase } from "./seed";

/** Demo accounts exist on the embedded database; on a server only when DYAD_DEMO_ACCOUNTS=1 asks for them. */
export function demoAccountsEnabled(driver: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DYAD_DEMO_ACCOUNTS !== undefined) return env.DYAD_DEMO_ACCOUNTS === "1";
  return driver === "pglite";
}

/**
 * The job worker runs inside the app unless DYAD_JOBS_IN_PROCESS=0 says a separate `npm run worker` (or, on
 * Vercel, where no process outlives its request, the cron-called tick route) does the work.
 */
export function jobsInProcess(driver: Driver, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DYAD_JOBS_IN_PROCESS !== undefined) return env.DYAD_JOBS_IN_PROCESS !== "0";
  return driver !== "vercel";
}

export async function prepareDatabase(): Promise<void> {
  const started = Date.now();
  const database = await getDatabase();
  closeOnSignals();
  await migrateDatabase(database);
  const seeded = await underSeedLock(database, () => seedDatabase(database.db, { demoAccounts: demoAccountsEnabled(database.driver) }));
  console.log(`[dyad] ${database.driver} database ready in ${Date.now() - started} ms`, seeded);
  if (database.driver === "pglite") await releaseLeftoverLeases(database.db); // one process: leases left are from before a restart
  await resumeRetag(database.db); // a re-tag cut off, or statements another tagger tagged
  await ensureFeedPolls(database.db); // every followed source has its next poll planned
  // Brings tone scored by an older engine up to date; not awaited, as it may rebuild the cells once first.
  void queueToneRescore(database.db).catch((error) =>
    console.error("[dyad] queueing the tone re-analysis failed; it is tried again on the next start", error),
  );
  if (jobsInProcess(database.driver)) startJobLoop(database.db);
}

/** PGlite needs close() on exit, or the next start runs crash recovery (NEXT_MANUAL_SIG_HANDLE hands us the signals). */
function closeOnSignals(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      closeDatabase()
        .catch((error) => console.error("[dyad] closing the database failed", error))
        .finally(() => process.exit(0));
    });
  }
}
