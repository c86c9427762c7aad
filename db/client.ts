import { chmodSync, mkdirSync, readdirSync } from "node:fs";
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

const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;

/**
 * The embedded database holds password hashes, and PGlite writes its files world-readable (0666) whatever the
 * umask: the folder is closed to everyone but its owner, and the files are narrowed as well.
 */
function restrictToOwner(dir: string): void {
  chmodSync(dir, OWNER_ONLY_DIR);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) chmodSync(file, OWNER_ONLY_DIR);
    else if (entry.isFile()) chmodSync(file, OWNER_ONLY_FILE);
  }
}

async function openPglite(location: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = location.startsWith("memory://");
  if (!inMemory) mkdirSync(location, { recursive: true, mode: OWNER_ONLY_DIR });
  const client = await PGlite.create(inMemory ? undefined : location);
  if (!inMemory) restrictToOwner(location);
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    driver: "pglite",
    close: async () => {
      await client.close();
      if (!inMemory) restrictToOwner(location);
    },
  };
}

async function openNodePostgres(url: string): Promise<Database> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  pool.on("error", logConnectionError);
  // A connection killed while checked out (inside a transaction, between its queries) errors on the client,
  // not the pool; the transaction's next query fails and rolls back, and the process must live on.
  pool.on("connect", (client) => client.on("error", logConnectionError));
  return { db: drizzle(pool, { schema }) as unknown as Db, driver: "postgres", close: () => endWhenIdle(pool) };
}

async function openVercelPostgres(url: string): Promise<Database> {
  if (process.env.DYAD_NEON_WS_PROXY) {
    const { routeThroughLocalWebSocketProxy } = await import("./vercel-local-proxy");
    await routeThroughLocalWebSocketProxy(process.env.DYAD_NEON_WS_PROXY);
  }
  const { createPool } = await import("@vercel/postgres");
  const { drizzle } = await import("drizzle-orm/vercel-postgres");
  const pool = createPool({ connectionString: url });
  pool.on("error", logConnectionError);
  return { db: drizzle(pool, { schema }) as unknown as Db, driver: "vercel", close: () => endWhenIdle(pool) };
}

interface Pool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  end(): Promise<void>;
}

/**
 * Ends a pool once no query has been running or waiting for 100 ms (at most 5 s): a request still being answered
 * when the server is told to stop finishes its queries instead of failing on an ended pool.
 */
async function endWhenIdle(pool: Pool): Promise<void> {
  const busy = () => pool.totalCount > pool.idleCount || pool.waitingCount > 0;
  for (let waited = 0, quiet = 0; waited < 5000 && quiet < 100; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    quiet = busy() ? 0 : quiet + 20;
  }
  await pool.end();
}

/** A pooled connection that dies (server restart, admin termination) must not crash the process. */
function logConnectionError(error: Error): void {
  console.error(`[dyad] a database connection failed: ${error.message}`);
}

/**
 * Kept on globalThis, not in a module variable: Next bundles this module more than once (instrumentation,
 * pages and server actions, route handlers such as sign-in), and two PGlite instances on one directory
 * would each see only their own writes (a user created on a page could not sign in).
 */
const processWide = globalThis as typeof globalThis & { __dyadDatabase?: Promise<Database>; __dyadClosing?: boolean };

/** The process-wide database, opened on first use (never at import time, so builds touch no database). */
export function getDatabase(): Promise<Database> {
  processWide.__dyadDatabase ??= openDatabase(configFromEnv());
  return processWide.__dyadDatabase;
}

/** True while the process-wide database is being closed: the server is stopping, and new requests get a 503. */
export function databaseClosing(): boolean {
  return processWide.__dyadClosing === true;
}

/** Closes the process-wide database; requests already running keep it until their queries are done. */
export async function closeDatabase(): Promise<void> {
  const open = processWide.__dyadDatabase;
  processWide.__dyadClosing = true;
  try {
    if (open) await (await open).close();
  } finally {
    if (processWide.__dyadDatabase === open) processWide.__dyadDatabase = undefined;
    processWide.__dyadClosing = false;
  }
}

/** The rows of an `execute` result: node-postgres, PGlite and neon return { rows }, some drivers a bare array. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
