import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** What every driver's drizzle instance and transaction have in common. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = "pglite" | "postgres" | "vercel";

export interface DatabaseConfig {
  driver: Driver;
  /** Connection string (postgres, vercel) or data directory (pglite; "memory://" for in-memory). */
  location: string;
}

export interface Database {
  db: Db;
  driver: Driver;
  close(): Promise<void>;
}

/**
 * Nothing set → embedded PGlite in a file-backed directory; DATABASE_URL → node-postgres;
 * POSTGRES_URL with VERCEL set → @vercel/postgres.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.VERCEL && env.POSTGRES_URL) return { driver: "vercel", location: env.POSTGRES_URL };
  if (env.DATABASE_URL) return { driver: "postgres", location: env.DATABASE_URL };
  return { driver: "pglite", location: path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR ?? ".data/pglite") };
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  switch (config.driver) {
    case "pglite":
      return openPglite(config.location);
    case "postgres":
      return openNodePostgres(config.location);
    case "vercel":
      return openVercelPostgres(config.location);
  }
}

async function openPglite(location: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = location.startsWith("memory://");
  if (!inMemory) mkdirSync(path.dirname(location), { recursive: true });
  const client = await PGlite.create(inMemory ? undefined : location);
  return { db: drizzle(client, { schema }) as unknown as Db, driver: "pglite", close: () => client.close() };
}

async function openNodePostgres(url: string): Promise<Database> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  pool.on("error", logIdleClientError);
  return { db: drizzle(pool, { schema }) as unknown as Db, driver: "postgres", close: () => pool.end() };
}

async function openVercelPostgres(url: string): Promise<Database> {
  if (process.env.DYAD_NEON_WS_PROXY) {
    const { routeThroughLocalWebSocketProxy } = await import("./vercel-local-proxy");
    await routeThroughLocalWebSocketProxy(process.env.DYAD_NEON_WS_PROXY);
  }
  const { createPool } = await import("@vercel/postgres");
  const { drizzle } = await import("drizzle-orm/vercel-postgres");
  const pool = createPool({ connectionString: url });
  pool.on("error", logIdleClientError);
  return { db: drizzle(pool, { schema }) as unknown as Db, driver: "vercel", close: () => pool.end() };
}

/** A pooled connection that dies while idle (server restart, admin termination) must not crash the process. */
function logIdleClientError(error: Error): void {
  console.error(`[dyad] an idle database connection failed: ${error.message}`);
}

/**
 * One database per process, kept on globalThis: Next bundles route handlers, pages and instrumentation
 * separately, each with its own copy of this module, and a module-level variable gave each bundle its own
 * PGlite on the same directory — writes made by a page were invisible to a route handler (and two PGlite
 * instances on one directory can corrupt it).
 */
const SHARED = Symbol.for("dyad.database");
const holder = globalThis as typeof globalThis & { [SHARED]?: Promise<Database> };

/** The process-wide database, opened on first use (never at import time, so builds touch no database). */
export function getDatabase(): Promise<Database> {
  holder[SHARED] ??= openDatabase(configFromEnv());
  return holder[SHARED];
}

export async function closeDatabase(): Promise<void> {
  const open = holder[SHARED];
  holder[SHARED] = undefined;
  if (open) await (await open).close();
}
