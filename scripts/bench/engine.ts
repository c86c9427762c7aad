/**
 * Throughput of the app's path (lib/engine/read.ts: clean → segment → tag → tone → countries, as an import runs it)
 * over the whole UN General Debate dev corpus on one core, with codebooks of 30, 300 and 3,000 phrases, beside
 * ripgrep matching the same phrases in the same text.
 * Run directly (`tsx scripts/bench/engine.ts`) to print; `runEngineBench()` returns the figures.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CODEBOOK, parsePhrase } from "@/lib/engine/codebook";
import { readStatement } from "@/lib/engine/read";
import { compileCodebook } from "@/lib/engine/tag";
import type { ThemeDefinition } from "@/lib/engine/types";
import { cliArgs, isMain } from "@/scripts/lib/cli";
import { readJsonl, sharedData } from "@/scripts/lib/data-path";

const CORPUS = sharedData("ungd", "ungd-dev.jsonl.gz");
const RIPGREP = "/usr/bin/rg";
/** Best of seven: with three, one slow round in the warm-up (JIT, GC) moved the figure by a third between runs. */
const ROUNDS = 7;

export interface CodebookRun {
  phrases: number;
  /** Best of ROUNDS rounds, wall clock. */
  seconds: number;
  mbPerSecond: number;
  /** Best of ROUNDS rounds, CPU time of this process: what one core costs when other work shares the machine. */
  cpuSeconds: number;
  cpuMbPerSecond: number;
  ripgrepSeconds: number | null;
  ripgrepMbPerSecond: number | null;
  /** Dyad's speed over ripgrep's (above 1: Dyad is faster). */
  ratio: number | null;
}

export interface EngineBench {
  corpus: string;
  statements: number;
  megabytes: number;
  runs: CodebookRun[];
  ripgrep: string;
}

/**
 * Word pairs and triples of the corpus as extra phrases, sampled evenly across frequencies (seen at least three
 * times): real text that matches, but not only the commonest pairs ("united nations"), which no codebook would hold.
 */
function corpusNgrams(texts: string[], wanted: number): string[] {
  const counts = new Map<string, number>();
  for (const text of texts.slice(0, 200)) {
    const words = text.toLowerCase().match(/[a-z]{4,}/g) ?? [];
    for (let i = 0; i + 2 < words.length; i++) {
      const pair = `${words[i]} ${words[i + 1]}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
      const triple = `${pair} ${words[i + 2]}`;
      counts.set(triple, (counts.get(triple) ?? 0) + 1);
    }
  }
  const grams = [...counts.entries()].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const stride = Math.max(1, Math.floor(grams.length / wanted));
  return grams
    .filter((_, i) => i % stride === 0)
    .slice(0, wanted)
    .map(([gram]) => gram);
}

/** The default codebook cut or padded to `size` phrases; padding goes into one extra theme. */
function codebookOf(size: number, ngrams: string[]): ThemeDefinition[] {
  let left = size;
  const themes = DEFAULT_CODEBOOK.map((t) => {
    const phrases = t.rules.phrases.slice(
      0,
      Math.max(0, Math.min(t.rules.phrases.length, Math.ceil(size / DEFAULT_CODEBOOK.length), left)),
    );
    left -= phrases.length;
    return { ...t, rules: { ...t.rules, phrases, exclusions: [] } };
  });
  const extra: ThemeDefinition = {
    slug: "bench-ngrams",
    name: "Bench n-grams",
    color: "#BBBBBB",
    parent: null,
    enabled: true,
    rules: { phrases: ngrams.slice(0, left), exclusions: [], weight: 1 },
  };
  return [...themes, extra];
}

function phrasesOf(themes: ThemeDefinition[]): string[] {
  return themes.flatMap((t) => t.rules.phrases).map((p) => parsePhrase(p).words.replace(/\*/g, ""));
}

function timeEngine(themes: ThemeDefinition[], texts: string[]): { wall: number; cpu: number } {
  const codebook = compileCodebook(themes);
  let wall = Infinity;
  let cpu = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (const text of texts) readStatement(text, codebook);
    const used = process.cpuUsage(cpuStarted);
    wall = Math.min(wall, performance.now() - started);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall: wall / 1000, cpu: cpu / 1000 };
}

function timeRipgrep(phrases: string[], corpusFile: string, dir: string): number | null {
  if (!existsSync(RIPGREP)) return null;
  const patterns = join(dir, `phrases-${phrases.length}.txt`);
  writeFileSync(patterns, phrases.join("\n") + "\n");
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const run = spawnSync(RIPGREP, ["-F", "-i", "-w", "-c", "-f", patterns, corpusFile], { encoding: "utf8" });
    if (run.status !== 0 && run.status !== 1) return null;
    best = Math.min(best, performance.now() - started);
  }
  return best / 1000;
}

export function runEngineBench(sizes = [30, 300, 3000]): EngineBench {
  const texts = readJsonl<{ text: string }>(CORPUS).map((r) => r.text);
  const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
  const ngrams = corpusNgrams(texts, Math.max(...sizes));
  const dir = mkdtempSync(join(tmpdir(), "dyad-bench-"));
  try {
    const corpusFile = join(dir, "ungd.txt");
    writeFileSync(corpusFile, texts.join("\n\n"));
    const runs = sizes.map((size): CodebookRun => {
      const themes = codebookOf(size, ngrams);
      const { wall: seconds, cpu: cpuSeconds } = timeEngine(themes, texts);
      const ripgrepSeconds = timeRipgrep(phrasesOf(themes), corpusFile, dir);
      const mbPerSecond = megabytes / seconds;
      const ripgrepMbPerSecond = ripgrepSeconds === null ? null : megabytes / ripgrepSeconds;
      return {
        phrases: phrasesOf(themes).length,
        seconds,
        mbPerSecond,
        cpuSeconds,
        cpuMbPerSecond: megabytes / cpuSeconds,
        ripgrepSeconds,
        ripgrepMbPerSecond,
        ratio: ripgrepMbPerSecond === null ? null : mbPerSecond / ripgrepMbPerSecond,
      };
    });
    const ripgrep = existsSync(RIPGREP)
      ? (spawnSync(RIPGREP, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0] ?? "ripgrep")
      : "ripgrep not installed";
    return { corpus: CORPUS, statements: texts.length, megabytes, runs, ripgrep };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatEngineBench(bench: EngineBench): string {
  const lines = [
    `Engine, the app's path (clean, segment, tag, tone, countries; one core) over ${bench.statements} UNGD speeches, ${bench.megabytes.toFixed(1)} MB; ${bench.ripgrep} (-F -i -w -c -f, same phrases without *)`,
    "phrases   engine s   engine MB/s   (CPU MB/s)   ripgrep s   ripgrep MB/s   engine/ripgrep",
  ];
  for (const r of bench.runs) {
    lines.push(
      [
        String(r.phrases).padStart(7),
        r.seconds.toFixed(3).padStart(10),
        r.mbPerSecond.toFixed(1).padStart(13),
        `(${r.cpuMbPerSecond.toFixed(1)})`.padStart(12),
        (r.ripgrepSeconds?.toFixed(3) ?? "–").padStart(11),
        (r.ripgrepMbPerSecond?.toFixed(1) ?? "–").padStart(14),
        (r.ratio?.toFixed(2) ?? "–").padStart(16),
      ].join(" "),
    );
  }
  return lines.join("\n");
}

if (isMain(import.meta.url)) {
  cliArgs("usage: npx tsx scripts/bench/engine.ts (the engine part of npm run bench; needs ../shared/data)", {});
  if (!existsSync(CORPUS)) console.log(`No corpus at ${CORPUS}: the engine benchmark needs ../shared/data.`);
  else console.log(formatEngineBench(runEngineBench()));
}
