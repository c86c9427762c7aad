// `npm run bench`: every speed figure the issues ask for, each beside its baseline. Needs ../shared/data;
// set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a Postgres server to measure it too. The chart queries at
// scale are measured on a generated corpus when there is one: BENCH_SCALE_DATABASE_URL (a server database
// filled by `npm run bench:generate -- --database-url …`) and/or .data/bench-pglite (the embedded one).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatEngineBench, runEngineBench } from "./engine";
import { benchTarget, DEFAULT_BENCH_PGLITE, type BenchTarget } from "./database";
import { formatFirstLoad, measureFirstLoad } from "./first-load";
import { formatImportBench, runImportBench } from "./import";
import { formatScaleBench, runScaleBench, type ScaleBench } from "./scale";
import { formatReportBench, runReportBench } from "./reports";
import { formatRetrainBench, runRetrainBench } from "./retrain";
import { cliArgs } from "@/scripts/lib/cli";

const RESULTS = path.join(process.cwd(), "bench-results");

async function main() {
  cliArgs("usage: npm run bench (every speed figure; needs ../shared/data, see docs/benchmarks.md)", {});
  const previousFile = path.join(RESULTS, "latest.json");
  const previous = existsSync(previousFile) ? (JSON.parse(readFileSync(previousFile, "utf8")) as Record<string, unknown>) : null;
  const engine = runEngineBench();
  console.log(formatEngineBench(engine));
  const imports = await runImportBench();
  console.log(`\n${formatImportBench(imports)}`);
  const scale: ScaleBench[] = [];
  for (const target of scaleTargets()) {
    scale.push(await runScaleBench(target, { raw: true, runs: 30 }));
    console.log(`\nChart queries at scale (ms)\n${formatScaleBench(scale.at(-1)!)}`);
  }
  if (scale.length === 0)
    console.log("\nChart queries at scale: no generated corpus (npm run bench:generate; see README, Benchmarks › Scale).");
  const reports = await runReportBench();
  console.log(`\n${formatReportBench(reports)}`);
  const retrain = await runRetrainBench();
  console.log(`\n${formatRetrainBench(retrain)}`);
  const firstLoad = measureFirstLoad();
  console.log(`\n${formatFirstLoad(firstLoad)}`);
  if (previous)
    console.log(`\nPrevious run (bench-results/latest.json before this one):\n${JSON.stringify(previous, null, 1).slice(0, 2000)}`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    previousFile,
    JSON.stringify({ at: new Date().toISOString(), engine, imports, scale, reports, retrain, firstLoad }, null, 1),
  );
}

function scaleTargets(): BenchTarget[] {
  const targets: BenchTarget[] = [];
  const url = process.env.BENCH_SCALE_DATABASE_URL;
  if (url) targets.push(benchTarget({ "database-url": url }));
  if (existsSync(DEFAULT_BENCH_PGLITE)) targets.push(benchTarget({}));
  return targets;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
