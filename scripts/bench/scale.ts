// `npm run bench:scale -- [--database-url postgres://…] [--pglite-dir DIR] [--http http://127.0.0.1:3000] [--no-raw]`:
// chart queries on a generated corpus (`npm run bench:generate`), read from the series cells, beside the same
// queries computed from raw rows by Postgres and by DuckDB. p50/p95 in milliseconds.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { themes as themeTable, users } from "@/db/schema";
import { createApiToken } from "@/lib/dal/api-tokens";
import { listPairs, listThemes } from "@/lib/dal/catalog";
import { currentActor, type DalContext } from "@/lib/dal/context";
import { eventsFor } from "@/lib/dal/events";
import { pairSeries, pairThemeOverview, type PairSeriesQuery } from "@/lib/dal/pair-series";
import { CORE_THEMES } from "@/lib/engine/codebook";
import { percentile } from "@/lib/engine/stats";
import { BENCH_TARGET_OPTIONS, benchTarget, openBenchDatabase, type BenchTarget } from "./database";
import { DUCK_OVERVIEW_SQL, duckSeriesSql, EXPORTS, rawOverviewSql, rawSeriesSql, type RawSeriesQuery } from "@/scripts/lib/raw-queries";
import { cliArgs, isMain } from "@/scripts/lib/cli";

const PAIR = { speaker: "USA", counterpart: "AZE" };
const SERIES_QUERY: PairSeriesQuery = {
  pairs: [PAIR],
  bothDirections: false,
  themes: CORE_THEMES,
  interval: "month",
  measure: "statements",
  scale: "count",
};
const SERIES_PARAMS = `pair=${PAIR.speaker}>${PAIR.counterpart}&${CORE_THEMES.map((t) => `theme=${t}`).join("&")}&interval=month`;

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
}

export interface ScaleRow {
  query: string;
  target: number | null;
  cells: Timing;
  raw?: Timing;
  duckdb?: Timing;
}

export interface ScaleBench {
  database: string;
  statements: number;
  tags: number;
  cells: Record<string, number>;
  /** 1-minute load average when the bench ended: the machine is shared. */
  load: number;
  rows: ScaleRow[];
}

async function time(runs: number, fn: () => Promise<unknown>, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { runs, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

/** The analyst the bench reads as (made once in the bench database). */
async function benchAnalyst(db: Database["db"]): Promise<number> {
  const email = "bench-analyst@dyad.local";
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const [row] = await db
    .insert(users)
    .values({ email, name: "Bench analyst", passwordHash: "-", role: "analyst" })
    .returning({ id: users.id });
  return row!.id;
}

/** What the dashboard page asks the DAL for, in the same order and grouping. */
async function dashboardCalls(ctx: DalContext, query: PairSeriesQuery) {
  await currentActor(ctx);
  await Promise.all([listPairs(ctx), listThemes(ctx)]);
  await Promise.all([pairSeries(ctx, query), eventsFor(ctx, query.pairs), pairThemeOverview(ctx, { from: query.from, to: query.to })]);
}

const count = async (db: Database["db"], table: string) =>
  Number(((await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);

/** Flat raw rows exported from Postgres once (server-side COPY), kept as Parquet for DuckDB. */
async function duckdbOver(database: Database, target: BenchTarget, statements: number) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const url = new URL(target.config.location);
  const dir = path.join(tmpdir(), `dyad-bench-raw-${url.port}${url.pathname.replace(/\W/g, "_")}`);
  const stamp = path.join(dir, "stamp.json");
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const fresh = existsSync(stamp) && (JSON.parse(readFileSync(stamp, "utf8")) as { statements: number }).statements === statements;
  const instance = await DuckDBInstance.create(":memory:");
  const duck = await instance.connect();
  const started = performance.now();
  for (const [name, select] of Object.entries(EXPORTS)) {
    const csv = path.join(dir, `${name}.csv`);
    const parquet = path.join(dir, `${name}.parquet`);
    if (!fresh) {
      await database.db.execute(sql.raw(`copy (${select}) to '${csv}' with (format csv, header)`));
      await duck.run(`copy (select * from read_csv('${csv}', header = true)) to '${parquet}' (format parquet)`);
      rmSync(csv);
    }
    await duck.run(`create table ${name} as select * from read_parquet('${parquet}')`);
  }
  if (!fresh) writeFileSync(stamp, JSON.stringify({ statements }));
  const loadSeconds = (performance.now() - started) / 1000;
  return {
    loadSeconds,
    exported: !fresh,
    run: (text: string) => duck.runAndReadAll(text),
    close: () => duck.closeSync(),
  };
}

async function timeHttp(runs: number, url: string, token: string): Promise<Timing> {
  return time(runs, async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await response.arrayBuffer();
  });
}

export async function runScaleBench(
  target: BenchTarget,
  options: { raw: boolean; http?: string; runs?: number } = { raw: true },
): Promise<ScaleBench> {
  const database = await openBenchDatabase(target);
  try {
    const db = database.db;
    const statements = await count(db, "statements");
    if (statements === 0) throw new Error(`${target.label} holds no statements: run npm run bench:generate first.`);
    const ctx: DalContext = { db, userId: await benchAnalyst(db) };
    const runs = options.runs ?? 40;
    const themeIds = (await db.select({ id: themeTable.id, slug: themeTable.slug }).from(themeTable))
      .filter((t) => CORE_THEMES.includes(t.slug))
      .map((t) => t.id);
    const raw: RawSeriesQuery = { ...PAIR, themeIds, interval: "month" };
    const rows: ScaleRow[] = [];
    // Targets: ≤ 50 ms for the series API and ≤ 300 ms for the dashboard on a server; ≤ 150 ms on the embedded database.
    const embedded = database.driver === "pglite";
    const goal = (server: number | null) => (embedded ? 150 : server);

    const series: ScaleRow = {
      query: "series: 1 pair × 4 themes, 30 years monthly (DAL)",
      target: goal(50),
      cells: await time(runs, () => pairSeries(ctx, SERIES_QUERY)),
    };
    const overview: ScaleRow = {
      query: "overview: all pairs × themes, 30 years (DAL)",
      target: goal(null),
      cells: await time(runs, () => pairThemeOverview(ctx, {}, 1000)),
    };
    const ragged: ScaleRow = {
      query: "series, range 1995-03-15..2022-10-20 (DAL)",
      target: goal(50),
      cells: await time(runs, () => pairSeries(ctx, { ...SERIES_QUERY, from: "1995-03-15", to: "2022-10-20" })),
    };
    const dashboard: ScaleRow = {
      query: "dashboard page: its DAL calls (monthly, 4 themes)",
      target: goal(300),
      cells: await time(runs, () => dashboardCalls(ctx, SERIES_QUERY)),
    };
    if (options.raw) {
      series.raw = await time(Math.min(runs, 10), () => db.execute(rawSeriesSql(raw)), 1);
      overview.raw = await time(3, () => db.execute(rawOverviewSql()), 1);
      ragged.raw = await time(Math.min(runs, 10), () => db.execute(rawSeriesSql({ ...raw, from: "1995-03-15", to: "2022-10-20" })), 1);
      // Server-side COPY to a file needs a superuser on a local server (as the throwaway one is).
      const duck =
        database.driver === "postgres"
          ? await duckdbOver(database, target, statements).catch((error: Error) =>
              console.log(`[bench:scale] no DuckDB reference: ${error.message}`),
            )
          : undefined;
      if (duck) {
        console.log(
          `[bench:scale] DuckDB: raw rows ${duck.exported ? "exported from Postgres and " : ""}loaded in ${duck.loadSeconds.toFixed(1)} s`,
        );
        series.duckdb = await time(Math.min(runs, 10), () => duck.run(duckSeriesSql(raw)), 1);
        overview.duckdb = await time(5, () => duck.run(DUCK_OVERVIEW_SQL), 1);
        ragged.duckdb = await time(Math.min(runs, 10), () => duck.run(duckSeriesSql({ ...raw, from: "1995-03-15", to: "2022-10-20" })), 1);
        duck.close();
      }
    }
    rows.push(series, ragged, overview, dashboard);
    if (options.http) {
      const { token } = await createApiToken(ctx, { name: `bench ${new Date().toISOString()}` });
      rows.push({
        query: "GET /api/v1/series (HTTP, bearer token)",
        target: 50,
        cells: await timeHttp(runs, `${options.http}/api/v1/series?${SERIES_PARAMS}`, token),
      });
      rows.push({
        query: "GET /dashboard, default view: yearly (HTTP)",
        target: 300,
        cells: await timeHttp(runs, `${options.http}/dashboard?pair=${PAIR.speaker}>${PAIR.counterpart}`, token),
      });
      rows.push({
        query: "GET /dashboard, 30 years monthly (HTTP)",
        target: 300,
        cells: await timeHttp(runs, `${options.http}/dashboard?${SERIES_PARAMS}`, token),
      });
    }
    const cells: Record<string, number> = {};
    for (const table of ["series_cells", "series_cells_month", "series_cells_year", "series_cells_all"])
      cells[table] = await count(db, table);
    return {
      database: `${target.label} (${database.driver})`,
      statements,
      tags: await count(db, "tags"),
      cells,
      load: loadavg()[0]!,
      rows,
    };
  } finally {
    await database.close();
  }
}

const ms = (x: number | undefined) => (x === undefined ? "—" : x < 10 ? x.toFixed(1) : x.toFixed(0));
const ratio = (slow: Timing | undefined, fast: Timing) => (slow ? `${(slow.p95 / fast.p95).toFixed(1)}×` : "—");

export function formatScaleBench(b: ScaleBench): string {
  const head = `${b.database}: ${b.statements.toLocaleString("en")} statements, ${b.tags.toLocaleString("en")} tags; cells day/month/year/all ${Object.values(
    b.cells,
  )
    .map((n) => n.toLocaleString("en"))
    .join(" / ")}; load average ${b.load.toFixed(1)} on ${cpus().length} cores`;
  const lines = [
    head,
    "query                                                 | target | cells p50 | cells p95 | raw PG p95 | raw/cells | DuckDB p95 | DuckDB/cells",
    ...b.rows.map((r) =>
      [
        r.query.padEnd(53),
        (r.target ? `≤ ${r.target}` : "—").padStart(6),
        ms(r.cells.p50).padStart(9),
        ms(r.cells.p95).padStart(9),
        ms(r.raw?.p95).padStart(10),
        ratio(r.raw, r.cells).padStart(9),
        ms(r.duckdb?.p95).padStart(10),
        ratio(r.duckdb, r.cells).padStart(12),
      ].join(" | "),
    ),
  ];
  return lines.join("\n");
}

async function main() {
  const { values } = cliArgs(
    "usage: npm run bench:scale -- [--database-url postgres://…] [--pglite-dir DIR] [--http http://127.0.0.1:3000] [--no-raw]",
    { ...BENCH_TARGET_OPTIONS, http: { type: "string" }, "no-raw": { type: "boolean" } },
  );
  const bench = await runScaleBench(benchTarget(values), { raw: !values["no-raw"], http: values.http });
  console.log(formatScaleBench(bench));
}

if (isMain(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
