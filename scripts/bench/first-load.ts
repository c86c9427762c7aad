/**
 * First-load JavaScript per page, read from the production build: the framework chunks every page loads plus
 * the chunks of the root layout and of the page itself, each gzipped as a server would send it.
 * Budget from issue #5: the dashboard ≤ 200 kB gzipped.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { cliArgs, isMain } from "@/scripts/lib/cli";

const NEXT_DIR = path.join(process.cwd(), ".next");
const DASHBOARD_BUDGET_KB = 200;

export interface FirstLoad {
  page: string;
  gzipKb: number;
}

export interface FirstLoadReport {
  pages: FirstLoad[];
  /** The biggest chunk no page loads up front: the charts (recharts), fetched once the dashboard is up. */
  largestOnDemandKb: number;
}

type ClientManifest = { entryJSFiles?: Record<string, string[]> };

function readClientManifest(file: string): ClientManifest | undefined {
  const holder = globalThis as unknown as { __RSC_MANIFEST?: Record<string, ClientManifest> };
  holder.__RSC_MANIFEST = {};
  new Function(readFileSync(file, "utf8"))();
  return Object.values(holder.__RSC_MANIFEST)[0];
}

function pageManifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageManifests(file);
    return entry.name === "page_client-reference-manifest.js" ? [file] : [];
  });
}

/** Null when there is no production build to read (run `npx next build` first). */
export function measureFirstLoad(): FirstLoadReport | null {
  const buildManifest = path.join(NEXT_DIR, "build-manifest.json");
  if (!existsSync(buildManifest)) return null;
  const rootMainFiles = (JSON.parse(readFileSync(buildManifest, "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
  const gzipped = new Map<string, number>();
  const sizeOf = (chunk: string) => {
    if (!gzipped.has(chunk)) gzipped.set(chunk, gzipSync(readFileSync(path.join(NEXT_DIR, chunk))).length);
    return gzipped.get(chunk)!;
  };
  const appDir = path.join(NEXT_DIR, "server", "app");
  const upFront = new Set<string>();
  const pages = pageManifests(appDir)
    .map((file) => {
      const page = "/" + path.relative(appDir, path.dirname(file)).split(path.sep).join("/");
      const entries = readClientManifest(file)?.entryJSFiles ?? {};
      const ownEntries = Object.entries(entries).filter(([key]) => key === "[project]/app/layout" || key.endsWith(`/app${page}/page`));
      const chunks = new Set([...rootMainFiles, ...ownEntries.flatMap(([, files]) => files)]);
      for (const chunk of chunks) upFront.add(chunk);
      const bytes = [...chunks].reduce((sum, chunk) => sum + sizeOf(chunk), 0);
      return { page: page === "/" ? "/" : page.replace(/\/$/, ""), gzipKb: bytes / 1024 };
    })
    .filter((p) => !p.page.startsWith("/_"))
    .sort((a, b) => a.page.localeCompare(b.page));
  const chunkDir = path.join(NEXT_DIR, "static", "chunks");
  const onDemand = readdirSync(chunkDir)
    .map((name) => `static/chunks/${name}`)
    .filter((chunk) => chunk.endsWith(".js") && !upFront.has(chunk));
  const largestOnDemandKb = Math.max(0, ...onDemand.map(sizeOf)) / 1024;
  return { pages, largestOnDemandKb };
}

export function formatFirstLoad(report: FirstLoadReport | null): string {
  if (!report) return "First-load JavaScript: no production build in .next (run `npx next build`), skipped.";
  const { pages, largestOnDemandKb } = report;
  const lines = pages.map((p) => `  ${p.page.padEnd(22)} ${p.gzipKb.toFixed(1).padStart(7)} kB`);
  const dashboard = pages.find((p) => p.page === "/dashboard");
  const verdict = dashboard
    ? `dashboard ${dashboard.gzipKb.toFixed(1)} kB of a ${DASHBOARD_BUDGET_KB} kB budget (${((100 * dashboard.gzipKb) / DASHBOARD_BUDGET_KB).toFixed(0)}%)`
    : "no dashboard page in the build";
  return [
    `First-load JavaScript per page (gzipped, from the build): ${verdict}`,
    ...lines,
    `  largest chunk loaded on demand (the charts): ${largestOnDemandKb.toFixed(1)} kB`,
  ].join("\n");
}

if (isMain(import.meta.url)) {
  cliArgs("usage: npx tsx scripts/bench/first-load.ts (first-load JavaScript per page; needs a production build)", {});
  console.log(formatFirstLoad(measureFirstLoad()));
}
