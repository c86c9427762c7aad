/**
 * Report exports at scale: 100,000 statements (with pairs, passages, tags and series cells, written in bulk
 * by SQL — this measures the export, not the import) in a fresh embedded database and, when a server is given,
 * a fresh Postgres database. Measured: the streamed statements CSV (rows/s, growth of resident memory over the
 * baseline) and a PDF report of at least 20 pages (seconds, from the query to the last byte).
 * Targets: ≥ 20,000 rows/s and ≤ 100 MB growth; 20 pages ≤ 10 s.
 */
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedCodebook, seedCountries } from "@/lib/boot/seed";
import { users } from "@/db/schema";
import { buildReport, openReportStatements } from "@/lib/dal/reports";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { statementsCsv } from "@/lib/export/report-csv";
import { freshDatabase } from "./import";
import { reportPdf } from "@/lib/export/report-pdf";
import { reportSpecSchema } from "@/lib/export/report-spec";
import { cliArgs, isMain } from "@/scripts/lib/cli";

const STATEMENTS = Number(process.env.BENCH_REPORT_STATEMENTS ?? 100_000);

export interface ReportBench {
  driver: string;
  statements: number;
  csvRows: number;
  csvSeconds: number;
  csvMegabytes: number;
  rssBaselineMb: number;
  rssGrowthMb: number;
  pdfPages: number;
  pdfSeconds: number;
  /** Of pdfSeconds, the queries that build the report model. */
  pdfModelSeconds: number;
  /** One-minute load average when the CSV run started: other work on the machine slows every figure. */
  loadAverage: number;
}

/** Statements spread over 2000–2021, every one USA → AZE, every third also USA → RUS; themes energy security (all) and democracy (every other). */
export async function fillDatabase(database: Database): Promise<number> {
  const { db } = database;
  await migrateDatabase(database);
  await seedCountries(db);
  await seedCodebook(db);
  const [manager] = await db
    .insert(users)
    .values({ email: "bench@dyad.local", name: "Bench Manager", passwordHash: "-", role: "manager" })
    .returning({ id: users.id });
  await db.execute(sql`
    insert into statements (title, text, original_text, date, date_precision, speaker_name, speaker_country, content_hash, tone)
    select 'Statement ' || g || (case when g % 997 = 0 then ' =HYPERLINK("x")' else '' end),
      'Energy security and democracy were discussed with our partners, statement ' || g || '.',
      'raw', date '2000-01-01' + (g % 8000), 'day', 'Speaker ' || (g % 50), 'USA', md5(g::text) || md5((g + 1)::text), ((g % 200) - 100) / 100.0
    from generate_series(1, ${STATEMENTS}) g`);
  await db.execute(sql`insert into statement_pairs (statement_id, speaker_iso3, counterpart_iso3, origin, is_primary, mentions)
    select id, 'USA', 'AZE', 'metadata', true, 1 from statements`);
  await db.execute(sql`insert into statement_pairs (statement_id, speaker_iso3, counterpart_iso3, origin, is_primary, mentions)
    select id, 'USA', 'RUS', 'mention', false, 1 from statements where id % 3 = 0`);
  await db.execute(sql`insert into passages (statement_id, ordinal, start_offset, end_offset, tone)
    select id, 0, 0, length(text), tone from statements`);
  await db.execute(sql`insert into tags (statement_id, passage_id, theme_id, origin, status, confidence, codebook_version)
    select p.statement_id, p.id, th.id, 'auto', 'suggested', 0.5 + (p.id % 50) / 100.0, 1
    from passages p join themes th on th.slug = 'energy-security'`);
  await db.execute(sql`insert into tags (statement_id, passage_id, theme_id, origin, status, confidence, codebook_version)
    select p.statement_id, p.id, th.id, 'auto', (case when p.id % 10 = 0 then 'rejected' else 'accepted' end)::tag_status, 0.8, 1
    from passages p join themes th on th.slug = 'democracy' where p.statement_id % 2 = 0`);
  await rebuildCells(db);
  await db.execute(sql`analyze`);
  return manager!.id;
}

const rssMb = () => process.memoryUsage().rss / 1e6;

async function benchOnce(driver: "pglite" | "postgres", serverUrl?: string): Promise<ReportBench> {
  const { database, drop } = await freshDatabase(driver, serverUrl);
  try {
    const userId = await fillDatabase(database);
    const ctx = { db: database.db, userId };
    const csvSpec = reportSpecSchema.parse({ pairs: [{ speaker: "USA", counterpart: "AZE" }], themes: ["energy-security", "democracy"] });

    await new Promise((r) => setTimeout(r, 200));
    const loadAverage = loadavg()[0]!;
    const rssBaselineMb = rssMb();
    let peak = rssBaselineMb;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 25);
    const started = performance.now();
    const reader = statementsCsv(await openReportStatements(ctx, csvSpec, { name: "bench", format: "csv-statements" })).getReader();
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) lines++;
      peak = Math.max(peak, rssMb());
    }
    const csvSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    // Monthly series over 22 years for two pairs and four themes, with their tables and 10 passages per theme: 20+ pages.
    const pdfSpec = reportSpecSchema.parse({
      pairs: [
        { speaker: "USA", counterpart: "AZE" },
        { speaker: "USA", counterpart: "RUS" },
      ],
      themes: ["energy-security", "democracy", "counterterrorism", "nagorno-karabakh"],
      interval: "month",
      passagesPerTheme: 10,
    });
    const pdfStarted = performance.now();
    const model = await buildReport(ctx, pdfSpec, "Bench report");
    const pdfModelSeconds = (performance.now() - pdfStarted) / 1000;
    const pdf = await reportPdf(model);
    const pdfSeconds = (performance.now() - pdfStarted) / 1000;
    const pdfPages = (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;

    return {
      driver,
      statements: STATEMENTS,
      csvRows: lines - 1,
      csvSeconds,
      csvMegabytes: bytes / 1e6,
      rssBaselineMb,
      rssGrowthMb: peak - rssBaselineMb,
      pdfPages,
      pdfSeconds,
      pdfModelSeconds,
      loadAverage,
    };
  } finally {
    await drop();
  }
}

export async function runReportBench(serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL): Promise<ReportBench[]> {
  const runs = [await benchOnce("pglite")];
  if (serverUrl) runs.push(await benchOnce("postgres", serverUrl));
  return runs;
}

export function formatReportBench(runs: ReportBench[]): string {
  const lines = [
    `Report exports over ${STATEMENTS.toLocaleString("en-US")} statements (targets: CSV ≥ 20,000 rows/s and ≤ 100 MB memory growth; 20-page PDF ≤ 10 s)`,
    "driver    | CSV rows | CSV s | rows/s  | CSV MB | RSS before MB | RSS growth MB | PDF pages | PDF s (queries) | load avg",
  ];
  for (const r of runs) {
    lines.push(
      `${r.driver.padEnd(9)} | ${String(r.csvRows).padStart(8)} | ${r.csvSeconds.toFixed(2).padStart(5)} | ${Math.round(
        r.csvRows / r.csvSeconds,
      )
        .toString()
        .padStart(
          7,
        )} | ${r.csvMegabytes.toFixed(1).padStart(6)} | ${r.rssBaselineMb.toFixed(0).padStart(13)} | ${r.rssGrowthMb.toFixed(1).padStart(13)} | ${String(r.pdfPages).padStart(9)} | ${r.pdfSeconds.toFixed(2).padStart(5)} (${r.pdfModelSeconds.toFixed(2)}) | ${r.loadAverage.toFixed(1).padStart(8)}`,
    );
  }
  return lines.join("\n");
}

if (isMain(import.meta.url)) {
  cliArgs("usage: npx tsx scripts/bench/reports.ts (the report part of npm run bench)", {});
  runReportBench()
    .then((runs) => console.log(formatReportBench(runs)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
