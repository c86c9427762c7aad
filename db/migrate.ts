import path from "node:path";
import type { Database } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Any fixed numbers: the keys of the session locks that let one instance at a time migrate, and seed. */
const MIGRATION_LOCK_KEY = 7_163_019;
const SEED_LOCK_KEY = 7_163_020;

interface LockingConnection {
  query(text: string, values?: unknown[]): Promise<unknown>;
  release(): void;
}

/**
 * Applies the committed drizzle-kit migrations; safe to run on every start. On a server several instances may
 * start together: each waits for a session advisory lock, held on a connection of its own around the migration,
 * so the second finds the first's work done instead of racing it. PGlite is one process and needs none.
 */
export async function migrateDatabase({ db, driver }: Database): Promise<void> {
  switch (driver) {
    case "pglite": {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      return migrate(db as never, { migrationsFolder });
    }
    case "postgres": {
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      return underLock(db, MIGRATION_LOCK_KEY, () => migrate(db as never, { migrationsFolder }));
    }
    case "vercel": {
      const { migrate } = await import("drizzle-orm/vercel-postgres/migrator");
      return underLock(db, MIGRATION_LOCK_KEY, () => migrate(db as never, { migrationsFolder }));
    }
  }
}

/**
 * Runs start-up seeding one instance at a time: it checks what is there, then adds what is missing, and two
 * instances starting together on an empty database would both find nothing and both add it.
 */
export async function underSeedLock<T>({ db, driver }: Database, run: () => Promise<T>): Promise<T> {
  return driver === "pglite" ? run() : underLock(db, SEED_LOCK_KEY, run);
}

async function underLock<T>(db: Database["db"], key: number, run: () => Promise<T>): Promise<T> {
  const pool = (db as unknown as { $client: { connect(): Promise<LockingConnection> } }).$client;
  const connection = await pool.connect();
  try {
    await connection.query("select pg_advisory_lock($1)", [key]);
    try {
      return await run();
    } finally {
      await connection.query("select pg_advisory_unlock($1)", [key]);
    }
  } finally {
    connection.release();
  }
}
