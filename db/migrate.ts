import path from "node:path";
import type { Database } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Any fixed number: the key of the session lock that lets one instance at a time migrate. */
const MIGRATION_LOCK_KEY = 7_163_019;

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
      return underMigrationLock(db, () => migrate(db as never, { migrationsFolder }));
    }
    case "vercel": {
      const { migrate } = await import("drizzle-orm/vercel-postgres/migrator");
      return underMigrationLock(db, () => migrate(db as never, { migrationsFolder }));
    }
  }
}

async function underMigrationLock(db: Database["db"], run: () => Promise<void>): Promise<void> {
  const pool = (db as unknown as { $client: { connect(): Promise<LockingConnection> } }).$client;
  const connection = await pool.connect();
  try {
    await connection.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await run();
    } finally {
      await connection.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    connection.release();
  }
}
