/**
 * Where the engine's time goes: CPU time per MB of each stage of the app's path (clean, scan words, segment, tag,
 * tone, countries) and of the whole path (lib/engine/read.ts), over the UN General Debate dev corpus with the
 * default codebook, best of several rounds. With `--before DIR` (a copy of another revision's lib/engine, e.g.
 * `git archive <rev> lib/engine | tar -x -C DIR`), both engines run in the same process in alternating rounds,
 * so a machine shared with other work slows both alike. Each round also runs the whole path once more with each stage
 * timed where it runs ("inside the path"): stages run one after another on each text push each other's tables out
 * of the cache, so a stage costs more there than alone.
 *   npx tsx scripts/bench/engine-stages.ts [--rounds 6] [--before DIR]
 */
import { loadavg } from "node:os";
import path from "node:path";
import { cliArgs, isMain, numberArg } from "@/scripts/lib/cli";
import { readJsonl, sharedData } from "@/scripts/lib/data-path";

const CORPUS = sharedData("ungd", "ungd-dev.jsonl.gz");
const STAGES = ["clean", "scan", "segment", "tag", "tone", "countries", "whole path"] as const;
type Stage = (typeof STAGES)[number];

/** The entry points of one copy of lib/engine, loaded from its directory. */
interface Engine {
  label: string;
  run: Record<Stage, () => void>;
  /** One pass of the path over the corpus as read.ts runs it: CPU ms of each stage (countries with ranking). */
  insidePath: () => number[];
}

async function loadEngine(label: string, dir: string, texts: string[]): Promise<Engine> {
  const from = (file: string) => import(path.resolve(dir, file));
  const { clean } = await from("clean.ts");
  const { scanWords } = await from("words.ts");
  const { segment } = await from("segment.ts");
  const { compileCodebook } = await from("tag.ts");
  const { tagStatement } = await from("tag.ts");
  const { scoreStatementTone } = await from("tone.ts");
  const { findCountryMentions, rankMentions } = await from("gazetteer.ts");
  const { readStatement } = await from("read.ts");
  const { DEFAULT_CODEBOOK } = await from("codebook.ts");
  const codebook = compileCodebook(DEFAULT_CODEBOOK);
  // Each stage reads what the stage before gave, worked out once here so a stage's time is its own.
  const cleaned: string[] = texts.map((t) => clean(t).text);
  const words = cleaned.map((t) => scanWords(t));
  const passages = cleaned.map((t) => segment(t));
  const each = (fn: (i: number) => void) => () => {
    for (let i = 0; i < texts.length; i++) fn(i);
  };
  return {
    label,
    run: {
      clean: each((i) => clean(texts[i])),
      scan: each((i) => scanWords(cleaned[i])),
      segment: each((i) => segment(cleaned[i])),
      tag: each((i) => tagStatement(codebook, cleaned[i], passages[i], words[i])),
      tone: each((i) => scoreStatementTone(cleaned[i], passages[i], words[i])),
      countries: each((i) => findCountryMentions(cleaned[i], words[i], { date: null })),
      "whole path": each((i) => readStatement(texts[i], codebook)),
    },
    insidePath: () => {
      const used = INSIDE.map(() => 0);
      let last = cpuNow();
      const lap = (stage: number) => {
        const now = cpuNow();
        used[stage]! += now - last;
        last = now;
      };
      for (const raw of texts) {
        last = cpuNow();
        const { text } = clean(raw);
        lap(0);
        const scanned = scanWords(text);
        lap(1);
        const parts = segment(text);
        lap(2);
        tagStatement(codebook, text, parts, scanned);
        lap(3);
        scoreStatementTone(text, parts, scanned);
        lap(4);
        rankMentions(findCountryMentions(text, scanned, { date: null }), null, text);
        lap(5);
      }
      return used;
    },
  };
}

const INSIDE = STAGES.slice(0, -1);

/** CPU time of this process so far, in ms. */
function cpuNow(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

function cpuMs(fn: () => void): number {
  const started = process.cpuUsage();
  fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

async function main() {
  const args = cliArgs("usage: npx tsx scripts/bench/engine-stages.ts [--rounds N] [--before DIR]", {
    rounds: { type: "string" },
    before: { type: "string" },
  }).values;
  const rounds = numberArg(args.rounds, "rounds", 6);
  const texts = readJsonl<{ text: string }>(CORPUS).map((r) => r.text);
  const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
  const engines: Engine[] = [];
  if (args.before) engines.push(await loadEngine("before", path.join(args.before, "lib", "engine"), texts));
  engines.push(await loadEngine(args.before ? "after" : "engine", path.join(process.cwd(), "lib", "engine"), texts));
  const best = new Map<string, number>();
  const load = [loadavg()[0]!];
  for (let round = 0; round < rounds; round++) {
    // Alternate which engine goes first, so neither always runs on a warmer or quieter machine.
    const order = round % 2 === 0 ? engines : [...engines].reverse();
    for (const stage of STAGES)
      for (const engine of order) {
        const key = `${engine.label}|${stage}`;
        best.set(key, Math.min(best.get(key) ?? Infinity, cpuMs(engine.run[stage])));
      }
    for (const engine of order)
      engine.insidePath().forEach((ms, i) => {
        const key = `${engine.label}|inside|${INSIDE[i]}`;
        best.set(key, Math.min(best.get(key) ?? Infinity, ms));
      });
  }
  load.push(loadavg()[0]!);
  console.log(`${texts.length} UNGD speeches, ${megabytes.toFixed(1)} MB; best of ${rounds} rounds, ms of CPU time per MB`);
  console.log(`load average ${load.map((l) => l.toFixed(1)).join(" → ")}`);
  console.log(["stage".padEnd(12), ...engines.map((e) => e.label.padStart(10))].join(""));
  for (const stage of STAGES) {
    const cells = engines.map((e) => (best.get(`${e.label}|${stage}`)! / megabytes).toFixed(1).padStart(10));
    console.log([stage.padEnd(12), ...cells].join(""));
  }
  const sum = (e: Engine) => STAGES.slice(0, -1).reduce((s, stage) => s + best.get(`${e.label}|${stage}`)!, 0) / megabytes;
  console.log(["sum".padEnd(12), ...engines.map((e) => sum(e).toFixed(1).padStart(10))].join(""));
  const rate = (e: Engine) => (megabytes / (best.get(`${e.label}|whole path`)! / 1000)).toFixed(1).padStart(10);
  console.log(["MB/s (path)".padEnd(12), ...engines.map(rate)].join(""));
  console.log("inside the whole path (each stage timed where it runs; countries with ranking)");
  for (const stage of INSIDE) {
    const cells = engines.map((e) => (best.get(`${e.label}|inside|${stage}`)! / megabytes).toFixed(1).padStart(10));
    console.log([stage.padEnd(12), ...cells].join(""));
  }
}

if (isMain(import.meta.url))
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
