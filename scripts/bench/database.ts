// Which database the scale scripts use, and a plain query function on it for bulk SQL with array parameters.
import path from "node:path";
import { openDatabase, type Database, type DatabaseConfig } from "@/db/client";

export const DEFAULT_BENCH_PGLITE = path.join(process.cwd(), ".data", "bench-pglite");

export interface BenchTarget {
  config: DatabaseConfig;
  label: string;
}

/** The options that pick it: --database-url URL (a Postgres server) or --pglite-dir DIR (embedded). */
export const BENCH_TARGET_OPTIONS = { "database-url": { type: "string" }, "pglite-dir": { type: "string" } } as const;

/** A Postgres server, or the embedded database (default .data/bench-pglite, never the app's own). */
export function benchTarget(options: { "database-url"?: string; "pglite-dir"?: string }): BenchTarget {
  const url = options["database-url"];
  if (url) return { config: { driver: "postgres", location: url }, label: `Postgres ${new URL(url).host}${new URL(url).pathname}` };
  const dir = path.resolve(options["pglite-dir"] ?? DEFAULT_BENCH_PGLITE);
  return { config: { driver: "pglite", location: dir }, label: `PGlite ${path.relative(process.cwd(), dir) || dir}` };
}

export async function openBenchDatabase(target: BenchTarget): Promise<Database> {
  return openDatabase(target.config);
}

export interface RawClient {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  release(): void;
}

/**
 * One connection, for statements that must share it (begin … commit). node-postgres and PGlite both take
 * (text, params) with JS arrays as array parameters.
 */
export async function rawClient(database: Database): Promise<RawClient> {
  const client = (database.db as unknown as { $client: { connect?: () => Promise<RawClient> } & Omit<RawClient, "release"> }).$client;
  if (database.driver === "pglite") return { query: (text, params) => client.query(text, params), release: () => undefined };
  return client.connect!();
}
