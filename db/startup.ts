import { runRetagInBackground } from "@/lib/dal/retag";
import { runToneRescoreInBackground } from "@/lib/dal/tone-rescore";
import { closeDatabase, getDatabase } from "./client";
import { migrateDatabase } from "./migrate";
import { seedDatabase } from "./seed";

/** Demo accounts exist on the embedded database; on a server only when DYAD_DEMO_ACCOUNTS=1 asks for them. */
export function demoAccountsEnabled(driver: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.DYAD_DEMO_ACCOUNTS !== undefined) return env.DYAD_DEMO_ACCOUNTS === "1";
  return driver === "pglite";
}

export async function prepareDatabase(): Promise<void> {
  const started = Date.now();
  const database = await getDatabase();
  closeOnSignals();
  await migrateDatabase(database);
  const seeded = await seedDatabase(database.db, { demoAccounts: demoAccountsEnabled(database.driver) });
  console.log(`[dyad] ${database.driver} database ready in ${Date.now() - started} ms`, seeded);
  void runRetagInBackground(database.db); // resumes a re-tag that a restart interrupted
  void runToneRescoreInBackground(database.db); // brings tone scored by an older engine up to date
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
