import path from "node:path";
import type { Database } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies the committed drizzle-kit migrations; safe to run on every start. */
export async function migrateDatabase({ db, driver }: Database): Promise<void> {
  switch (driver) {
    case "pglite": {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      return migrate(db as never, { migrationsFolder });
    }
    case "postgres": {
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      return migrate(db as never, { migrationsFolder });
    }
    case "vercel": {
      const { migrate } = await import("drizzle-orm/vercel-postgres/migrator");
      return migrate(db as never, { migrationsFolder });
    }
  }
}
