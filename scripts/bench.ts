// `npm run bench`: every speed figure the issues ask for, each beside its baseline. Needs ../shared/data;
// set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a Postgres server to measure it too.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatEngineBench, runEngineBench } from "./bench-engine";
import { formatImportBench, runImportBench } from "./bench-import";
import { formatReportBench, runReportBench } from "./bench-reports";

const RESULTS = path.join(process.cwd(), "bench-results");

async function main() {
  const previousFile = path.join(RESULTS, "latest.json");
  const previous = existsSync(previousFile) ? (JSON.parse(readFileSync(previousFile, "utf8")) as Record<string, unknown>) : null;
  const engine = runEngineBench();
  console.log(formatEngineBench(engine));
  const imports = await runImportBench();
  console.log(`\n${formatImportBench(imports)}`);
  const reports = await runReportBench();
  console.log(`\n${formatReportBench(reports)}`);
  if (previous) console.log(`\nPrevious run (bench-results/latest.json before this one):\n${JSON.stringify(previous, null, 1).slice(0, 2000)}`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(previousFile, JSON.stringify({ at: new Date().toISOString(), engine, imports, reports }, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
