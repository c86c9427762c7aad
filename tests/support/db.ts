import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import pg from "pg";
import { openDatabase, type Database, type Db, type Driver } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import * as schema from "@/db/schema";
import { startWsProxy } from "./ws-proxy";

/** Every driver the integration suite runs on here: PGlite always; Postgres and @vercel/postgres with TEST_DATABASE_URL. */
export const TEST_DRIVERS: Driver[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres", "vercel"] : ["pglite"];

export interface TestDatabase extends Database {
  db: Db;
}

let pgliteTemplate: Promise<Blob> | undefined;

/** Migrating takes a while, so one in-memory PGlite is migrated per worker and cloned for each test database. */
function migratedPgliteImage(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const database = await openDatabase({ driver: "pglite", location: "memory://" });
    await migrateDatabase(database);
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const image = await client.dumpDataDir("none");
    await database.close();
    return image;
  })();
  return pgliteTemplate;
}

/** A fresh, migrated, empty database on the given driver, dropped again by close(). */
export async function createTestDatabase(driver: Driver): Promise<TestDatabase> {
  if (driver === "pglite") {
    const client = await PGlite.create({ loadDataDir: await migratedPgliteImage() });
    return { db: drizzle(client, { schema }) as unknown as Db, driver, close: () => client.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `dyad_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const proxy = driver === "vercel" ? await startWsProxy() : null;
  if (proxy) process.env.DYAD_NEON_WS_PROXY = proxy.hostPort;
  if (driver === "vercel") url.hostname = "localhost";
  const database = await openDatabase({ driver, location: url.toString() });
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await proxy?.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
