/**
 * `npm run bench:load`: `next start` on 127.0.0.1 against a Postgres server, hammered by autocannon.
 *   1. the dashboard, 2. /api/v1/series — each with N connections for D seconds, first with the read cache off
 *      (DYAD_CACHE=off), then on, side by side, with the ratio of their throughputs; and each server's CPU time
 *      per dashboard page, measured over sequential requests;
 *   3. with the cache on, a mix of both while staff save tags (through the DAL, with version locks) and a bulk
 *      import runs; afterwards every tag written must be present.
 * Prints p50/p95/p99, requests/s, errors and the server's peak resident memory.
 *
 * Database: BENCH_DATABASE_URL (e.g. a 100 k-statement corpus from `npm run bench:generate`), else a fresh
 * database on TEST_DATABASE_URL's server seeded with the demo corpus. `--short` (CI) runs 5 s phases with 10
 * connections and fails only on errors or lost tags; the full run (60 s, 50 connections) also checks the targets.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDatabase } from "@/lib/boot/seed";
import { statements, tags, themes, users } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { DalError } from "@/lib/dal/errors";
import { addThemeTag } from "@/lib/dal/tags";
import { percentile } from "@/lib/engine/stats";
import { freshDatabase } from "./import";
import { cliArgs, numberArg } from "@/scripts/lib/cli";
import { sharedData } from "@/scripts/lib/data-path";
import { sessionCookie as signInOverHttp } from "@/scripts/lib/http-sign-in";

const PORT = 3170;
const BASE = `http://127.0.0.1:${PORT}`;
const TARGETS = { readP95: 200, mixP95: 500, cachedPageCpuMs: 10 };
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

interface PhaseResult {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** What the errors were: connection errors, requests past autocannon's 10 s timeout, non-2xx answers. */
  errorKinds: string;
}

async function main() {
  const { values } = cliArgs("usage: npm run bench:load -- [--short] [--duration SECONDS] [--connections N]", {
    short: { type: "boolean" },
    duration: { type: "string" },
    connections: { type: "string" },
  });
  const duration = numberArg(values.duration, "duration", values.short ? 5 : 60);
  const connections = numberArg(values.connections, "connections", values.short ? 10 : 50);
  const { url, drop } = await benchDatabase();
  const database = await openDatabase({ driver: "postgres", location: url });
  let server: ChildProcess | null = null;
  try {
    const corpus = await corpusSize(database);
    console.log(
      `Load: ${corpus.statements} statements, ${corpus.pairs} pairs; ${connections} connections × ${duration} s per phase; load average ${loadAverage()}\n`,
    );
    const analyst = DEMO_ACCOUNTS.find((a) => a.role === "analyst")!;
    const pair = corpus.busiestPair;
    const dashboard = `/dashboard?pair=${pair}&interval=month&theme=energy-security&theme=counterterrorism&theme=nagorno-karabakh&theme=democracy`;
    const series = `/api/v1/series?pair=${pair}&interval=month&theme=energy-security&theme=counterterrorism&theme=nagorno-karabakh&theme=democracy`;

    const results: PhaseResult[] = [];
    const cpu: Record<string, number> = {};
    let cookie = "";
    // The same server twice, the read cache off and then on: the same corpus, build and machine, minutes apart.
    for (const cache of ["off", "on"] as const) {
      server = await startServer(url, { DYAD_CACHE: cache });
      cookie = await sessionCookie(analyst.email, analyst.password);
      cpu[cache] = await cpuPerRequest(server.pid!, dashboard, cookie, values.short ? 20 : 100);
      results.push(await hammer(`dashboard, cache ${cache}`, [dashboard], cookie, connections, duration));
      results.push(await hammer(`/api/v1/series, cache ${cache}`, [series], cookie, connections, duration));
      if (cache === "off") await stopServer(server);
    }
    const writer = tagWriter(database, duration);
    const importer = bulkImport(url);
    results.push(await hammer("mix, cache on: reads + tag saves + bulk import", [dashboard, series], cookie, connections, duration));
    const written = await writer;
    const imported = await importer;
    const missing = await missingTags(database, written.tags);

    printTable(results);
    const [dashOff, seriesOff, dashOn, seriesOn] = results;
    console.log(
      `\nCached / uncached throughput: dashboard ${(dashOn!.perSecond / Math.max(1, dashOff!.perSecond)).toFixed(1)}×, /api/v1/series ${(seriesOn!.perSecond / Math.max(1, seriesOff!.perSecond)).toFixed(1)}×`,
    );
    console.log(
      `Server CPU per dashboard page (sequential requests): cache off ${cpu.off!.toFixed(1)} ms, cache on (hits) ${cpu.on!.toFixed(1)} ms`,
    );
    console.log(
      `Tag saves during the mix: ${written.tags.length} saved, ${written.conflicts} refused as stale and retried, ${missing} missing afterwards`,
    );
    console.log(`Bulk import during the mix: ${imported}`);
    console.log(
      `Server peak resident memory (cache on): ${(peakRssKb(server!.pid!) / 1024).toFixed(0)} MB; load average at the end ${loadAverage()}`,
    );

    const cached = [dashOn!, seriesOn!];
    const failures = [
      ...results.filter((r) => r.errors > 0).map((r) => `${r.name}: ${r.errors} errors (${r.errorKinds})`),
      ...(missing > 0 ? [`${missing} tags written during the mix are missing`] : []),
      ...(values.short
        ? []
        : [
            ...cached.filter((r) => r.p95 > TARGETS.readP95).map((r) => `${r.name}: p95 ${r.p95} ms > ${TARGETS.readP95} ms`),
            ...results
              .slice(4)
              .filter((r) => r.p95 > TARGETS.mixP95)
              .map((r) => `${r.name}: p95 ${r.p95} ms > ${TARGETS.mixP95} ms`),
            ...(cpu.on! > TARGETS.cachedPageCpuMs
              ? [`dashboard page on a cache hit: ${cpu.on!.toFixed(1)} ms of server CPU > ${TARGETS.cachedPageCpuMs} ms`]
              : []),
          ]),
    ];
    if (failures.length > 0) {
      console.error(`\nFAILED:\n  ${failures.join("\n  ")}`);
      process.exitCode = 1;
    }
  } finally {
    if (server) await stopServer(server);
    await database.close();
    await drop();
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ");
}

/** CPU time (user + system) of a process and its children so far, in ms, from /proc. */
function cpuMs(pid: number): number {
  const ticks = processTree(pid).reduce((sum, p) => {
    const stat = existsSync(`/proc/${p}/stat`) ? readFileSync(`/proc/${p}/stat`, "utf8") : "";
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return sum + Number(fields[11] ?? 0) + Number(fields[12] ?? 0); // utime, stime (fields 14 and 15)
  }, 0);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** The server's CPU per request for `path`, one request at a time after a few to warm up. */
async function cpuPerRequest(pid: number, path: string, cookie: string, requests: number): Promise<number> {
  const get = async () => {
    const response = await fetch(`${BASE}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < 5; i++) await get();
  const before = cpuMs(pid);
  for (let i = 0; i < requests; i++) await get();
  return (cpuMs(pid) - before) / requests;
}

async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, drop: async () => {} };
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error("set BENCH_DATABASE_URL (a prepared corpus) or TEST_DATABASE_URL (a server to make a demo database on)");
  const { database, location, drop } = await freshDatabase("postgres", server);
  await migrateDatabase(database);
  await seedDatabase(database.db, { demoAccounts: true });
  return { url: location, drop };
}

async function corpusSize({ db }: Database) {
  const rows = (await db.execute(sql`select
      (select count(*) from statements)::int as statements,
      (select count(distinct (speaker_iso3, counterpart_iso3)) from statement_pairs)::int as pairs,
      (select speaker_iso3 || '>' || counterpart_iso3 from statement_pairs group by 1 order by count(*) desc limit 1) as busiest`)) as unknown as {
    rows: { statements: number; pairs: number; busiest: string | null }[];
  };
  const row = rows.rows[0]!;
  return { statements: row.statements, pairs: row.pairs, busiestPair: row.busiest ?? "USA>AZE" };
}

async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
  const server = spawn(process.execPath, ["scripts/ops/start.mjs", "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      DYAD_DEMO_ACCOUNTS: "1",
      NEXTAUTH_URL: BASE,
      NEXTAUTH_SECRET: "bench-load-secret",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error("the server exited during start-up");
    if (
      await fetch(`${BASE}/signin`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start within 2 minutes");
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    server.once("exit", () => resolve());
    server.kill("SIGTERM");
  });
}

/** A process, its children and theirs. */
function processTree(pid: number): number[] {
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  return [pid, ...children(pid).flatMap((c) => [c, ...children(c)])];
}

/** Peak resident memory (VmHWM) of the server and its children, from /proc. */
function peakRssKb(pid: number): number {
  return processTree(pid).reduce((sum, p) => {
    const match = /VmHWM:\s+(\d+)/.exec(existsSync(`/proc/${p}/status`) ? readFileSync(`/proc/${p}/status`, "utf8") : "");
    return sum + Number(match?.[1] ?? 0);
  }, 0);
}

async function sessionCookie(email: string, password: string): Promise<string> {
  const session = await signInOverHttp(BASE, email, password);
  if (!session) throw new Error(`could not sign in as ${email}`);
  return session.split(";")[0]!;
}

async function hammer(name: string, paths: string[], cookie: string, connections: number, duration: number): Promise<PhaseResult> {
  const latencies: number[] = [];
  const result = await autocannon({
    url: BASE,
    connections,
    duration,
    headers: { cookie },
    requests: paths.map((p) => ({ method: "GET" as const, path: p })),
    setupClient: (client) => client.on("response", (_status: number, _bytes: number, ms: number) => latencies.push(ms)),
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(percentile(latencies, q) || 0);
  return {
    name,
    requests: result.requests.total,
    perSecond: Math.round(result.requests.average),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: result.errors + result.non2xx, // autocannon counts a timeout as an error too
    errorKinds: `${result.errors - result.timeouts} connection, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`,
  };
}

/** Staff adding theme tags to random statements for the length of the mix, each against the version it read. */
async function tagWriter({ db }: Database, seconds: number) {
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.role, "staff")).limit(1);
  const ctx = { db, userId: staff!.id };
  const slugs = (await db.select({ slug: themes.slug }).from(themes).where(eq(themes.enabled, true))).map((t) => t.slug);
  const written: { statementId: number; theme: string }[] = [];
  let conflicts = 0;
  const [{ maxId } = { maxId: 0 }] = await db.select({ maxId: sql<number>`max(${statements.id})` }).from(statements);
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const [target] = await db
      .select({ id: statements.id, version: statements.version })
      .from(statements)
      .where(gte(statements.id, Math.floor(Math.random() * maxId)))
      .orderBy(asc(statements.id))
      .limit(1);
    const theme = slugs[Math.floor(Math.random() * slugs.length)]!;
    try {
      await addThemeTag(ctx, { statementId: target!.id, theme, version: target!.version });
      written.push({ statementId: target!.id, theme });
    } catch (error) {
      if (error instanceof DalError && error.code === "conflict") conflicts++;
      else throw error;
    }
  }
  return { tags: written, conflicts };
}

async function missingTags({ db }: Database, written: { statementId: number; theme: string }[]): Promise<number> {
  let missing = 0;
  for (const { statementId, theme } of written) {
    const [row] = await db
      .select({ id: tags.id })
      .from(tags)
      .innerJoin(themes, eq(themes.id, tags.themeId))
      .where(and(eq(tags.statementId, statementId), eq(themes.slug, theme), eq(tags.status, "accepted")))
      .limit(1);
    if (!row) missing++;
  }
  return missing;
}

/** The CLI import of the UN dev corpus (or the demo corpus) into the same database, as a separate process. */
function bulkImport(databaseUrl: string): Promise<string> {
  const shared = sharedData("ungd", "ungd-dev.jsonl.gz");
  const file = existsSync(shared) ? shared : path.join(process.cwd(), "data", "demo", "ungd-1981-2023.jsonl.gz");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/ops/import.ts", file], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) =>
      code === 0 ? resolve(output.trim().split("\n").at(-1) ?? "done") : reject(new Error(`import failed:\n${output}`)),
    );
  });
}

function printTable(results: PhaseResult[]): void {
  console.log(`${"phase".padEnd(48)} requests   req/s   p50 ms   p95 ms   p99 ms   errors`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(48)} ${String(r.requests).padStart(8)} ${String(r.perSecond).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p95).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
